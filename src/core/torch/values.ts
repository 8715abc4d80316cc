// Reading shapes, dims and tensors out of interpreter values.
import { PyList, PyTuple, SymInt, type Value } from '../eval/values';
import type { Dim } from '../sym/dim';
import { Tensor } from '../model/tensor';

export function asTensor(v: Value | undefined): Tensor | undefined {
  return v instanceof Tensor ? v : undefined;
}

export function toDim(v: Value | undefined): Dim | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof SymInt) return v;
  // A 0-d integer tensor of known value is an index (`__index__`): `x.view(b, torch.div(n, 2, rounding_mode="trunc"))`.
  if (
    v instanceof Tensor &&
    v.shape?.length === 0 &&
    v.data?.length === 1 &&
    !v.dtype.isFloat &&
    v.dtype.name !== 'bool'
  )
    return v.data[0];
  return undefined;
}

/** A shape from `(2, 3)`, `[2, 3]`, `torch.Size`, or varargs `2, 3`; undefined if any dim is unknown. */
export function toDims(v: Value | Value[] | undefined): Dim[] | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 1 && (v[0] instanceof PyTuple || v[0] instanceof PyList)) return toDims(v[0]);
    const out: Dim[] = [];
    for (const x of v) {
      const d = toDim(x);
      if (d === undefined) return undefined;
      out.push(d);
    }
    return out;
  }
  if (v instanceof PyTuple || v instanceof PyList) return toDims(v.items);
  const d = toDim(v);
  return d === undefined ? undefined : [d];
}

/** An int list or single int argument (kernel_size=3 or (3, 3)) expanded to n entries. */
export function intTuple(v: Value | undefined, n: number, def?: number): Dim[] | undefined {
  if (v === undefined || v === null) return def === undefined ? undefined : Array(n).fill(def);
  const d = toDim(v);
  if (d !== undefined) return Array(n).fill(d);
  const ds = toDims(v);
  if (!ds) return undefined;
  return ds.length === 1 ? Array(n).fill(ds[0]) : ds;
}

/** Normalizes a possibly negative dim index against a rank; undefined when out of range or unknown. */
export function normDim(v: Value | undefined, rank: number, extra = 0): number | undefined {
  if (typeof v !== 'number') return undefined;
  const r = rank + extra;
  const d = v < 0 ? v + r : v;
  return d >= 0 && d < Math.max(r, 1) ? d : undefined;
}
