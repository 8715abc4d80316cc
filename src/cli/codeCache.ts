// Loads the CLI bundle (cli-main.js) through V8's code cache, so a run skips most compiling; the cache is written at exit.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

export function launch(): void {
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
