// Reads a Jupyter notebook (.ipynb) for the CLI: its Python code cells, joined top to bottom as one program.
import { joinCells } from '../protocol/notebook';

/** The joined program and a note mapping cells to its lines; a string when the file is not a usable notebook. */
export function readNotebook(text: string): { source: string; note: string } | string {
  let nb: {
    cells?: { cell_type?: string; source?: string | string[] }[];
    metadata?: { kernelspec?: { language?: string }; language_info?: { name?: string } };
  };
  try {
    nb = JSON.parse(text);
  } catch (e) {
    return `not a notebook (invalid JSON: ${(e as Error).message})`;
  }
  if (!nb || !Array.isArray(nb.cells)) return 'not a notebook (no "cells" list)';
  const language = nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language ?? 'python';
  if (language.toLowerCase() !== 'python') return `a ${language} notebook: only Python notebooks are analyzed`;
  const cells = nb.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : (c.source ?? '')));
  const joined = joinCells(cells);
  const where = joined.cells.map((c, i) => `cell ${i + 1}: ${c.firstLine + 1}-${c.firstLine + c.lineCount}`).join(', ');
  return {
    source: joined.source,
    note: `Notebook: ${cells.length} code cells run top to bottom as one program; lines are numbered in it (${where})`,
  };
}
