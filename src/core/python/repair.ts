// Rewrites statements with unclosed brackets so the rest of their block parses: closed where they end, or skipped.
import type { Unclosed } from './unclosed';

/** How unclosed brackets are repaired: closed where they end, the statement replaced by a no-op, or left alone. */
export type RepairMode = 'close' | 'skip' | 'none';

export interface Repaired {
  readonly text: string;
  /** Maps an offset in `text` back to the original source. */
  readonly toSource: (p: number) => number;
}

/** Where a skipped statement ends: a header's `:` may follow the point where its brackets close (`-> int:`). */
function skipEnd(src: string, u: Unclosed): number {
  return u.header && src[u.codeEnd - 1] !== ':' ? src.indexOf(':', u.codeEnd) + 1 : u.codeEnd;
}

/** Blanks a statement (newlines kept, so lines do not move) and leaves a no-op in its place. */
function skipped(src: string, u: Unclosed): string {
  const blank = src.slice(u.start, skipEnd(src, u)).replace(/[^\n\r]/g, ' ');
  const stub = u.header ? 'if 0:' : blank.length >= 4 ? 'pass' : '0';
  return stub + blank.slice(stub.length);
}

/** Repairs each cut by its mode (the last mode applies to cuts beyond the list). */
export function repair(src: string, cuts: readonly Unclosed[], modes: readonly RepairMode[]): Repaired {
  const parts: string[] = [];
  const inserts: { at: number; len: number }[] = []; // `at` in the repaired text
  let from = 0;
  let added = 0;
  cuts.forEach((u, i) => {
    const mode = modes[i] ?? modes[modes.length - 1];
    if (mode === 'none' || u.start < from) return;
    if (mode === 'skip') {
      parts.push(src.slice(from, u.start), skipped(src, u));
      from = skipEnd(src, u);
      return;
    }
    const at = u.header && src[u.codeEnd - 1] === ':' ? u.codeEnd - 1 : u.codeEnd;
    parts.push(src.slice(from, at), u.closers);
    inserts.push({ at: at + added, len: u.closers.length });
    added += u.closers.length;
    from = at;
  });
  parts.push(src.slice(from));
  const toSource = (p: number): number => {
    let delta = 0;
    for (const ins of inserts) {
      if (p < ins.at) break;
      if (p < ins.at + ins.len) return ins.at - delta;
      delta += ins.len;
    }
    return p - delta;
  };
  return { text: parts.join(''), toSource };
}

/** Moves every `s`/`e` offset of lowered IR (or error spans) through `map`. */
export function mapOffsets<T>(node: T, map: (p: number) => number): T {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => mapOffsets(n, map)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>))
    out[k] = (k === 's' || k === 'e') && typeof v === 'number' ? map(v) : mapOffsets(v, map);
  return out as T;
}
