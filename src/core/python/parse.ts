// The only importer of the Python parser: parses source text (incrementally when given the previous parse) and lowers it to the IR.
import { parser } from './grammar/parser';
import { TreeFragment, type Tree } from '@lezer/common';
import type { Module, Stmt } from './ir';
import { children } from './cursor';
import { StmtLowerer } from './lowerStmt';
import { shiftIR } from './shift';

interface Lowered {
  readonly from: number;
  readonly stmts: Stmt[];
  readonly errors: { s: number; e: number }[];
}

/** An opaque previous parse, for incremental re-parsing and re-lowering after an edit. */
export interface ParseState {
  readonly text: string;
  readonly fragments: readonly TreeFragment[];
  /** Lowered top-level statements by their source text. */
  readonly lowered: ReadonlyMap<string, Lowered>;
}

export function parsePython(source: string): Module {
  return parsePythonIncremental(source).module;
}

function changedRange(a: string, b: string): { fromA: number; toA: number; fromB: number; toB: number } {
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

/** Parses `source`, reusing the syntax tree and the lowered statements of `previous` outside the edited range. */
export function parsePythonIncremental(source: string, previous?: ParseState): { module: Module; state: ParseState } {
  const fragments = previous
    ? TreeFragment.applyChanges(previous.fragments, [changedRange(previous.text, source)])
    : undefined;
  const tree: Tree = parser.parse(source, fragments);
  const lowerer = new StmtLowerer(source);
  const body: Stmt[] = [];
  const syntaxErrors: { s: number; e: number }[] = [];
  const lowered = new Map<string, Lowered>();
  for (const node of children(tree.topNode)) {
    const text = source.slice(node.from, node.to);
    const prev = previous?.lowered.get(text);
    let entry: Lowered;
    if (prev && !node.type.isError) {
      const delta = node.from - prev.from;
      entry =
        delta === 0
          ? prev
          : { from: node.from, stmts: shiftIR(prev.stmts, delta), errors: shiftIR(prev.errors, delta) };
    } else {
      const before = lowerer.syntaxErrors.length;
      const stmts: Stmt[] = [];
      lowerer.topLevel(node, stmts);
      entry = { from: node.from, stmts, errors: lowerer.syntaxErrors.slice(before) };
    }
    if (!lowered.has(text)) lowered.set(text, entry);
    body.push(...entry.stmts);
    syntaxErrors.push(...entry.errors);
  }
  return { module: { body, syntaxErrors }, state: { text: source, fragments: TreeFragment.addTree(tree), lowered } };
}
