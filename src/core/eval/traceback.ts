// Python-style tracebacks for exceptions that stop evaluation: the chain of file:line frames, as text and as related info.
import type { RelatedInfo } from '../api/result';
import type { Interp } from './interpreter';
import type { PyException } from './errors';

const shown = 20;

/** The frames an exception unwound through, outermost first, as `File "...", line N, in f` lines and related info. */
export function traceback(ip: Interp, e: PyException): { text: string; related: RelatedInfo[] } {
  const related: RelatedInfo[] = [];
  for (let i = e.frames.length - 1; i >= 0; i--) {
    const f = e.frames[i];
    const index = ip.lineIndex.get(f.file);
    if (!index || f.file.startsWith('<')) continue;
    related.push({ file: f.file, line: index.line(f.pos), message: `in ${f.name}` });
  }
  if (related.length === 0) return { text: '', related };
  const lines = related.map((r) => `  File "${r.file}", line ${r.line}, ${r.message}`);
  const cut =
    lines.length > shown
      ? [...lines.slice(0, shown / 2), `  ... ${lines.length - shown} more frames ...`, ...lines.slice(-shown / 2)]
      : lines;
  return { text: `\nTraceback (most recent call last):\n${cut.join('\n')}`, related };
}

/** `ValueError: message` (just the type when the message says nothing). */
export function exceptionText(e: PyException): string {
  return `${e.type}${e.message && e.message !== 'raised' ? `: ${e.message}` : ''}`;
}
