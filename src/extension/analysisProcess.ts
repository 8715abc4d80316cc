// Starts the analysis process (dist/analysisProcess.js) with node:child_process's fork, as the runner's AnalysisChannel.
import type { HostRequest, ProcessReply, WorkerReply } from '../worker/protocol';
import type { AnalysisChannel } from './processRunner';

/** The parts of node:child_process's ChildProcess used here (the extension's type check has no Node types). */
interface Child {
  readonly pid?: number;
  readonly connected: boolean;
  readonly stderr: { on(event: 'data', listener: (chunk: { toString(): string }) => void): void } | null;
  send(message: HostRequest): boolean;
  kill(): boolean;
  on(event: 'message', listener: (message: ProcessReply) => void): void;
  on(event: 'exit', listener: (code: number | null, signal: string | null) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

type Fork = (file: string, args: string[], options: object) => Child;

/** What V8 and Node print when a heap is exhausted (the process is gone before it can say so itself). */
const outOfMemory = /heap out of memory|Reached heap limit|Invalid array length|invalid size error|allocation failed/i;

/** Forks `file` (dist/analysisProcess.js) with a heap cap of `heapMb` for its analysis thread. */
export function startAnalysisProcess(
  file: string,
  heapMb: number,
  nodeRequire: (id: string) => unknown,
): AnalysisChannel {
  const { fork } = nodeRequire('node:child_process') as { fork: Fork };
  const { existsSync } = nodeRequire('node:fs') as { existsSync(path: string): boolean };
  const { env } = nodeRequire('node:process') as { env: Record<string, string | undefined> };
  const { deserialize } = nodeRequire('node:v8') as { deserialize(bytes: Uint8Array): unknown };
  if (!existsSync(file)) throw new Error(`${file} is missing`);
  const child = fork(file, [String(heapMb)], {
    // Structured clone over the pipe: results carry bigints.
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // In VS Code's Electron host, execPath is Electron: run it as plain Node. No inherited --inspect flags.
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
  });
  const messages: ((reply: WorkerReply) => void)[] = [];
  const exits: ((why: string) => void)[] = [];
  let tail = '';
  let died: string | undefined;
  let ended = false;
  const end = (why: string): void => {
    if (ended) return;
    ended = true;
    for (const f of exits) f(why);
  };
  child.stderr?.on('data', (chunk) => (tail = (tail + chunk.toString()).slice(-4096)));
  child.on('message', (message) => {
    if ('died' in message) died = message.died;
    else {
      const reply = deserialize(message.packed) as WorkerReply;
      for (const f of messages) f(reply);
    }
  });
  child.on('exit', (code, signal) =>
    end(
      died ??
        (outOfMemory.test(tail)
          ? `the analysis ran out of memory (limit ${heapMb} MB, flopscope.analysis.memoryLimitMb)`
          : `the analysis process ended (${signal ?? `exit code ${code}`})`),
    ),
  );
  child.on('error', (error) => {
    // A process that never started emits no exit; one that did reports it there.
    if (child.pid === undefined) end(`the analysis process could not start (${error.message})`);
  });
  return {
    send(message) {
      try {
        if (child.connected) child.send(message);
      } catch {
        // The process is ending: its exit fails what is pending.
      }
    },
    onMessage: (listener) => void messages.push(listener),
    onExit: (listener) => void exits.push(listener),
    kill: () => void child.kill(),
  };
}
