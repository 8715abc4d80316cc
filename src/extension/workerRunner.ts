// The desktop runner: the engine in a worker thread (dist/analysisWorker.js), files synced incrementally, cancellation by a shared flag.
import type { AnalysisResult } from '../core/api/result';
import type { WorkerOptions, WorkerReply, WorkerRequest } from '../worker/protocol';
import type { AnalysisRunner, FileView } from './runner';

/** The part of node:worker_threads' Worker this runner uses (the extension's type check has no Node types). */
export interface ThreadWorker {
  postMessage(message: WorkerRequest): void;
  on(event: 'message', listener: (reply: WorkerReply) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<number>;
}

/** A worker that ended while runs were pending. */
class WorkerDied extends Error {}

interface Pending {
  resolve(result: AnalysisResult | undefined): void;
  reject(error: Error): void;
}

export class WorkerRunner implements AnalysisRunner {
  readonly kind = 'worker thread';
  private worker?: ThreadWorker;
  /** What the worker holds of each file, so a request carries only changes. */
  private readonly sent = new Map<string, string>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private broken = false;
  /** The worker's heap cap, for the message when it is reached (set by whoever starts workers with that limit). */
  heapLimitMb?: number;

  /**
   * `start` creates the worker; if it throws, analyses run on `fallback` from then on. When a worker dies during a run
   * (out of memory, killed), `failed` turns the reason into that run's result (a diagnostic saying why) and the next
   * run starts a fresh worker; without it the run rejects.
   */
  constructor(
    private readonly start: () => ThreadWorker,
    private readonly fallback: AnalysisRunner,
    private readonly onBroken: (error: unknown) => void,
    private readonly failed?: (why: string, languageId: string, options: WorkerOptions) => AnalysisResult,
  ) {}

  run(
    languageId: string,
    source: string,
    options: WorkerOptions,
    files: FileView,
    isCancelled: () => boolean,
  ): Promise<AnalysisResult | undefined> {
    if (this.broken) return this.fallback.run(languageId, source, options, files, isCancelled);
    if (isCancelled()) return Promise.resolve(undefined);
    let worker: ThreadWorker;
    try {
      worker = this.ensure();
    } catch (error) {
      this.broken = true;
      this.onBroken(error);
      return this.fallback.run(languageId, source, options, files, isCancelled);
    }
    const id = this.nextId++;
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const request: WorkerRequest = { id, languageId, source, options, files: this.changes(files.entries()), cancel };
    return new Promise((resolve, reject) => {
      // The host thread stays free while the worker runs, so it can watch for edits that make this run stale.
      const watch = setInterval(() => isCancelled() && Atomics.store(flag, 0, 1), 15);
      this.pending.set(id, {
        resolve: (r) => {
          clearInterval(watch);
          resolve(r);
        },
        reject: (e) => {
          clearInterval(watch);
          if (this.failed && e instanceof WorkerDied) resolve(this.failed(e.message, languageId, options));
          else reject(e);
        },
      });
      worker.postMessage(request);
    });
  }

  private ensure(): ThreadWorker {
    if (this.worker) return this.worker;
    const worker = this.start();
    const fail = (error: Error): void => {
      if (this.worker !== worker) return;
      this.worker = undefined; // the next run starts a fresh worker, which has no files yet
      this.sent.clear();
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('message', (reply) => this.settle(reply));
    worker.on('error', (e: Error & { code?: string }) =>
      fail(
        new WorkerDied(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the analysis ran out of memory${this.heapLimitMb ? ` (limit ${this.heapLimitMb} MB)` : ''}; it was stopped and the analysis worker restarted`
            : `the analysis worker failed (${e.message.split('\n')[0]}) and was restarted`,
        ),
      ),
    );
    worker.on('exit', (code) =>
      fail(new WorkerDied(`the analysis worker stopped (exit code ${code}) and was restarted`)),
    );
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if ('result' in reply) p.resolve(reply.result);
    else if ('cancelled' in reply) p.resolve(undefined);
    else p.reject(new Error(reply.error));
  }

  private changes(now: Map<string, string>): [string, string | null][] {
    const out: [string, string | null][] = [];
    for (const [path, text] of now) {
      if (this.sent.get(path) === text) continue;
      out.push([path, text]);
      this.sent.set(path, text);
    }
    for (const path of [...this.sent.keys()]) {
      if (now.has(path)) continue;
      out.push([path, null]);
      this.sent.delete(path);
    }
    return out;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.resolve(undefined);
    this.pending.clear();
    void worker?.terminate();
  }
}
