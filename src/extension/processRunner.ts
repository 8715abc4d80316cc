// The desktop runner: the engine in a child process (dist/analysisProcess.js), files synced incrementally, cancel by message.
import type { AnalysisResult } from '../core/api/result';
import type { ReportContext, ReportFormat } from '../protocol/report';
import type { HostRequest, WorkerOptions, WorkerReply } from '../worker/protocol';
import type { AnalysisRunner, FileView } from './runner';

/** The analysis process as this runner sees it (analysisProcess.ts wraps node:child_process's fork in it). */
export interface AnalysisChannel {
  send(message: HostRequest): void;
  onMessage(listener: (reply: WorkerReply) => void): void;
  /** The process ended; `why` says so in words ("the analysis ran out of memory (limit 2048 MB, ...)"). */
  onExit(listener: (why: string) => void): void;
  kill(): void;
}

/** A process that ended while requests were pending. */
class ProcessDied extends Error {}

interface Pending {
  settle(reply: WorkerReply): void;
  fail(error: Error): void;
}

export class ProcessRunner implements AnalysisRunner {
  readonly kind = 'analysis process';
  private channel?: AnalysisChannel;
  /** What the process holds of each file, so a request carries only changes. */
  private readonly sent = new Map<string, string>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private broken = false;
  /** Which process made each result, under which analysis id: a report names it instead of sending it back. */
  private readonly origins = new WeakMap<AnalysisResult, { readonly channel: AnalysisChannel; readonly id: number }>();

  /**
   * `start` creates the process; if it throws, analyses run on `fallback` from then on. When the process dies during a
   * run (out of memory, killed), `failed` turns the reason into that run's result (a diagnostic saying why) and the
   * next run starts a fresh process; without it the run rejects. A death never falls back to the host's thread: the
   * file that killed the process would take the host down with it.
   */
  constructor(
    private readonly start: () => AnalysisChannel,
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
    const channel = this.channelOrFallback();
    if (!channel) return this.fallback.run(languageId, source, options, files, isCancelled);
    if (isCancelled()) return Promise.resolve(undefined);
    const id = this.nextId++;
    const request: HostRequest = {
      kind: 'analyze',
      id,
      languageId,
      source,
      options,
      files: this.changes(files.entries()),
    };
    return new Promise((resolve, reject) => {
      // The host thread stays free while the process runs, so it can watch for edits that make this run stale.
      const watch = setInterval(() => {
        if (!isCancelled()) return;
        clearInterval(watch);
        channel.send({ kind: 'cancel', id });
      }, 15);
      this.pending.set(id, {
        settle: (reply) => {
          clearInterval(watch);
          if ('result' in reply) this.origins.set(reply.result, { channel, id });
          if ('result' in reply) resolve(reply.result);
          else if ('error' in reply) reject(new Error(reply.error));
          else resolve(undefined);
        },
        fail: (e) => {
          clearInterval(watch);
          if (this.failed && e instanceof ProcessDied) resolve(this.failed(e.message, languageId, options));
          else if (e instanceof ProcessDied && isCancelled()) resolve(undefined);
          else reject(e);
        },
      });
      channel.send(request);
    });
  }

  /** Renders a report in the process (the host's thread stays free); resolves undefined when the process died. */
  render(result: AnalysisResult, format: ReportFormat, context: ReportContext): Promise<string | undefined> {
    const channel = this.channelOrFallback();
    if (!channel) return this.fallback.render(result, format, context);
    const origin = this.origins.get(result);
    const byName = origin?.channel === channel;
    return new Promise((resolve, reject) => {
      const send = (named: boolean): void => {
        const id = this.nextId++;
        this.pending.set(id, {
          settle: (reply) => {
            if ('text' in reply) resolve(reply.text);
            else if ('missing' in reply) send(false);
            else if ('error' in reply) reject(new Error(reply.error));
            else resolve(undefined);
          },
          fail: (e) => (e instanceof ProcessDied ? resolve(undefined) : reject(e)),
        });
        channel.send(
          named
            ? { kind: 'render', id, resultOf: origin!.id, format, context }
            : { kind: 'render', id, result, format, context },
        );
      };
      send(byName);
    });
  }

  /** Ends the process (its settings changed); pending runs resolve undefined, the next one starts a fresh process. */
  restart(): void {
    const channel = this.channel;
    this.channel = undefined;
    this.sent.clear();
    for (const p of this.pending.values()) p.settle({ id: 0, cancelled: true });
    this.pending.clear();
    channel?.kill();
  }

  private channelOrFallback(): AnalysisChannel | undefined {
    if (this.broken) return undefined;
    try {
      return this.ensure();
    } catch (error) {
      this.broken = true;
      this.onBroken(error);
      return undefined;
    }
  }

  private ensure(): AnalysisChannel {
    if (this.channel) return this.channel;
    const channel = this.start();
    channel.onMessage((reply) => {
      const p = this.pending.get(reply.id);
      if (!p || this.channel !== channel) return;
      this.pending.delete(reply.id);
      p.settle(reply);
    });
    channel.onExit((why) => {
      if (this.channel !== channel) return;
      this.channel = undefined; // the next run starts a fresh process, which has no files yet
      this.sent.clear();
      const error = new ProcessDied(`${why}; the analysis process was restarted`);
      for (const p of this.pending.values()) p.fail(error);
      this.pending.clear();
    });
    this.channel = channel;
    return channel;
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
    this.restart();
  }
}
