// Messages between the extension host and the analysis worker thread (desktop): requests, replies, file sync.
import type { AnalyzeOptions } from '../core/api/options';
import type { AnalysisResult } from '../core/api/result';

/** Analysis options that cross the thread boundary (functions stay behind: files and cancellation go separately). */
export type WorkerOptions = Omit<Partial<AnalyzeOptions>, 'readFile' | 'isCancelled' | 'irStore'>;

export interface WorkerRequest {
  readonly id: number;
  readonly languageId: string;
  readonly source: string;
  readonly options: WorkerOptions;
  /** Files changed since the last request: [path, text], or [path, null] when gone. */
  readonly files: readonly (readonly [string, string | null])[];
  /** Int32 flag the host sets to 1 to cancel (polled by the engine). */
  readonly cancel: SharedArrayBuffer;
}

export type WorkerReply =
  | { readonly id: number; readonly result: AnalysisResult }
  | { readonly id: number; readonly cancelled: true }
  | { readonly id: number; readonly error: string };
