import { defaultOptions } from './api/options';
import { readAnnotations } from './python/annotations';
import { lineIndexCached, parseCached, useIrStore } from './engine/parseCache';
import { createSession } from './engine/session';
import { runDocument } from './engine/entry';
import { buildResult } from './result/build';
import { BudgetExceeded, Cancelled } from './eval/errors';
/** The syntax errors of a Python file as analyze() reports them (at most 20), through the same parse path. */
export function checkSyntax(source, path = '<string>') {
    useIrStore(undefined);
    const parsed = parseCached(path, source);
    return parsed.syntaxErrors.length ? syntaxDiagnostics(parsed, lineIndexCached(path, source)) : [];
}
function syntaxDiagnostics(parsed, lines) {
    return parsed.syntaxErrors.slice(0, 20).map((e) => ({
        span: { start: e.s, end: e.e, line: lines.line(e.s) },
        severity: 'error',
        code: 'syntax',
        message: `flopscope: syntax error (${e.msg ?? 'invalid syntax'}); the rest of the file is still analyzed`,
    }));
}
export function analyze(source, options = {}) {
    const opts = { ...defaultOptions, ...options };
    const notes = readAnnotations(source);
    const merged = { ...opts, dims: { ...notes.dims, ...opts.dims } };
    useIrStore(merged.irStore);
    const parsed = parseCached(merged.path, source);
    const lines = lineIndexCached(merged.path, source);
    const extra = [
        ...syntaxDiagnostics(parsed, lines),
        ...notes.errors.map((e) => ({
            span: lines.lineSpan(e.line),
            severity: 'warning',
            code: 'annotation',
            message: e.message,
        })),
    ];
    const session = createSession(merged);
    let outcome = { inputs: [] };
    let budget = false;
    try {
        outcome = runDocument(session, source, parsed, merged, notes);
    }
    catch (e) {
        if (e instanceof BudgetExceeded)
            budget = true;
        else if (e instanceof Cancelled)
            throw e;
        else
            extra.push({
                span: { start: 0, end: 1, line: 1 },
                severity: 'warning',
                code: 'internal',
                message: `flopscope: internal error while analyzing (${e instanceof Error ? e.message : String(e)}); results are partial`,
            });
    }
    return buildResult(session, outcome, merged, extra, budget);
}
