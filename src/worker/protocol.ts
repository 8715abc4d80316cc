// Messages between the extension host, the analysis process (desktop) and its worker thread: requests, replies, file sync.
import type { AnalyzeOptions } from '../core/api/options';
import type { AnalysisResult } from '../core/api/result';
import type { ReportContext, ReportFormat } from '../protocol/report';

/** Analysis options that cross the process boundary (functions stay behind: files and cancellation go separately). */
export type WorkerOptions = Omit<Partial<AnalyzeOptions>, 'readFile' | 'isCancelled' | 'irStore'>;

/** An analysis, as the host sends it to the analysis process. */
export interface AnalyzeRequest {
  readonly kind: 'analyze';
  readonly id: number;
  readonly languageId: string;
  readonly source: string;
  readonly options: WorkerOptions;
  /** Files changed since the last request: [path, text], or [path, null] when gone. */
  readonly files: readonly (readonly [string, string | null])[];
}

/** Stops the analysis `id` (the process sets the flag its worker thread polls). */
export interface CancelRequest {
  readonly kind: 'cancel';
  readonly id: number;
}

/**
 * Renders a report off the host's thread (a table of a 30k-line file takes seconds). The result is named by the id of
 * the analysis that produced it (`resultOf`), which the worker still holds, so it need not cross again (27 MB for
 * 32k lines); `result` is sent only for a result the worker does not hold.
 */
export interface RenderRequest {
  readonly kind: 'render';
  readonly id: number;
  readonly resultOf?: number;
  readonly result?: AnalysisResult;
  readonly format: ReportFormat;
  readonly context: ReportContext;
}

/** What the host sends to the analysis process. */
export type HostRequest = AnalyzeRequest | CancelRequest | RenderRequest;

/** What the analysis process hands its worker thread: an analysis carries the Int32 cancel flag (1 = cancel). */
export type WorkerRequest = (AnalyzeRequest & { readonly cancel: SharedArrayBuffer }) | RenderRequest;

export type WorkerReply =
  | { readonly id: number; readonly result: AnalysisResult }
  | { readonly id: number; readonly text: string }
  | { readonly id: number; readonly cancelled: true }
  /** A render named a result the worker no longer holds: the host sends it. */
  | { readonly id: number; readonly missing: true }
  | { readonly id: number; readonly error: string };

/**
 * A reply as it travels: serialized once by the worker thread (node:v8), relayed as bytes by the process's main thread
 * (no second pass over a result's object graph), deserialized by the host.
 */
export interface PackedReply {
  readonly id: number;
  readonly packed: Uint8Array;
}

/** What the analysis process sends the host: its worker's packed replies, or why it is about to exit. */
export type ProcessReply = PackedReply | { readonly died: string };
