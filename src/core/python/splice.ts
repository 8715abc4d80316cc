// Re-parses only the top-level statement an edit falls in (the common keystroke), reusing every other statement's IR.
import type { Tree } from '@lezer/common';
import { parser } from './grammar/parser';
import type { Stmt } from './ir';
import { children } from './cursor';
import { StmtLowerer } from './lowerStmt';
import { shiftIR } from './shift';

/** One top-level statement of a parse without syntax errors: its node's extent and its lowered IR. */
export interface TopStatement {
  readonly from: number;
  readonly to: number;
  readonly stmts: Stmt[];
}

/** The character range an edit replaced (`A`: the old text, `B`: the new one). */
export interface Change {
  readonly fromA: number;
  readonly toA: number;
  readonly fromB: number;
  readonly toB: number;
}

export function changedRange(a: string, b: string): Change {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length,
    endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { fromA: start, toA: endA, fromB: start, toB: endB };
}

/**
 * The statements of `text`, when `text` is `old` edited strictly inside one top-level statement of `tops` (after its
 * first character, before the next statement's) and that statement's new text, from its start to the next statement,
 * parses alone as exactly one statement without errors: what a parse of the whole text gives, since a statement at
 * column 0 starts at the top level and ends before the next one there. Undefined otherwise (the caller parses the whole text).
 */
export function spliceStatement(
  old: string,
  tops: readonly TopStatement[],
  text: string,
  change: Change,
): { body: Stmt[]; tops: TopStatement[] } | undefined {
  const i = statementAt(tops, change.fromA);
  if (i < 0) return undefined;
  const top = tops[i];
  const nextFrom = i + 1 < tops.length ? tops[i + 1].from : old.length;
  if (change.fromA <= top.from || change.toA >= nextFrom) return undefined;
  // The parser accepts a dedent to an unmatched column without an error node: a statement may then start mid-line,
  // and only a statement at column 0 starts at the top level whatever came before it.
  if (!atLineStart(old, top.from) || (nextFrom < old.length && !atLineStart(old, nextFrom))) return undefined;
  const delta = text.length - old.length;
  const snippet = text.slice(top.from, nextFrom + delta);
  // A line continuation at its end would join the next statement in the whole text.
  if (/\\\r?\n\s*$/.test(snippet)) return undefined;
  const tree = parser.parse(snippet);
  const nodes = children(tree.topNode);
  if (nodes.length !== 1 || nodes[0].from !== 0 || hasErrorNode(tree)) return undefined;
  const lowerer = new StmtLowerer(snippet);
  const stmts: Stmt[] = [];
  lowerer.topLevel(nodes[0], stmts);
  if (lowerer.syntaxErrors.length) return undefined;
  const edited: TopStatement = { from: top.from, to: top.from + nodes[0].to, stmts: shiftIR(stmts, top.from) };
  const out: TopStatement[] = tops.slice(0, i);
  out.push(edited);
  for (let j = i + 1; j < tops.length; j++) {
    const t = tops[j];
    out.push(delta ? { from: t.from + delta, to: t.to + delta, stmts: shiftIR(t.stmts, delta) } : t);
  }
  const body: Stmt[] = [];
  for (const t of out) for (const s of t.stmts) body.push(s);
  return { body, tops: out };
}

function atLineStart(text: string, pos: number): boolean {
  const c = pos === 0 ? 10 : text.charCodeAt(pos - 1);
  return c === 10 || c === 13;
}

/** The index of the last statement starting at or before `pos` (-1 when none does). */
function statementAt(tops: readonly TopStatement[], pos: number): number {
  let lo = 0,
    hi = tops.length - 1,
    found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid].from <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Whether the parser recovered from an error anywhere in the tree. The lowering does not report every error node (one
 * inside a decorator's arguments is not), so a splice checks the tree itself, before and after the edit.
 */
export function hasErrorNode(tree: Tree): boolean {
  let found = false;
  tree.iterate({
    enter: (n) => {
      if (found) return false;
      if (n.type.isError) found = true;
      return !found;
    },
  });
  return found;
}
