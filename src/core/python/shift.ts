// Moves lowered IR by a character offset, so a top-level statement whose text did not change is reused after an edit above it.
export function shiftIR<T>(node: T, delta: number): T {
  return delta === 0 ? node : (shifted(node, delta) as T);
}

/** A copy of `v` with every `s` and `e` offset moved by `delta` (a plain loop: this runs over a whole file's IR). */
function shifted(v: unknown, delta: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = shifted(v[i], delta);
    return out;
  }
  const node = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in node) {
    const x = node[k];
    out[k] = (k === 's' || k === 'e') && typeof x === 'number' ? x + delta : shifted(x, delta);
  }
  return out;
}
