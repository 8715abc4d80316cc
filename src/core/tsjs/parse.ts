// The only importer of typescript-estree: parses TS/JS with locations, recovering a prefix of the file after a syntax error.
import { parse as estreeParse, type TSESTree } from '@typescript-eslint/typescript-estree';

export type Node = TSESTree.Node;
export type Program = TSESTree.Program;

export interface SyntaxProblem {
  readonly index: number;
  readonly line: number;
  readonly message: string;
}

export interface Parsed {
  /** The program, possibly of a prefix of the source when the file has a syntax error. */
  readonly program?: Program;
  readonly error?: SyntaxProblem;
}

function tryParse(text: string, jsx: boolean): { program?: Program; error?: SyntaxProblem } {
  try {
    return { program: estreeParse(text, { loc: true, range: true, jsx, errorOnUnknownASTType: false, comment: false, tokens: false }) };
  } catch (e) {
    const err = e as { index?: number; lineNumber?: number; message?: string };
    return { error: { index: err.index ?? 0, line: err.lineNumber ?? 1, message: String(err.message ?? e) } };
  }
}

/** Start offset of the last line before `line` (1-based) that starts at column 0 with code (a likely top-level statement). */
function topLevelCut(lines: string[], line: number): number {
  for (let l = line - 1; l >= 1; l--) if (/^[A-Za-z_$@]/.test(lines[l - 1]) && !/^(else|catch|finally)\b/.test(lines[l - 1])) return l;
  return 1;
}

export function parseSource(source: string, path: string): Parsed {
  const jsx = /\.(t|j)sx$/i.test(path);
  const first = tryParse(source, jsx);
  if (first.program) return first;
  const error = first.error!;
  const lines = source.split('\n');
  let cutLine = error.line;
  for (let attempt = 0; attempt < 12 && cutLine > 1; attempt++) {
    const prefix = lines.slice(0, cutLine - 1).join('\n');
    const r = tryParse(prefix, jsx);
    if (r.program) return { program: r.program, error };
    const next = attempt < 4 ? Math.min(r.error!.line, cutLine - 1) : topLevelCut(lines, Math.min(r.error!.line, cutLine - 1));
    cutLine = next >= cutLine ? cutLine - 1 : next;
  }
  return { error };
}
