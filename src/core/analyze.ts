// The facade: analyze(source, options) -> AnalysisResult. Never throws for bad input: problems become diagnostics.
import type { AnalysisResult, Diagnostic } from './api/result';
import { conventionNamed, defaultOptions, type AnalyzeOptions } from './api/options';
import { readAnnotations } from './python/annotations';
import { lineIndexCached, parseCached, useIrStore } from './engine/parseCache';
import { createSession } from './engine/session';
import { runDocument, type EntryOutcome } from './engine/entry';
import { buildResult } from './result/build';
import { BudgetExceeded, Cancelled } from './eval/errors';

export function analyze(source: string, options: Partial<AnalyzeOptions> = {}): AnalysisResult {
  const given = { ...defaultOptions, ...options };
  const opts: AnalyzeOptions = { ...given, convention: conventionNamed(given.convention) ?? 'full' }; // `seed`: old name
  const notes = readAnnotations(source);
  const merged: AnalyzeOptions = { ...opts, dims: { ...notes.dims, ...opts.dims } };
  useIrStore(merged.irStore);
  const parsed = parseCached(merged.path, source);
  const lines = lineIndexCached(merged.path, source);
  const extra: Diagnostic[] = [
    ...parsed.syntaxErrors.slice(0, 20).map((e) => ({
      span: { start: e.s, end: e.e, line: lines.line(e.s) },
      severity: 'error' as const,
      code: 'syntax',
      message: 'flopscope: syntax error; the rest of the file is still analyzed',
    })),
    ...notes.errors.map((e) => ({
      span: lines.lineSpan(e.line),
      severity: 'warning' as const,
      code: 'annotation',
      message: e.message,
    })),
  ];
  const session = createSession(merged);
  let outcome: EntryOutcome = { inputs: [] };
  let budget = false;
  try {
    outcome = runDocument(session, source, parsed, merged, notes);
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
  return buildResult(session, outcome, merged, extra, budget);
}
