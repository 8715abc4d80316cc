// The `flopscope` command: loads the CLI bundle (cli-main.js) through V8's code cache, so a run skips most compiling.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Script } from 'node:vm';
import { cacheDir, writeAtomic } from './cacheDir';

declare const FLOPSCOPE_VERSION: string;

const file = join(__dirname, 'cli-main.js');

/**
 * The cache file holds a SHA-256 of (this build's identity, the V8 data) and then the data; V8 only ever sees data whose
 * hash matches, so a flipped byte (which can crash V8's deserializer) makes a plain compile instead, and a rewrite.
 */
function sealed(identity: string, data: Buffer): Buffer {
  return Buffer.concat([createHash('sha256').update(identity).update(data).digest(), data]);
}

function unsealed(identity: string, raw: Buffer): Buffer | undefined {
  if (raw.length <= 32) return undefined;
  const data = raw.subarray(32);
  const digest = createHash('sha256').update(identity).update(data).digest();
  return digest.equals(raw.subarray(0, 32)) ? data : undefined;
}

function launch(): void {
  const source = readFileSync(file, 'utf8');
  const dir = cacheDir('code');
  const st = statSync(file);
  const identity = `${FLOPSCOPE_VERSION}-${st.size}-${Math.floor(st.mtimeMs)}-${process.version}-${process.arch}`;
  const cacheFile = dir && join(dir, `cli-main-${identity}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = unsealed(identity, readFileSync(cacheFile));
  } catch {
    // First run: compile from source and write the cache on exit.
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected) && process.argv[2] === 'analyze') {
    // Written at the exit of an analysis, so the cache also holds the functions the engine compiled lazily.
    process.once('exit', () => {
      try {
        writeAtomic(cacheFile, sealed(identity, script.createCachedData()));
        // Caches of other builds are stale: keep only this one.
        for (const f of readdirSync(dir))
          if (f.startsWith('cli-main-') && join(dir, f) !== cacheFile) rmSync(join(dir, f), { force: true });
      } catch {
        // A cache that cannot be written only costs speed.
      }
    });
  }
  const mod = { exports: {} };
  (script.runInThisContext() as (...a: unknown[]) => void).call(
    mod.exports,
    mod.exports,
    require,
    mod,
    file,
    __dirname,
  );
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
