import { conventionNamed, defaultOptions } from '../api/options';
import { BudgetExceeded, Cancelled } from './errors';
import { ResourceLimit } from '../sym/limits';
export function runAnalysis(frontEnd, source, options = {}) {
    const raw = { ...defaultOptions, path: frontEnd.defaultPath, ...options };
    const given = { ...raw, convention: conventionNamed(raw.convention) ?? 'full' }; // `seed`: old name
    const notes = frontEnd.notes(source);
    const merged = { ...given, dims: { ...notes.dims, ...given.dims } };
    const extra = [];
    const { run, opts, lineSpan } = frontEnd.prepare(source, merged, notes, extra);
    extra.unshift(...notes.errors.map((e) => ({
        span: lineSpan(e.line),
        severity: 'warning',
        code: 'annotation',
        message: e.message,
    })));
    let budget = false;
    try {
        frontEnd.execute(run);
    }
    catch (e) {
        if (e instanceof BudgetExceeded)
            budget = true;
        else if (e instanceof Cancelled)
            throw e;
        else if (e instanceof ResourceLimit)
            extra.push({
                span: lineSpan(frontEnd.lastLine?.(run) ?? 1),
                severity: 'warning',
                code: 'resource-limit',
                message: `flopscope: resource limit: this would build ${e.what}; evaluation stopped here and results cover what ran before`,
            });
        else
            extra.push({
                span: { start: 0, end: 1, line: 1 },
                severity: 'warning',
                code: 'internal',
                message: `flopscope: internal error while analyzing (${e instanceof Error ? e.message : String(e)}); results are partial`,
            });
    }
    return frontEnd.build(run, opts, extra, budget);
}
