// The only importer of the Python parser: parses source text (incrementally when given the previous parse) and lowers it to the IR.
import { TreeFragment } from '@lezer/common';
import { parser } from './grammar/parser';
import { children } from './cursor';
import { StmtLowerer } from './lowerStmt';
import { shiftIR } from './shift';
import { placeErrors } from './placeErrors';
import { recoverUnclosed } from './recover';
import { findUnclosed, mayNestTooDeep } from './unclosed';
import { repair } from './repair';
export function parsePython(source) {
    return parsePythonIncremental(source).module;
}
function changedRange(a, b) {
    let start = 0;
    const max = Math.min(a.length, b.length);
    while (start < max && a.charCodeAt(start) === b.charCodeAt(start))
        start++;
    let endA = a.length, endB = b.length;
    while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
        endA--;
        endB--;
    }
    return { fromA: start, toA: endA, fromB: start, toB: endB };
}
/** Parses and lowers `text`: the statements, the parser's raw errors and the tree (for later incremental parses). */
export function parseAndLower(text, previous) {
    const fragments = previous
        ? TreeFragment.applyChanges(previous.fragments, [changedRange(previous.text, text)])
        : undefined;
    const tree = parser.parse(text, fragments);
    const lowerer = new StmtLowerer(text);
    const body = [];
    const errors = [];
    const lowered = new Map();
    for (const node of children(tree.topNode)) {
        const nodeText = text.slice(node.from, node.to);
        const prev = previous?.lowered.get(nodeText);
        let entry;
        if (prev && !node.type.isError) {
            const delta = node.from - prev.from;
            entry =
                delta === 0
                    ? prev
                    : { from: node.from, stmts: shiftIR(prev.stmts, delta), errors: shiftIR(prev.errors, delta) };
        }
        else {
            const before = lowerer.syntaxErrors.length;
            const stmts = [];
            lowerer.topLevel(node, stmts);
            entry = { from: node.from, stmts, errors: lowerer.syntaxErrors.slice(before) };
        }
        if (!lowered.has(nodeText))
            lowered.set(nodeText, entry);
        body.push(...entry.stmts);
        errors.push(...entry.errors);
    }
    return { body, errors, tree, lowered };
}
/**
 * Parses `source`, reusing the syntax tree and the lowered statements of `previous` outside the edited range. A file
 * with syntax errors gets one error per place, and statements whose brackets never close are cut where the next
 * statement starts, so one half-typed line costs only its own statement.
 */
export function parsePythonIncremental(source, previous) {
    // Statements nesting brackets deeper than Python allows are refused before the parser sees them.
    const deep = mayNestTooDeep(source) ? findUnclosed(source).filter((u) => u.tooDeep !== undefined) : [];
    const text = deep.length ? repair(source, deep, ['skip']).text : source;
    const refused = deep.map((u) => ({
        s: u.tooDeep,
        e: u.tooDeep + 1,
        msg: 'too many nested parentheses; this statement is skipped',
    }));
    const parsed = parseText(text, previous);
    if (!refused.length)
        return parsed;
    const syntaxErrors = [...refused, ...parsed.module.syntaxErrors].sort((a, b) => a.s - b.s);
    return { module: { body: parsed.module.body, syntaxErrors }, state: parsed.state };
}
function parseText(text, previous) {
    let first;
    try {
        first = parseAndLower(text, previous);
        // Lezer's incremental parse can recover from errors differently than a fresh parse: errors are parsed afresh.
        if (first.errors.length && previous)
            first = parseAndLower(text);
    }
    catch (e) {
        if (!(e instanceof RangeError))
            throw e;
        // The parser's own limits (a stack overflow on pathological input): nothing of the file can be trusted.
        const error = { s: 0, e: Math.min(1, text.length), msg: 'the file nests too deeply to parse; it is skipped' };
        return { module: { body: [], syntaxErrors: [error] }, state: { text: '', fragments: [], lowered: new Map() } };
    }
    const state = { text, fragments: TreeFragment.addTree(first.tree), lowered: first.lowered };
    if (!first.errors.length)
        return { module: { body: first.body, syntaxErrors: [] }, state };
    const plain = { body: first.body, syntaxErrors: placeErrors(text, first.errors) };
    return recoverUnclosed(text, plain, (t) => parseAndLower(t)) ?? { module: plain, state };
}
