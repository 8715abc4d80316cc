import { readAnnotations } from './python/annotations';
import { Engine } from './engine/engine';
import { runDocument } from './engine/entry';
import { buildResult } from './engine/buildResult';
import { runAnalysis } from './pipeline/runAnalysis';
function pythonFrontEnd(engine) {
    return {
        defaultPath: 'untitled.py',
        notes: readAnnotations,
        prepare(source, opts, notes, extra) {
            const parsed = engine.parses.parse(opts.path, source, opts.irStore);
            const lines = engine.parses.lineIndex(opts.path, source);
            extra.push(...syntaxDiagnostics(parsed, lines));
            const session = engine.session(opts);
            const run = { session, source, parsed, opts, notes, outcome: { inputs: [] } };
            return { run, opts, lineSpan: (line) => lines.lineSpan(line) };
        },
        execute(run) {
            run.outcome = runDocument(run.session, run.source, run.parsed, run.opts, run.notes);
        },
        lastLine: (run) => run.session.ip.recorder.lastLine || undefined,
        build: (run, opts, extra, budget) => buildResult(run.session, run.outcome, opts, extra, budget),
    };
}
/** The engine of callers that hold none (tests, one-shot scripts); hosts (CLI, worker, extension) hold their own. */
const defaultEngine = new Engine();
function syntaxDiagnostics(parsed, lines) {
    return parsed.syntaxErrors.slice(0, 20).map((e) => ({
        span: { start: e.s, end: e.e, line: lines.line(e.s) },
        severity: 'error',
        code: 'syntax',
        message: `flopscope: syntax error (${e.msg ?? 'invalid syntax'}); the rest of the file is still analyzed`,
    }));
}
/** The syntax errors of a Python file as analyze() reports them (at most 20), through the same parse path. */
export function checkSyntax(source, path = 'untitled.py', engine = defaultEngine) {
    const parsed = engine.parses.parse(path, source);
    return parsed.syntaxErrors.length ? syntaxDiagnostics(parsed, engine.parses.lineIndex(path, source)) : [];
}
export function analyze(source, options = {}, engine = defaultEngine) {
    return runAnalysis(pythonFrontEnd(engine), source, options);
}
