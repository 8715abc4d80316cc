// Joins a notebook fixture's code cells exactly as the product does (src/protocol/notebook.ts), for the oracles and tests.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = esbuild.buildSync({
  entryPoints: [join(repo, 'src/protocol/notebook.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  write: false,
  logLevel: 'warning',
});
const mod = { exports: {} };
new Function('module', 'exports', built.outputFiles[0].text)(mod, mod.exports);
export const { joinCells, projectCell } = mod.exports;

/** The code cells' texts of an .ipynb file. */
export function codeCells(path) {
  const nb = JSON.parse(readFileSync(path, 'utf8'));
  return nb.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

/** The notebook as the one program flopscope analyzes. */
export function joinedSource(path) {
  return joinCells(codeCells(path)).source;
}
