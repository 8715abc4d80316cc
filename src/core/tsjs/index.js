import { runAnalysis } from '../pipeline/runAnalysis';
import { EvalCtx } from './context';
import { parseSource } from './parse';
import { Interp } from './interp';
import { Scope } from './scope';
import { installGlobals } from './builtins';
import { runProgram } from './entry';
import { buildTsJsResult } from './build';
import { readTsAnnotations } from './annotations';
import { dimsFromInputs } from './inputs';
import { evalExpr } from './expressions';
import { callValue } from './calls';
import { execBlockBody } from './statements';
const evaluatorTable = Object.freeze({ evalExpr, callValue, execBlockBody });
const tsjsFrontEnd = {
    defaultPath: 'untitled.ts',
    notes: readTsAnnotations,
    prepare(source, given, notes, extra) {
        const opts = { ...given, entry: given.entry ?? notes.entry };
        const ctx = new EvalCtx(source, opts.path, opts.maxSteps, opts.precision, opts.isCancelled);
        const ip = new Interp(ctx, new Scope(), evaluatorTable, opts.readFile);
        const parsed = parseSource(source, opts.path);
        if (parsed.error) {
            const at = Math.min(parsed.error.index, Math.max(source.length - 1, 0));
            extra.push({
                span: { start: at, end: at + 1, line: parsed.error.line },
                severity: 'error',
                code: 'syntax',
                message: `flopscope: syntax error (${parsed.error.message.split('\n')[0]}); ${parsed.program ? 'the code before this line is still analyzed' : 'nothing was analyzed'}`,
            });
        }
        const run = { ctx, ip, program: parsed.program, entry: opts.entry, outcome: {} };
        return { run, opts, lineSpan: (line) => ctx.lineSpan(line) };
    },
    execute(run) {
        if (!run.program)
            return;
        installGlobals(run.ip);
        run.outcome = runProgram(run.ip, run.program, run.entry);
    },
    build({ ctx, ip, outcome }, opts, extra, budget) {
        // A budget stop before the entry returned: the last model built is the best account of what ran.
        const done = budget && !outcome.model ? { entry: outcome.entry, model: ip.models[ip.models.length - 1] } : outcome;
        const fromInputs = dimsFromInputs(opts.inputs, done.model?.inputs ?? []);
        extra.push(...fromInputs.problems);
        return buildTsJsResult(ctx, ip.models, done, { ...opts, dims: { ...ctx.callDims, ...fromInputs.dims, ...opts.dims } }, extra, budget);
    },
};
export function analyzeTsJs(source, options = {}) {
    return runAnalysis(tsjsFrontEnd, source, options);
}
