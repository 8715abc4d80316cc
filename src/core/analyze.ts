// The Python front end on the shared pipeline: analyze(source, options, engine?) -> AnalysisResult. Never throws for bad
// input: problems become diagnostics.
import type { AnalysisResult, Diagnostic } from './api/result';
import type { AnalyzeOptions } from './api/options';
import { readAnnotations, type FileAnnotations } from './python/annotations';
import type { Module } from './python/ir';
import { Engine } from './engine/engine';
import type { Session } from './engine/session';
import { runDocument, type EntryOutcome } from './engine/entry';
import { buildResult } from './engine/buildResult';
import { runAnalysis, type FrontEnd } from './pipeline/runAnalysis';
import type { LineIndex } from './eval/lineIndex';

interface PythonRun {
  readonly session: Session;
  readonly source: string;
  readonly parsed: Module;
  readonly opts: AnalyzeOptions;
  readonly notes: FileAnnotations;
  outcome: EntryOutcome;
}

function pythonFrontEnd(engine: Engine): FrontEnd<PythonRun, FileAnnotations> {
  return {
    defaultPath: 'untitled.py',
    notes: readAnnotations,
    prepare(source, opts, notes, extra) {
      const parsed = engine.parses.parse(opts.path, source, opts.irStore);
      const lines = engine.parses.lineIndex(opts.path, source);
      extra.push(...syntaxDiagnostics(parsed, lines));
      const session = engine.session(opts);
      const run: PythonRun = { session, source, parsed, opts, notes, outcome: { inputs: [] } };
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

function syntaxDiagnostics(parsed: Module, lines: LineIndex): Diagnostic[] {
  return parsed.syntaxErrors.slice(0, 20).map((e) => ({
    span: { start: e.s, end: e.e, line: lines.line(e.s) },
    severity: 'error' as const,
    code: 'syntax',
    message: `flopscope: syntax error (${e.msg ?? 'invalid syntax'}); the rest of the file is still analyzed`,
  }));
}

/** The syntax errors of a Python file as analyze() reports them (at most 20), through the same parse path. */
export function checkSyntax(source: string, path = 'untitled.py', engine: Engine = defaultEngine): Diagnostic[] {
  const parsed = engine.parses.parse(path, source);
  return parsed.syntaxErrors.length ? syntaxDiagnostics(parsed, engine.parses.lineIndex(path, source)) : [];
}

export function analyze(
  source: string,
  options: Partial<AnalyzeOptions> = {},
  engine: Engine = defaultEngine,
): AnalysisResult {
  return runAnalysis(pythonFrontEnd(engine), source, options);
}
