// Builds every bundle: desktop and web extension, webview script, CLI, the lazy TS/JS front end, and test suites.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const quiet = args.has('--quiet');
const watch = args.has('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  target: 'es2022',
  logLevel: quiet ? 'warning' : 'info',
  legalComments: 'none',
};

/** Each build: an entry, an output file and the platform it runs on. Entries not written yet are skipped. */
const builds = [
  {
    entryPoints: ['src/extension/desktop.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    entryPoints: ['src/extension/web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
  },
  { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  {
    entryPoints: ['src/cli/launcher.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['src/worker/analysisWorker.ts'], outfile: 'dist/analysisWorker.js', platform: 'node', format: 'cjs' },
  {
    entryPoints: ['src/worker/analysisProcess.ts'],
    outfile: 'dist/analysisProcess.js',
    platform: 'node',
    format: 'cjs',
  },
  // One TS/JS bundle for every host (it carries the 3.6 MB TypeScript compiler): `require`d on Node, and evaluated
  // in the web worker, where the few Node modules it names are never called (protocol/tsjsBundle.ts).
  { entryPoints: ['src/core/tsjs/index.ts'], outfile: 'dist/tsjs.js', platform: 'node', format: 'cjs' },
  // Test bundles (not shipped): core as a CJS library for plain Node tests, and the in-host suite for both hosts.
  { entryPoints: ['src/core/index.ts'], outfile: 'out/core.cjs', platform: 'node', format: 'cjs' },
  {
    entryPoints: ['test/integration/suite.ts'],
    outfile: 'out/integration/web.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    define: { FLOPSCOPE_SUITE_HOST: '"web"' },
  },
  {
    entryPoints: ['test/integration/suite.ts'],
    outfile: 'out/integration/desktop.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    define: { FLOPSCOPE_SUITE_HOST: '"desktop"' },
  },
].filter((b) => existsSync(b.entryPoints[0]));

mkdirSync('dist/web', { recursive: true });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const define = {
  'process.env.NODE_ENV': production ? '"production"' : '"development"',
  FLOPSCOPE_VERSION: JSON.stringify(version),
};
if (watch) {
  for (const b of builds) (await esbuild.context({ ...common, ...b, define: { ...define, ...b.define } })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, define: { ...define, ...b.define } })));
}
