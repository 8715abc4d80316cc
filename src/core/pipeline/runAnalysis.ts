// The one pipeline every front end runs through: options merged into defaults and annotations, the run, its early
// stops (budget, cancellation, resource limits, internal errors) and the result, built by the front end from the shared result layer.
import type { AnalysisResult, Diagnostic, SourceSpan } from '../api/result';
import { conventionNamed, defaultOptions, type AnalyzeOptions } from '../api/options';
import { BudgetExceeded, Cancelled } from './errors';
import { ResourceLimit } from '../sym/limits';

/** What a file's `# flopscope:` (or `// flopscope:`) comments say. */
export interface FileNotes {
  readonly entry?: string;
  readonly dims: Readonly<Record<string, number>>;
  readonly errors: readonly { readonly line: number; readonly message: string }[];
}

/** A front end: reads its annotations, prepares a run (parse: syntax diagnostics go to `extra`), executes it, builds. */
export interface FrontEnd<Run, Notes extends FileNotes = FileNotes> {
  readonly defaultPath: string;
  notes(source: string): Notes;
  /** Parses; the returned run is executed next. `span` turns a 1-based line into the document span of the line. */
  prepare(source: string, opts: AnalyzeOptions, notes: Notes, extra: Diagnostic[]): PreparedRun<Run>;
  /** Evaluates the document (may throw BudgetExceeded or Cancelled, or an internal error). */
  execute(run: Run): void;
  /** The document line that ran last (where a resource limit stopped evaluation), when the front end tracks it. */
  lastLine?(run: Run): number | undefined;
  build(run: Run, opts: AnalyzeOptions, extra: Diagnostic[], budgetExceeded: boolean): AnalysisResult;
}

export interface PreparedRun<Run> {
  readonly run: Run;
  /** Options as the run uses them (a front end may fill in what its notes say). */
  readonly opts: AnalyzeOptions;
  lineSpan(line: number): SourceSpan;
}

export function runAnalysis<Run, Notes extends FileNotes>(
  frontEnd: FrontEnd<Run, Notes>,
  source: string,
  options: Partial<AnalyzeOptions> = {},
): AnalysisResult {
  const raw = { ...defaultOptions, path: frontEnd.defaultPath, ...options };
  const given: AnalyzeOptions = { ...raw, convention: conventionNamed(raw.convention) ?? 'full' }; // `seed`: old name
  const notes = frontEnd.notes(source);
  const merged: AnalyzeOptions = { ...given, dims: { ...notes.dims, ...given.dims } };
  const extra: Diagnostic[] = [];
  const { run, opts, lineSpan } = frontEnd.prepare(source, merged, notes, extra);
  extra.unshift(
    ...notes.errors.map((e) => ({
      span: lineSpan(e.line),
      severity: 'warning' as const,
      code: 'annotation' as const,
      message: e.message,
    })),
  );
  let budget = false;
  try {
    frontEnd.execute(run);
  } catch (e) {
    if (e instanceof BudgetExceeded) budget = true;
    else if (e instanceof Cancelled) throw e;
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
