// Recovery from unclosed brackets: each such statement is closed where it ends (or skipped), the file parsed again.
import { TreeFragment } from '@lezer/common';
import { findUnclosed } from './unclosed';
import { mapOffsets, repair } from './repair';
import { placeErrors } from './placeErrors';
function lineOf(src, p) {
    let line = 1;
    for (let i = src.indexOf('\n'); i >= 0 && i < p; i = src.indexOf('\n', i + 1))
        line++;
    return line;
}
/** One diagnostic per unclosed statement, on its last code character (where the closing bracket is missing). */
function unclosedError(src, u, mode) {
    let at = Math.max(u.start, u.codeEnd - 1);
    while (at > u.start && /\s/.test(src[at]))
        at--;
    const opened = lineOf(src, u.bracket);
    const where = opened === lineOf(src, at) ? '' : ` (opened on line ${opened})`;
    const then = mode === 'skip'
        ? 'this statement is skipped'
        : `read as closed at the end of ${u.inner ? 'the line' : 'the statement'}`;
    return { s: at, e: at + 1, msg: `'${src[u.bracket]}' was never closed${where}; ${then}` };
}
function attempt(source, cuts, modes, parse) {
    const r = repair(source, cuts, modes);
    const p = parse(r.text); // not incremental: reusing nodes of a tree with errors can change the result
    return {
        body: mapOffsets(p.body, r.toSource),
        errors: placeErrors(source, mapOffsets(p.errors, r.toSource)),
        state: { text: r.text, fragments: TreeFragment.addTree(p.tree), lowered: new Map() },
    };
}
/**
 * When statements leave brackets open, parses the file again with each closed where the next statement starts (or,
 * when closing does not make it parse, replaced by a no-op). Undefined when that does not leave fewer errors.
 */
export function recoverUnclosed(source, plain, parse) {
    const cuts = findUnclosed(source);
    if (!cuts.length)
        return undefined;
    let modes = cuts.map(() => 'close');
    let result = attempt(source, cuts, modes, parse);
    // Where closing leaves errors in the statement, skip the statement (brackets inside one are left to the parser).
    const failing = cuts.map((u) => result.errors.some((e) => e.s >= u.start && e.s <= u.codeEnd));
    if (failing.some(Boolean)) {
        const skipped = cuts.filter((u, i) => failing[i] && !u.inner).map((u) => u.start);
        modes = cuts.map((u, i) => skipped.includes(u.start) ? (u.inner ? 'none' : 'skip') : failing[i] ? 'none' : 'close');
        result = attempt(source, cuts, modes, parse);
    }
    if (result.errors.length >= plain.syntaxErrors.length)
        return undefined;
    const repaired = cuts.filter((_, i) => modes[i] !== 'none');
    const syntaxErrors = [...repaired.map((u) => unclosedError(source, u, modes[cuts.indexOf(u)])), ...result.errors];
    return { module: { body: result.body, syntaxErrors: syntaxErrors.sort((a, b) => a.s - b.s) }, state: result.state };
}
