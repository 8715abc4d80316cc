// The `flopscope` command: loads the CLI bundle (cli-main.js) through V8's code cache, so a run skips most compiling.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir } from './cacheDir';

declare const FLOPSCOPE_VERSION: string;

const file = join(__dirname, 'cli-main.js');
const source = readFileSync(file, 'utf8');
const dir = cacheDir('code');
const st = statSync(file);
const cacheFile = dir && join(dir, `cli-main-${FLOPSCOPE_VERSION}-${st.size}-${Math.floor(st.mtimeMs)}.bin`);
let cachedData: Buffer | undefined;
try {
  if (cacheFile) cachedData = readFileSync(cacheFile);
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
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
      // Caches of other builds are stale: keep only this one.
      for (const f of readdirSync(dir))
        if (f.startsWith('cli-main-') && join(dir, f) !== cacheFile) rmSync(join(dir, f), { force: true });
    } catch {
      // A cache that cannot be written only costs speed.
    }
  });
}
const mod = { exports: {} };
(script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, require, mod, file, __dirname);
