// The `flopscope` command: `analyze` runs in a watched child process; everything else (and that child) loads the CLI
// bundle through V8's code cache (codeCache.ts, required only there, so the watching parent stays small).
import { spawn } from 'node:child_process';

/** Loads and runs cli-main.js (the code-cache loader is required only by the process that runs the CLI). */
function launch(): void {
  (require('./codeCache') as typeof import('./codeCache')).launch();
}

/**
 * `analyze` runs in a child process this one watches: V8 aborts the whole process when an analysis exhausts the heap
 * (code like `x = x + x` a hundred times; a worker thread's heap cap does not help when one array outgrows it), so the
 * parent turns a death by signal into exit 4 and one line. The child's stderr is held until it ends, so V8's dump of
 * its native stack is not shown.
 */
function analyzeInChild(): void {
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env: { ...process.env, FLOPSCOPE_NO_SUPERVISOR: '1' },
  });
  const chunks: Buffer[] = [];
  let held = 0;
  child.stderr!.on('data', (d: Buffer) => {
    if (held < 1 << 20) chunks.push(d);
    held += d.length;
  });
  // A signal meant for flopscope (Ctrl-C, a timeout's SIGTERM) reaches the analysis too.
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => child.kill(s));
  child.on('error', (e) => {
    process.stderr.write(`flopscope: internal error: cannot start the analysis (${e.message})\n`);
    process.exitCode = 4;
  });
  child.on('close', (status, signal) => {
    const text = Buffer.concat(chunks).toString('utf8');
    if (status !== null && status <= 4) {
      process.stderr.write(text);
      process.exitCode = status;
      return;
    }
    const oom = /heap out of memory|Reached heap limit|Invalid array length|allocation failed/i.test(text);
    const why = oom
      ? 'the analysis ran out of memory (node --max-old-space-size=MB raises the limit)'
      : `the analysis process ended abnormally (${signal ?? `exit status ${status}`})`;
    process.stderr.write(`flopscope: internal error: ${why}\n`);
    process.exitCode = 4;
  });
}

try {
  if (process.argv[2] === 'analyze' && !process.env.FLOPSCOPE_NO_SUPERVISOR) analyzeInChild();
  else launch();
} catch (e) {
  // cli-main.js handles its own errors; this is only a broken install (a missing or unreadable bundle).
  process.stderr.write(`flopscope: internal error: cannot start (${(e as Error).message.split('\n')[0]})\n`);
  process.exitCode = 4;
}
