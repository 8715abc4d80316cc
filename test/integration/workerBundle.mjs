// Test helper: the desktop runner (src/extension/workerRunner.ts) bundled for Node, and the real worker bundle it drives.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
export const workerFile = `${root}dist/analysisWorker.js`;
const out = `${root}out/test/workerRunner.cjs`;
esbuild.buildSync({
  entryPoints: [`${root}src/extension/workerRunner.ts`],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
});
export const { WorkerRunner } = createRequire(import.meta.url)(out);
/** Why the worker tests cannot run (a node:test skip reason), or false. */
export const skipWithoutWorker = !existsSync(workerFile) && 'dist/analysisWorker.js not built (node esbuild.mjs)';
