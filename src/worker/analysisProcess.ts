// The analysis process (desktop): forked by the extension host, it runs the engine in a worker thread and relays messages.
//
// Why a process: V8 aborts the whole process when an analysis exhausts the heap, and in Node 20 a worker thread's
// `resourceLimits` do not always prevent that (one array outgrowing the cap). Here such an abort ends this process,
// never the extension host, which restarts it. Why a thread inside: the thread runs analyses synchronously, while this
// main thread stays free to receive a cancel and set the shared flag the engine polls.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HostRequest, PackedReply, ProcessReply, WorkerRequest } from './protocol';

const heapMb = Number(process.argv[2]) || 2048;
const send = (reply: ProcessReply, then?: () => void): void => {
  if (process.connected) process.send!(reply, undefined, undefined, then);
  else then?.();
};

/** Says why to the host, then exits: the host starts a fresh process for the next analysis. */
let dying = false;
function die(why: string): void {
  if (dying) return;
  dying = true;
  send({ died: why }, () => process.exit(3));
  setTimeout(() => process.exit(3), 2000).unref();
}

const worker = new Worker(join(__dirname, 'analysisWorker.js'), {
  resourceLimits: { maxOldGenerationSizeMb: heapMb },
});
/** The cancel flag of each analysis in flight. */
const flags = new Map<number, Int32Array>();

worker.on('message', (reply: PackedReply) => {
  flags.delete(reply.id);
  send(reply);
});
worker.on('error', (e: Error & { code?: string }) =>
  die(
    e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `the analysis ran out of memory (limit ${heapMb} MB, flopscope.analysis.memoryLimitMb)`
      : `the analysis failed (${e.message.split('\n')[0]})`,
  ),
);
worker.on('exit', (code) => die(`the analysis thread stopped (exit code ${code})`));

process.on('message', (req: HostRequest) => {
  if (req.kind === 'cancel') {
    const flag = flags.get(req.id);
    if (flag) Atomics.store(flag, 0, 1);
    return;
  }
  if (req.kind === 'render') return worker.postMessage(req satisfies WorkerRequest);
  const cancel = new SharedArrayBuffer(4);
  flags.set(req.id, new Int32Array(cancel));
  worker.postMessage({ ...req, cancel } satisfies WorkerRequest);
});
// The host went away (closed, crashed): nothing is left to analyze for.
process.on('disconnect', () => process.exit(0));
