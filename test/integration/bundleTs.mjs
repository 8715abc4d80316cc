// Test helper: bundles TypeScript sources of src/ for plain Node (esbuild from an export list) and imports the result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const src = new URL('../../src', import.meta.url).pathname;

/** Imports `exportsCode` (e.g. "export * from './protocol/format';", paths relative to src/); dispose() cleans up. */
export async function importTs(exportsCode, name) {
  const dir = mkdtempSync(join(tmpdir(), `flopscope-${name}-`));
  const outfile = join(dir, `${name}.mjs`);
  await esbuild.build({
    stdin: { contents: exportsCode, resolveDir: src, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'warning',
  });
  return { module: await import(outfile), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
