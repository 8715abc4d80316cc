// The `flopscope:` comments that pin a file's entry and inputs (Set Entry → insert as comment), and the old ones they replace.
import type { InputOption } from '../core/api/options';
import { inputComment } from './inputs';

/** `# flopscope: entry resnet50()` then one `# flopscope: input x: [...]` per input (`//` in TS/JS). */
export function pinComments(
  entry: string,
  inputs: readonly InputOption[],
  names: readonly string[],
  language: 'python' | 'tsjs',
): string[] {
  const lead = language === 'python' ? '#' : '//';
  const out = entry.trim() ? [`${lead} flopscope: entry ${entry.trim()}`] : [];
  inputs.forEach((input, i) => out.push(inputComment(input, names[i] ?? (i === 0 ? 'x' : `x${i}`), language)));
  return out;
}

/** 0-based lines that hold an entry or input comment (replaced by new ones, so the file never holds two). */
export function pinnedLines(text: string, language: 'python' | 'tsjs'): number[] {
  const pattern =
    language === 'python' ? /^\s*#\s*flopscope:\s*(entry|input)\b/ : /^\s*\/\/\s*flopscope:\s*(entry|input)\b/;
  const out: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (pattern.test(line)) out.push(i);
  });
  return out;
}
