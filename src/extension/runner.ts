// How an analysis runs: in the extension host's own thread (web), or in a child process (desktop) so the host stays free.
import type { AnalysisResult } from '../core/api/result';
import type { WorkerOptions } from '../worker/protocol';
import { renderReport, type ReportContext, type ReportFormat } from '../protocol/report';
import type { Analyzers } from './analyzers';

/** The files an analysis may import: open documents (unsaved edits count) over preloaded files, by normalized path. */
export interface FileView {
  read(path: string): string | undefined;
  /** Every known file, for a worker that keeps its own copy. */
  entries(): Map<string, string>;
}

export interface AnalysisRunner {
  readonly kind: string;
  /** Resolves undefined when cancelled; rejects on failure. */
  run(
    languageId: string,
    source: string,
    options: WorkerOptions,
    files: FileView,
    isCancelled: () => boolean,
  ): Promise<AnalysisResult | undefined>;
  /** A report of a result as text, rendered where analyses run; undefined when that failed (the runner's log says). */
  render(result: AnalysisResult, format: ReportFormat, context: ReportContext): Promise<string | undefined>;
  /** Starts afresh (the desktop process, when its memory limit changed). */
  restart?(): void;
  dispose(): void;
}

export class InProcessRunner implements AnalysisRunner {
  readonly kind = 'in-process';
  constructor(private readonly analyzers: Analyzers) {}

  async run(
    languageId: string,
    source: string,
    options: WorkerOptions,
    files: FileView,
    isCancelled: () => boolean,
  ): Promise<AnalysisResult | undefined> {
    const analyze = await this.analyzers.for(languageId);
    // Core throws Cancelled once isCancelled() turns true; the cache treats any throw after cancellation as none.
    return isCancelled() ? undefined : analyze(source, { ...options, readFile: (p) => files.read(p), isCancelled });
  }

  async render(result: AnalysisResult, format: ReportFormat, context: ReportContext): Promise<string | undefined> {
    return renderReport(result, format, context);
  }

  dispose(): void {}
}
