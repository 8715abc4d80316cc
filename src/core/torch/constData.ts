// Concrete values of small tensors (torch.arange/tensor and arithmetic on them), so width schedules like RegNet's fold.
import { broadcast } from './broadcast';
import { Tensor } from '../model/tensor';
import { PyFloat, PyList, type Value } from '../eval/values';

/** Tensors above this many elements never carry values. */
export const MAX_DATA = 4096;

interface Data {
  shape: number[];
  data: number[];
}

/** The values of a tensor with known data, or of a Python number (a 0-d operand). */
export function dataOf(v: Value | undefined): Data | undefined {
  if (typeof v === 'number') return { shape: [], data: [v] };
  if (typeof v === 'boolean') return { shape: [], data: [v ? 1 : 0] };
  if (v instanceof PyFloat) return { shape: [], data: [v.v] };
  if (v instanceof Tensor && v.data && v.shape?.every((d) => typeof d === 'number'))
    return { shape: v.shape as number[], data: v.data };
  return undefined;
}

/** Attaches values to `t` (when small and its shape concrete); returns `t`. */
export function withData(t: Tensor, data: number[] | undefined): Tensor {
  if (
    data &&
    data.length <= MAX_DATA &&
    !t.dtype.name.startsWith('complex') &&
    t.shape?.every((d) => typeof d === 'number') &&
    t.numel() === data.length
  ) {
    t.data = t.dtype.isFloat ? data : data.map(Math.trunc);
  }
  return t;
}

function strides(shape: number[]): number[] {
  const s = shape.map(() => 1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

/** Index into `d` for each element of the broadcast shape `out`. */
function gather(d: Data, out: number[]): number[] {
  const off = out.length - d.shape.length;
  const st = strides(d.shape),
    ost = strides(out);
  const n = out.reduce((a, b) => a * b, 1);
  const res = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let src = 0;
    for (let k = 0; k < d.shape.length; k++) {
      const idx = Math.floor(i / ost[k + off]) % out[k + off];
      src += (d.shape[k] === 1 ? 0 : idx) * st[k];
    }
    res[i] = d.data[src];
  }
  return res;
}

const binaryFns: Record<string, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  pow: (x, y) => x ** y,
  floor_divide: (x, y) => Math.floor(x / y),
  trunc_divide: (x, y) => Math.trunc(x / y),
  remainder: (x, y) => x - Math.floor(x / y) * y,
  maximum: Math.max,
  minimum: Math.min,
  eq: (x, y) => +(x === y),
  ne: (x, y) => +(x !== y),
  lt: (x, y) => +(x < y),
  le: (x, y) => +(x <= y),
  gt: (x, y) => +(x > y),
  ge: (x, y) => +(x >= y),
  bitwise_and: (x, y) => x & y,
  bitwise_or: (x, y) => x | y,
  bitwise_xor: (x, y) => x ^ y,
};

/** Values of a binary op when both operands' values are known. */
export function foldBinary(op: string, a: Value, b: Value): number[] | undefined {
  if ((a instanceof Tensor && !a.data) || (b instanceof Tensor && !b.data)) return undefined;
  const f = binaryFns[op] as ((x: number, y: number) => number) | undefined,
    da = dataOf(a),
    db = dataOf(b);
  if (
    !f ||
    !da ||
    !db ||
    (da.shape.length === 0 && db.shape.length === 0 && !(a instanceof Tensor) && !(b instanceof Tensor))
  )
    return undefined;
  const r = broadcast(da.shape, db.shape);
  if ('error' in r) return undefined;
  const shape = r.shape as number[];
  const xa = gather(da, shape),
    xb = gather(db, shape);
  return xa.map((x, i) => f(x, xb[i]));
}

/** torch.round: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
const unaryFns: Record<string, (x: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sqrt: Math.sqrt,
  abs: Math.abs,
  neg: (x) => -x,
  negative: (x) => -x,
  floor: Math.floor,
  ceil: Math.ceil,
  trunc: Math.trunc,
  round: roundHalfEven,
  reciprocal: (x) => 1 / x,
  square: (x) => x * x,
  sign: Math.sign,
  logical_not: (x) => +(x === 0),
  bitwise_not: (x) => -x - 1,
};

export function foldUnary(op: string, x: Value): number[] | undefined {
  if (!(x instanceof Tensor) || !x.data) return undefined;
  const f = unaryFns[op] as ((x: number) => number) | undefined,
    d = dataOf(x);
  return f && d && x instanceof Tensor ? d.data.map(f) : undefined;
}

/** Tensor.tolist(): nested lists of ints (integer dtypes) or floats. */
export function toList(t: Tensor): Value | undefined {
  const d = dataOf(t);
  if (!d) return undefined;
  const item = (x: number): Value => (t.dtype.isFloat ? new PyFloat(x) : t.dtype.name === 'bool' ? x !== 0 : x);
  const build = (dim: number, at: number): Value => {
    if (dim === d.shape.length) return item(d.data[at]);
    const st = strides(d.shape)[dim];
    return new PyList(Array.from({ length: d.shape[dim] }, (_, i) => build(dim + 1, at + i * st)));
  };
  return build(0, 0);
}
