// A notebook as one program: its Python cells joined in order (IPython magics neutralized), and a result cut back to one cell.
import type { AnalysisResult, ModuleNode } from '../core/api/result';

/** Where one cell sits in the joined source: 0-based first line, line count, character offset and length. */
export interface CellPlace {
  readonly firstLine: number;
  readonly lineCount: number;
  readonly offset: number;
  readonly length: number;
}

/** Cell magics whose body is still Python (`%%time` runs the cell and times it); any other `%%` cell is not Python. */
const pythonCellMagics = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

/** A cell as Python the engine can read, with every character at the same offset. */
function neutralize(text: string): string {
  const cellMagic = /^%%(\w+)/.exec(text);
  // `%%bash`, `%%writefile`, `%%html`...: the whole cell is something else; comment out each line.
  if (cellMagic && !pythonCellMagics.has(cellMagic[1])) return text.replace(/^[^\n]/gm, '#');
  return text.replace(/^([ \t]*)[%!?]/gm, '$1#');
}

/**
 * Joins cell texts with newlines. A line that starts (after indentation) with `%`, `!` or `?` is an IPython magic or
 * shell escape: its first character becomes `#`, so it parses as a comment and every offset stays the same; a cell
 * whose `%%` magic is not Python is commented out whole.
 */
export function joinCells(texts: readonly string[]): { source: string; cells: CellPlace[] } {
  const cells: CellPlace[] = [];
  const parts: string[] = [];
  let line = 0;
  let offset = 0;
  for (const text of texts) {
    const neutral = neutralize(text);
    cells.push({ firstLine: line, lineCount: text.split('\n').length, offset, length: text.length });
    parts.push(neutral);
    line += text.split('\n').length;
    offset += text.length + 1;
  }
  return { source: parts.join('\n'), cells };
}

/**
 * The notebook's result as one cell sees it: its own lines, diagnostics and unknown ops, renumbered to the cell;
 * totals, memory, coverage counts and the module tree stay the notebook's (a module made in another cell has no line).
 */
export function projectCell(result: AnalysisResult, cell: CellPlace): AnalysisResult {
  const first = cell.firstLine + 1;
  const last = cell.firstLine + cell.lineCount;
  const inCell = (line: number | undefined): line is number => line !== undefined && line >= first && line <= last;
  const local = (line: number): number => line - cell.firstLine;
  const moduleNode = (m: ModuleNode): ModuleNode => ({
    ...m,
    line: inCell(m.line) ? local(m.line) : undefined,
    children: m.children.map(moduleNode),
  });
  return {
    ...result,
    lines: result.lines
      .filter((l) => inCell(l.line))
      .map((l) => ({
        ...l,
        line: local(l.line),
        endLine: l.endLine === undefined ? undefined : local(Math.min(l.endLine, last)),
      })),
    diagnostics: result.diagnostics
      .filter((d) => inCell(d.span.line))
      .map((d) => ({
        ...d,
        // Traceback frames in the notebook itself are renumbered to the cell; frames in other cells are dropped.
        related: d.related
          ?.filter((x) => !x.file.endsWith('.ipynb') || inCell(x.line))
          .map((x) => (x.file.endsWith('.ipynb') ? { ...x, line: local(x.line) } : x)),
        span: {
          line: local(d.span.line),
          start: Math.max(d.span.start - cell.offset, 0),
          end: Math.min(Math.max(d.span.end - cell.offset, 0), cell.length),
        },
      })),
    coverage: {
      ...result.coverage,
      unknown: result.coverage.unknown.filter((u) => inCell(u.line)).map((u) => ({ ...u, line: local(u.line) })),
    },
    modules: result.modules.map(moduleNode),
  };
}

/** The cell holding a 1-based line of the joined program, and the line within it; undefined past the end. */
export function cellAt(cells: readonly CellPlace[], line: number): { index: number; line: number } | undefined {
  const index = cells.findIndex((c) => line > c.firstLine && line <= c.firstLine + c.lineCount);
  return index < 0 ? undefined : { index, line: line - cells[index].firstLine };
}
