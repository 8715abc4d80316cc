// Where a line's cost came from when it calls into a library: its ops grouped by library file and line, largest first.
import type { LineCost } from '../core/api/result';

export interface LibrarySource {
  readonly file: string;
  readonly line: number;
  readonly flops: bigint;
  readonly macs: bigint;
  readonly ops: number;
}

/** The library places of a line's ops by forward FLOPs (largest first), at most `max` of them. */
export function librarySources(line: LineCost, max = 5): LibrarySource[] {
  const by = new Map<string, { file: string; line: number; flops: bigint; macs: bigint; ops: number }>();
  for (const op of line.ops) {
    if (!op.source) continue;
    const key = `${op.source.file}:${op.source.line}`;
    let s = by.get(key);
    if (!s) by.set(key, (s = { file: op.source.file, line: op.source.line, flops: 0n, macs: 0n, ops: 0 }));
    s.flops += op.flops;
    s.macs += op.macs;
    s.ops++;
  }
  return [...by.values()].sort((a, b) => (b.flops > a.flops ? 1 : b.flops < a.flops ? -1 : 0)).slice(0, max);
}

/** A path's last segments, enough to tell library files apart (`models/llama/modeling_llama.py`). */
export function shortPath(file: string, segments = 3): string {
  return file.split('/').filter(Boolean).slice(-segments).join('/');
}
