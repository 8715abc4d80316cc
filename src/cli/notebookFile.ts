// Reads a Jupyter notebook (.ipynb) for the CLI: its Python code cells, joined top to bottom as one program.
import { joinCells } from '../protocol/notebook';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: Json): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : `a ${typeof v}`;
}

/** The notebook's language when it names one (nbformat 4: metadata.language_info.name or kernelspec.language). */
function language(nb: Record<string, Json>): string {
  const meta = isObject(nb.metadata) ? nb.metadata : {};
  const info = isObject(meta.language_info) ? meta.language_info.name : undefined;
  const kernel = isObject(meta.kernelspec) ? meta.kernelspec.language : undefined;
  return typeof info === 'string' ? info : typeof kernel === 'string' ? kernel : 'python';
}

/** A code cell's text, or why it is unusable. */
function cellSource(cell: Record<string, Json>, index: number): string | { error: string } {
  const src = cell.source ?? '';
  if (typeof src === 'string') return src;
  if (Array.isArray(src) && src.every((s) => typeof s === 'string')) return src.join('');
  return { error: `cell ${index + 1}: "source" must be a string or a list of strings` };
}

/** The joined program and a note mapping cells to its lines; a string when the file is not a usable notebook. */
export function readNotebook(text: string): { source: string; note: string } | string {
  let nb: Json;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    return `not a notebook (invalid JSON: ${(e as Error).message})`;
  }
  if (!isObject(nb) || !Array.isArray(nb.cells)) return 'not a notebook (no "cells" list)';
  const lang = language(nb);
  if (lang.toLowerCase() !== 'python') return `a ${lang.slice(0, 40)} notebook: only Python notebooks are analyzed`;
  const cells: string[] = [];
  for (const [i, cell] of nb.cells.entries()) {
    if (!isObject(cell)) return `not a notebook (cell ${i + 1} is ${describe(cell)}, not an object)`;
    if (cell.cell_type !== 'code') continue;
    const source = cellSource(cell, i);
    if (typeof source !== 'string') return `not a notebook (${source.error})`;
    cells.push(source);
  }
  const joined = joinCells(cells);
  const where = joined.cells.map((c, i) => `cell ${i + 1}: ${c.firstLine + 1}-${c.firstLine + c.lineCount}`).join(', ');
  return {
    source: joined.source,
    note: `Notebook: ${cells.length} code cells run top to bottom as one program; lines are numbered in it (${where})`,
  };
}
