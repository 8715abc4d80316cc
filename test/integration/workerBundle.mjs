// Test helper: the desktop runner (src/extension/processRunner.ts) and its process starter bundled for Node, driving the
// real analysis process (dist/analysisProcess.js, which runs dist/analysisWorker.js in a thread).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
export const processFile = `${root}dist/analysisProcess.js`;
const out = `${root}out/test/processRunner.cjs`;
esbuild.buildSync({
  stdin: {
    contents:
      "export { ProcessRunner } from './src/extension/processRunner';\n" +
      "export { startAnalysisProcess } from './src/extension/analysisProcess';\n",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
export const { ProcessRunner, startAnalysisProcess } = require(out);
/** Starts the real analysis process, as the desktop extension does (heap cap in MB). */
export const startProcess = (heapMb = 2048) => startAnalysisProcess(processFile, heapMb, require);
/** Why the process tests cannot run (a node:test skip reason), or false. */
export const skipWithoutWorker =
  !(existsSync(processFile) && existsSync(`${root}dist/analysisWorker.js`)) &&
  'dist/analysisProcess.js not built (node esbuild.mjs)';
