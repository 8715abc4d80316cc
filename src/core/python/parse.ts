// The only importer of the Python parser: parses source text (incrementally when given the previous parse) and lowers it to the IR.
import { TreeFragment, type Tree } from '@lezer/common';
import { parser } from './grammar/parser';
import type { Module, ParseError, Stmt } from './ir';
import { children } from './cursor';
import { StmtLowerer } from './lowerStmt';
import { shiftIR } from './shift';
import { placeErrors } from './placeErrors';
import { recoverUnclosed } from './recover';
import { findUnclosed, mayNestTooDeep } from './unclosed';
import { repair } from './repair';
import { changedRange, hasErrorNode, spliceStatement, type TopStatement } from './splice';

interface Lowered {
  readonly from: number;
  readonly stmts: Stmt[];
  readonly errors: ParseError[];
}

/** An opaque previous parse, for incremental re-parsing and re-lowering after an edit. */
export interface ParseState {
  /** The text the fragments belong to (the source, or its repaired form after a syntax error). */
  readonly text: string;
  readonly fragments: readonly TreeFragment[];
  /** Lowered top-level statements by their source text (built from `tops` when first needed). */
  lowered?: ReadonlyMap<string, Lowered>;
  /** The top-level statements in order, when the tree has no error node at all (an edit inside one re-parses it alone). */
  readonly tops?: readonly TopStatement[];
}

/** The previous parse's statements by their text. */
function loweredOf(state: ParseState): ReadonlyMap<string, Lowered> {
  if (state.lowered) return state.lowered;
  const map = new Map<string, Lowered>();
  for (const t of state.tops ?? []) {
    const text = state.text.slice(t.from, t.to);
    if (!map.has(text)) map.set(text, { from: t.from, stmts: t.stmts, errors: [] });
  }
  return (state.lowered = map);
}

export function parsePython(source: string): Module {
  return parsePythonIncremental(source).module;
}

/** Parses and lowers `text`: the statements, the parser's raw errors and the tree (for later incremental parses). */
export function parseAndLower(
  text: string,
  previous?: ParseState,
): { body: Stmt[]; errors: ParseError[]; tree: Tree; lowered: Map<string, Lowered>; tops: TopStatement[] } {
  const fragments = previous
    ? TreeFragment.applyChanges(previous.fragments, [changedRange(previous.text, text)])
    : undefined;
  const tree: Tree = parser.parse(text, fragments);
  const lowerer = new StmtLowerer(text);
  const body: Stmt[] = [];
  const errors: ParseError[] = [];
  const lowered = new Map<string, Lowered>();
  const tops: TopStatement[] = [];
  const reusable = previous && loweredOf(previous);
  for (const node of children(tree.topNode)) {
    const nodeText = text.slice(node.from, node.to);
    const prev = reusable?.get(nodeText);
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
    if (!lowered.has(nodeText)) lowered.set(nodeText, entry);
    tops.push({ from: node.from, to: node.to, stmts: entry.stmts });
    body.push(...entry.stmts);
    errors.push(...entry.errors);
  }
  return { body, errors, tree, lowered, tops };
}

/**
 * Parses `source`, reusing the syntax tree and the lowered statements of `previous` outside the edited range. A file
 * with syntax errors gets one error per place, and statements whose brackets never close are cut where the next
 * statement starts, so one half-typed line costs only its own statement.
 */
export function parsePythonIncremental(source: string, previous?: ParseState): { module: Module; state: ParseState } {
  // Statements nesting brackets deeper than Python allows are refused before the parser sees them.
  const deep = mayNestTooDeep(source) ? findUnclosed(source).filter((u) => u.tooDeep !== undefined) : [];
  const text = deep.length ? repair(source, deep, ['skip']).text : source;
  const refused: ParseError[] = deep.map((u) => ({
    s: u.tooDeep!,
    e: u.tooDeep! + 1,
    msg: 'too many nested parentheses; this statement is skipped',
  }));
  const parsed = parseText(text, previous);
  if (!refused.length) return parsed;
  const syntaxErrors = [...refused, ...parsed.module.syntaxErrors].sort((a, b) => a.s - b.s);
  return { module: { body: parsed.module.body, syntaxErrors }, state: parsed.state };
}

function parseText(text: string, previous?: ParseState): { module: Module; state: ParseState } {
  if (previous?.tops) {
    const change = changedRange(previous.text, text);
    const spliced = spliceStatement(previous.text, previous.tops, text, change);
    if (spliced) {
      const fragments = TreeFragment.applyChanges(previous.fragments, [change]);
      return { module: { body: spliced.body, syntaxErrors: [] }, state: { text, fragments, tops: spliced.tops } };
    }
  }
  let first;
  try {
    first = parseAndLower(text, previous);
    // Lezer's incremental parse can recover from errors differently than a fresh parse: errors are parsed afresh.
    if (first.errors.length && previous) first = parseAndLower(text);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // The parser's own limits (a stack overflow on pathological input): nothing of the file can be trusted.
    const error = { s: 0, e: Math.min(1, text.length), msg: 'the file nests too deeply to parse; it is skipped' };
    return { module: { body: [], syntaxErrors: [error] }, state: { text: '', fragments: [], lowered: new Map() } };
  }
  const fragments = TreeFragment.addTree(first.tree);
  if (!first.errors.length)
    return {
      module: { body: first.body, syntaxErrors: [] },
      state: { text, fragments, lowered: first.lowered, tops: hasErrorNode(first.tree) ? undefined : first.tops },
    };
  const state: ParseState = { text, fragments, lowered: first.lowered };
  const plain = { body: first.body, syntaxErrors: placeErrors(text, first.errors) };
  return recoverUnclosed(text, plain, (t) => parseAndLower(t)) ?? { module: plain, state };
}
