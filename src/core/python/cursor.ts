// Small helpers over Lezer syntax nodes, used only by the lowering files.
import type { SyntaxNode } from '@lezer/common';

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

/** Splits a child list at tokens with the given name (e.g. ","). */
export function splitAt(nodes: SyntaxNode[], sep: string): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === sep) groups.push([]);
    else groups[groups.length - 1].push(n);
  }
  return groups;
}
