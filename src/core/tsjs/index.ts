// The TS/JS (TensorFlow.js) facade: analyzeTsJs(source, options) -> AnalysisResult; pure, and never throws for bad input.
import type { AnalysisResult, Diagnostic } from '../api/result';
import { conventionNamed, defaultOptions, type AnalyzeOptions } from '../api/options';
import { BudgetExceeded, Cancelled, EvalCtx } from './context';
import { parseSource } from './parse';
import { Interp } from './interp';
import { Scope } from './scope';
import { installGlobals } from './builtins';
import { runProgram, type EntryOutcome } from './entry';
import { buildTsJsResult } from './build';
import { resetLayerNames } from './layer';
import { resetModelNames } from './model';
import { readTsAnnotations } from './annotations';
import { dimsFromInputs } from './inputs';

export function analyzeTsJs(source: string, options: Partial<AnalyzeOptions> = {}): AnalysisResult {
  const raw = { ...defaultOptions, path: 'untitled.ts', ...options };
  const given: AnalyzeOptions = { ...raw, convention: conventionNamed(raw.convention) ?? 'full' }; // `seed`: old name
  const notes = readTsAnnotations(source);
  const opts: AnalyzeOptions = { ...given, entry: given.entry ?? notes.entry, dims: { ...notes.dims, ...given.dims } };
  const ctx = new EvalCtx(source, opts.path, opts.maxSteps, opts.precision, opts.isCancelled);
  const ip = new Interp(ctx, new Scope(), opts.readFile);
  const extra: Diagnostic[] = notes.errors.map((e) => ({
    span: ctx.lineSpan(e.line),
    severity: 'warning' as const,
    code: 'annotation',
    message: e.message,
  }));
  let outcome: EntryOutcome = {};
  let budget = false;
  resetLayerNames();
  resetModelNames();
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
  if (parsed.program) {
    try {
      installGlobals(ip);
      outcome = runProgram(ip, parsed.program, opts.entry);
    } catch (e) {
      if (e instanceof BudgetExceeded) budget = true;
      else if (e instanceof Cancelled) throw e;
      else
        extra.push({
          span: { start: 0, end: 1, line: 1 },
          severity: 'warning',
          code: 'internal',
          message: `flopscope: internal error while analyzing (${e instanceof Error ? e.message : String(e)}); results are partial`,
        });
    }
  }
  if (budget && !outcome.model) outcome = { entry: outcome.entry, model: ip.models[ip.models.length - 1] };
  const fromInputs = dimsFromInputs(opts.inputs, outcome.model?.inputs ?? []);
  extra.push(...fromInputs.problems);
  return buildTsJsResult(
    ctx,
    ip.models,
    outcome,
    { ...opts, dims: { ...fromInputs.dims, ...opts.dims } },
    extra,
    budget,
  );
}
