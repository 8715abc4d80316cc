// Test helper: builds src/core into one CommonJS file once per run and loads it (tests never import TypeScript directly).
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'out', 'test', 'core.cjs');
mkdirSync(dirname(out), { recursive: true });
esbuild.buildSync({
  entryPoints: [join(root, 'src/core/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
  sourcemap: 'inline',
});
export const core = createRequire(import.meta.url)(out);

export function readFile(p) {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** Analyzes a file on disk with sibling imports resolved. */
export function analyzeFile(path, options = {}) {
  const abs = resolve(root, path);
  return core.analyze(readFileSync(abs, 'utf8'), { path: abs, readFile, ...options });
}

export function inputs(specs) {
  return specs.map((s) => {
    const [shape, dtype] = s.split(':');
    return dtype ? { shape, dtype } : { shape };
  });
}
