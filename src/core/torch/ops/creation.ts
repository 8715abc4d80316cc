// Tensor creation (zeros, randn, arange, eye, tensor(...), *_like) and dtype conversions (.to, .float, ...).
import { Dtype } from '../../model/dtype';
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, toDim, toDims } from '../values';
import { complexOf, dtypes, float32, int64, boolType } from '../dtypes';
import { Tensor } from '../../model/tensor';
import { fresh, isContiguous } from '../strides';
import { dataOf, MAX_DATA, toList, withData } from '../constData';
import { dimFloorDiv, dimSub, type Dim } from '../../sym/dim';
import { PyComplex, PyFloat, PyInstance, PyList, PyTuple, Unknown, type Value } from '../../eval/values';

function dtypeArg(c: TorchCtx, kw: Map<string, Value> | undefined, def: Dtype): Dtype {
  const d = kw?.get('dtype');
  return d instanceof Dtype ? d : def === float32 ? c.defaultFloat : def;
}

/** A Python number's value (a fill value), never a tensor's. */
const scalarOf = (v: Value | undefined): number | undefined => (v instanceof Tensor ? undefined : dataOf(v)?.data[0]);

function sized(name: string, dflt: Dtype | 'float') {
  def(name, 't', (c, args, kw) => {
    const shapeArgs = name === 'full' ? args.slice(0, 1) : args;
    const shape = c.creationShape(toDims(kw?.has('size') ? kw.get('size')! : shapeArgs));
    // full's dtype follows its fill value (torch 1.13): an int gives int64, a bool bool, a float the default float.
    const fillValue = name === 'full' ? (args[1] ?? kw?.get('fill_value')) : undefined;
    const dtype = dtypeArg(
      c,
      kw,
      typeof fillValue === 'number'
        ? int64
        : typeof fillValue === 'boolean'
          ? boolType
          : dflt === 'float'
            ? float32
            : dflt,
    );
    const out = fresh(new Tensor(shape, dtype));
    // zeros/ones/full of a small concrete shape carry their values (`torch.ones(B, N, dtype=bool)` masks that
    // `(~mask).any()` decides on).
    const fill =
      name === 'zeros'
        ? 0
        : name === 'ones'
          ? 1
          : name === 'full'
            ? scalarOf(args[1] ?? kw?.get('fill_value'))
            : undefined;
    const n = out.numel();
    return fill === undefined || typeof n !== 'number' || n > MAX_DATA
      ? out
      : withData(out, new Array<number>(n).fill(fill));
  });
}
for (const n of ['zeros', 'ones', 'empty', 'randn', 'rand', 'full']) sized(n, 'float');

def(['zeros_like', 'ones_like', 'empty_like', 'randn_like', 'rand_like', 'full_like'], 't', (c, args, kw) => {
  const t = asTensor(args[0]);
  return t ? new Tensor(t.shape, dtypeArg(c, kw, t.dtype)) : new Unknown('like');
});
for (const name of ['new_zeros', 'new_ones', 'new_empty', 'new_full']) {
  def(name, 'm', (c, args, kw) => newSized(c, name, args, kw));
}
/** x.new_ones(2, 3), x.new_ones((2, 3)), x.new_ones(size=...); new_full(size, fill_value) takes its size as one sequence. */
function newSized(c: TorchCtx, name: string, args: Value[], kw: Map<string, Value> | undefined): Value {
  const t = asTensor(args[0]);
  const given = kw?.get('size') ?? (name === 'new_full' ? args[1] : undefined);
  const shape = toDims(
    given !== undefined
      ? given
      : args.slice(1, 2).length && (args[1] instanceof PyTuple || args[1] instanceof PyList)
        ? args[1]
        : args.slice(1),
  );
  return new Tensor(c.creationShape(shape), dtypeArg(c, kw, t?.dtype ?? float32));
}
def('new_tensor', 'm', (c, args, kw) => tensorFromData(c, args[1], kw));
def('randint', 't', (c, args, kw) => {
  const size = kw?.get('size') ?? args[args.length - 1];
  const bounds = kw?.has('size') ? args : args.slice(0, -1);
  const [low, high] =
    bounds.length >= 2
      ? [kw?.get('low') ?? bounds[0], kw?.get('high') ?? bounds[1]]
      : [kw?.get('low') ?? 0, kw?.get('high') ?? bounds[0]];
  const t = fresh(new Tensor(c.creationShape(toDims(size)), dtypeArg(c, kw, int64)));
  if (typeof low === 'number' && typeof high === 'number' && high > low) t.values = { low, high };
  return t;
});
def(
  'randperm',
  't',
  (c, [n], kw) => new Tensor(toDim(n) === undefined ? undefined : [toDim(n)!], dtypeArg(c, kw, int64)),
);
def(['randint_like'], 't', (_c, [x]) => {
  const t = asTensor(x);
  return t ? new Tensor(t.shape, int64) : new Unknown('randint_like');
});
def('arange', 't', (c, args, kw) => {
  const nums = args.filter(
    (a) => typeof a === 'number' || a instanceof PyFloat || a instanceof Unknown || typeof a === 'object',
  );
  // arange(end), arange(start, end[, step]), and any of them by keyword (arange(start=0, end=half)).
  const pos: (Value | undefined)[] = nums.length === 1 ? [undefined, nums[0], undefined] : [nums[0], nums[1], nums[2]];
  const start = kw?.get('start') ?? pos[0] ?? 0;
  const end = kw?.get('end') ?? pos[1];
  const step = kw?.get('step') ?? pos[2] ?? 1;
  if (end === undefined) return new Tensor(undefined, dtypeArg(c, kw, int64));
  const isFloat = [start, end, step].some((a) => a instanceof PyFloat);
  const dtype = dtypeArg(c, kw, isFloat ? float32 : int64);
  const f = (v: Value) => (v instanceof PyFloat ? v.v : typeof v === 'number' ? v : undefined);
  const s = f(start),
    e = f(end),
    st = f(step);
  if (s !== undefined && e !== undefined && st !== undefined) {
    if (st === 0) return c.error('step must be nonzero', new Tensor(undefined, dtype));
    if ((e - s) / st < 0)
      return c.error('upper bound and larger bound inconsistent with step sign', new Tensor(undefined, dtype));
    const n = Math.max(0, Math.ceil((e - s) / st));
    return withData(
      fresh(new Tensor([n], dtype)),
      n <= MAX_DATA ? Array.from({ length: n }, (_, i) => s + i * st) : undefined,
    );
  }
  const ds = toDim(start),
    de = toDim(end),
    dst = toDim(step);
  if (ds === undefined || de === undefined || dst === undefined) return new Tensor(undefined, dtype);
  return new Tensor([dimFloorDiv(dimSub(de, ds), dst, true)], dtype);
});
def('linspace', 't', (c, args, kw) => {
  const steps = toDim(kw?.get('steps') ?? args[2] ?? 50);
  const t = fresh(new Tensor(steps === undefined ? undefined : [steps], dtypeArg(c, kw, float32)));
  const [a, b] = [args[0] ?? kw?.get('start'), args[1] ?? kw?.get('end') ?? kw?.get('stop')].map(
    (v) => dataOf(v instanceof Tensor ? undefined : v)?.data[0],
  );
  if (typeof steps !== 'number' || a === undefined || b === undefined || steps > MAX_DATA) return t;
  return withData(
    t,
    Array.from({ length: steps }, (_, i) => (steps === 1 ? a : a + ((b - a) * i) / (steps - 1))),
  );
});
def('eye', 't', (c, args, kw) => {
  const n = toDim(args[0]);
  const m = toDim(args[1]) ?? n;
  return new Tensor(n === undefined ? undefined : [n, m!], dtypeArg(c, kw, float32));
});

function nestedShape(v: Value): { shape: Dim[]; float: boolean; complex?: boolean } | undefined {
  if (v instanceof PyList || v instanceof PyTuple) {
    if (v.items.length === 0) return { shape: [0], float: true };
    const inner = nestedShape(v.items[0]);
    if (!inner) return undefined;
    let float = inner.float;
    let complex = inner.complex;
    for (const it of v.items) {
      if (it instanceof PyFloat) float = true;
      if (it instanceof PyComplex) complex = true;
    }
    return { shape: [v.items.length, ...inner.shape], float, complex };
  }
  if (v instanceof PyComplex) return { shape: [], float: true, complex: true };
  if (typeof v === 'number' || typeof v === 'boolean') return { shape: [], float: false };
  if (v instanceof PyFloat) return { shape: [], float: true };
  if (v instanceof Tensor) return v.shape ? { shape: v.shape, float: v.dtype.isFloat } : undefined;
  return undefined;
}
export function tensorFromData(c: TorchCtx, data: Value | undefined, kw: Map<string, Value> | undefined): Value {
  const s = data === undefined ? undefined : nestedShape(data);
  // A tensor or ndarray keeps its dtype (torch.from_numpy of float64 data is float64; torch.tensor(t) copies t).
  if (data instanceof Tensor) {
    const d = kw?.get('dtype');
    return withData(fresh(new Tensor(s?.shape, d instanceof Dtype ? d : data.dtype)), data.data);
  }
  const dflt = typeof data === 'boolean' ? boolType : s?.float === false ? int64 : float32;
  // A complex scalar anywhere makes it complex (complex128 under a float64 default dtype).
  if (s?.complex) return fresh(new Tensor(s.shape, dtypeArg(c, kw, complexOf(c.defaultFloat))));
  return withData(fresh(new Tensor(s?.shape, dtypeArg(c, kw, dflt))), flatNumbers(data));
}

function flatNumbers(v: Value | undefined): number[] | undefined {
  if (v instanceof PyList || v instanceof PyTuple) {
    const out: number[] = [];
    for (const it of v.items) {
      const f = flatNumbers(it);
      if (!f) return undefined;
      out.push(...f);
    }
    return out;
  }
  return dataOf(v instanceof Tensor ? undefined : v)?.data;
}
def(['tensor', 'from_numpy'], 't', (c, [data], kw) => tensorFromData(c, data, kw));
// torch.as_tensor(t) of a tensor already of that dtype (on the CPU) is t itself; torch.asarray(t) (1.13) a new tensor
// sharing t's storage, detached (autograd.ts). Another dtype or device: a converted copy, as t.to(...).
function asTensorOf(name: 'as_tensor' | 'asarray') {
  def(name, 't', (c, [data], kw) => {
    if (!(data instanceof Tensor)) return tensorFromData(c, data, kw);
    const d = kw?.get('dtype');
    const out = converted(data, d instanceof Dtype ? d : data.dtype, kw, kw?.get('device'));
    return out === data && name === 'asarray' ? new Tensor(data.shape, data.dtype).shareStorage(data) : out;
  });
}
asTensorOf('as_tensor');
asTensorOf('asarray');

/**
 * `x.float()`, `x.to(...)`, `x.type_as(y)`: PyTorch returns x itself when nothing changes (same dtype, no copy=True,
 * no memory_format, no other device): no new storage, no autograd node, `x.float() is x`. Else a converted copy.
 */
function converted(t: Tensor, dtype: Dtype, kw: Map<string, Value> | undefined, device?: Value): Tensor {
  const copy =
    kw?.get('copy') === true || kw?.has('memory_format') || (device !== undefined && device !== null && !onCpu(device));
  if (dtype === t.dtype && !copy) return t;
  // A copy keeps the layout (memory_format=preserve_format): a contiguous tensor's is contiguous; others stay unknown.
  const out = new Tensor(t.shape, dtype);
  if (t.strides && isContiguous(t) && !kw?.has('memory_format')) fresh(out);
  return dtype === t.dtype ? withData(out, t.data) : out;
}
/** Whether a device argument names the CPU (the engine's tensors all live there, as `x.device` says). */
function onCpu(d: Value): boolean {
  if (typeof d === 'string') return d === 'cpu' || d.startsWith('cpu:');
  if (d instanceof PyInstance && d.cls.name === 'device') return d.attrs.get('type') === 'cpu';
  return false;
}
function convert(name: string, dtype: Dtype) {
  def(name, 'm', (_c, [x], kw) => {
    const t = asTensor(x);
    if (!t) return new Unknown(name);
    const out = converted(t, dtype, kw);
    return out === t ? t : withData(out, t.data);
  });
}
convert('float', dtypes.get('float32')!);
convert('half', dtypes.get('float16')!);
convert('double', dtypes.get('float64')!);
convert('bfloat16', dtypes.get('bfloat16')!);
convert('long', int64);
convert('int', dtypes.get('int32')!);
convert('bool', boolType);
/** The legacy tensor type names `x.type()` gives and `x.type(name)` takes: 'torch.FloatTensor', 'torch.cuda.LongTensor'. */
const typeNames: Record<string, string> = {
  Float: 'float32',
  Double: 'float64',
  Half: 'float16',
  BFloat16: 'bfloat16',
  Long: 'int64',
  Int: 'int32',
  Short: 'int16',
  Char: 'int8',
  Byte: 'uint8',
  Bool: 'bool',
};
function typeNameDtype(s: string): Dtype | undefined {
  const m = /^torch\.(?:cuda\.)?(\w+)Tensor$/.exec(s);
  const n = m && typeNames[m[1]];
  return n ? dtypes.get(n) : undefined;
}
function toOrType(name: 'to' | 'type') {
  def(name, 'm', (_c, args, kw) => {
    const t = asTensor(args[0]);
    if (!t) return new Unknown(name);
    const rest = [...args.slice(1), ...(kw ? [...kw].filter(([k]) => k !== 'copy').map(([, v]) => v) : [])];
    // x.type() with no argument: the legacy type name, a string.
    if (name === 'type' && rest.length === 0) {
      const n = Object.keys(typeNames).find((k) => dtypes.get(typeNames[k]) === t.dtype);
      return n ? `torch.${n}Tensor` : new Unknown('type');
    }
    const named = rest.find((a): a is string => typeof a === 'string' && /^torch\..*Tensor$/.test(a));
    if (named !== undefined) {
      // x.type('torch.LongTensor'): the dtype the name stands for (a CUDA name: on the GPU, so a copy).
      const d = typeNameDtype(named);
      return d ? converted(t, d, kw, named.startsWith('torch.cuda.') ? 'cuda' : undefined) : new Unknown(name);
    }
    const d = rest.find((a) => a instanceof Dtype || a instanceof Tensor);
    // x.type(torch.LongTensor) and other arguments the engine does not know: the dtype is unknown, never kept.
    if (name === 'type' && !d) return new Unknown('type');
    const dtype = d instanceof Dtype ? d : d instanceof Tensor ? d.dtype : t.dtype;
    // A device: a string or torch.device among the arguments (`x.to('cuda')`, `x.to(device=d)`); a tensor's is the CPU.
    const dev = rest.find((a) => typeof a === 'string' || (a instanceof PyInstance && a.cls.name === 'device'));
    return converted(t, dtype, kw, dev);
  });
}
toOrType('to');
toOrType('type');
def('type_as', 'm', (_c, [x, o], kw) => {
  const t = asTensor(x),
    u = asTensor(o);
  return t && u ? converted(t, u.dtype, kw) : new Unknown('type_as');
});
def('tolist', 'm', (_c, [x]) => {
  const t = asTensor(x);
  return (t && (toList(t) ?? unknownItems(t))) ?? new Unknown('tolist');
});
/** Nested lists of unknown numbers for a small tensor of known shape whose values are not known (a loop over them runs). */
function unknownItems(t: Tensor): Value | undefined {
  const shape = t.shape;
  const n = t.numel();
  if (!shape || typeof n !== 'number' || n > 4096 || !shape.every((d) => typeof d === 'number')) return undefined;
  const build = (dim: number): Value =>
    dim === shape.length
      ? new Unknown('tolist value')
      : new PyList(Array.from({ length: shape[dim] as number }, () => build(dim + 1)));
  return build(0);
}
def('item', 'm', (_c, [x]) => {
  const t = asTensor(x);
  const d = t?.data;
  return d?.length === 1 ? (t!.dtype.isFloat ? new PyFloat(d[0]) : d[0]) : new Unknown('item');
});
def('diff', 'tm', (_c, [x]) => {
  const t = asTensor(x);
  const n = t?.shape?.[0];
  if (!t || t.shape?.length !== 1 || typeof n !== 'number') return new Unknown('diff');
  const d = t.data;
  return withData(new Tensor([Math.max(0, n - 1)], t.dtype), d && d.slice(1).map((v, i) => v - d[i]));
});
