// How every view marks a partial result: `≥` before totals (they are lower bounds) and one "partial: ..." sentence.
import type { AnalysisResult } from '../core/api/result';

/** True when some figure is a lower bound (unknown ops, skipped loops, unresolved imports, stopped evaluation...). */
export function isPartial(r: AnalysisResult): boolean {
  return r.coverage.complete === false;
}

/** `≥ ` before a total of a partial result, nothing otherwise. */
export function atLeast(r: AnalysisResult): string {
  return isPartial(r) ? '≥ ' : '';
}

/** `partial: 3 unknown ops (frobnicate line 5, mul line 7, ...); loop bound unknown: body not costed (line 14)`; '' when complete. */
export function partialText(r: AnalysisResult, maxOps = 5): string {
  if (!isPartial(r)) return '';
  return `partial: ${partialReasons(r, maxOps).join('; ')}`;
}

/** The reasons of that sentence, one per item (the sidebar lists them); [] when complete. */
export function partialReasons(r: AnalysisResult, maxOps = 5): string[] {
  if (!isPartial(r)) return [];
  const parts: string[] = [];
  const c = r.coverage;
  if (c.unknownOps > 0) {
    const names = c.unknown.slice(0, maxOps).map((u) => `${u.name} line ${u.line}`);
    const more = c.unknown.length > maxOps ? ', ...' : '';
    parts.push(
      `${c.unknownOps} unknown op${c.unknownOps === 1 ? '' : 's'}${names.length ? ` (${names.join(', ')}${more})` : ''}`,
    );
  }
  for (const reason of c.reasons) {
    if (reason.code === 'unknown-op') continue;
    const first = reason.message.split('\n')[0].replace(/^flopscope: /, '');
    parts.push(`${first}${reason.line !== undefined ? ` (line ${reason.line})` : ''}`);
  }
  return parts.length ? parts : ['some code was not costed'];
}
