// Reductions (sum, mean, max, var, norm, ...), softmax/log_softmax, cumulative ops, argmax, topk, multinomial.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, normDim, toDim } from '../values';
import { bind } from '../signature';
import { binaryElementwise } from './elementwise';
import { term } from '../../cost/terms';
import { boolType, float32, int64 } from '../dtypes';
import { Tensor } from '../../model/tensor';
import { withData } from '../constData';
import { Dtype } from '../../model/dtype';
import { PyList, PyTuple, Unknown, type Value } from '../../eval/values';
import type { Dim } from '../../sym/dim';

/** torch.return_types: max/min/sort/topk with a dim give `(values, indices)` readable by name. */
const valuesIndices = ['values', 'indices'];

function reducedShape(shape: Dim[], dim: Value, keepdim: boolean): Dim[] | undefined {
  if (dim === null || dim === undefined) return keepdim ? shape.map(() => 1) : [];
  const dims = dim instanceof PyTuple || dim instanceof PyList ? dim.items : [dim];
  const idx: number[] = [];
  for (const d of dims) {
    const n = normDim(d, shape.length);
    if (n === undefined) return undefined;
    idx.push(n);
  }
  return keepdim ? shape.map((s, i) => (idx.includes(i) ? 1 : s)) : shape.filter((_, i) => !idx.includes(i));
}

/** Integer and bool elements (not floating, not complex): what sum/prod/cumsum promote to int64. */
const integral = (d: Dtype): boolean => !d.isFloat && !d.name.startsWith('complex');

/**
 * The dtype of a reduction (PyTorch 1.13): sum/nansum/prod of integers or bools give int64 (a `dtype=` wins),
 * argmax/argmin/count_nonzero int64, all/any bool (uint8 stays uint8), the rest keep the input's.
 */
function reducedDtype(op: string, d: Dtype, asked: Value | undefined): Dtype {
  if (asked instanceof Dtype && (op === 'sum' || op === 'nansum' || op === 'prod' || op === 'mean')) return asked;
  if (op === 'argmax' || op === 'argmin' || op === 'count_nonzero') return int64;
  if (op === 'all' || op === 'any') return d.name === 'uint8' ? d : boolType;
  if ((op === 'sum' || op === 'nansum' || op === 'prod') && integral(d)) return int64;
  return d;
}

const foldAllFns: Record<string, (xs: number[]) => number> = {
  sum: (xs) => xs.reduce((a, b) => a + b, 0),
  prod: (xs) => xs.reduce((a, b) => a * b, 1),
  amax: (xs) => Math.max(...xs),
  amin: (xs) => Math.min(...xs),
  max: (xs) => Math.max(...xs),
  min: (xs) => Math.min(...xs),
  all: (xs) => +xs.every((x) => x !== 0),
  any: (xs) => +xs.some((x) => x !== 0),
  count_nonzero: (xs) => xs.filter((x) => x !== 0).length,
};

/** The value of a whole-tensor reduction of a tensor whose values are known (max/min of none stay unknown). */
function foldAll(op: string, x: Tensor): number[] | undefined {
  const f = foldAllFns[op] as ((xs: number[]) => number) | undefined;
  return f && x.data && (x.data.length > 0 || !/^(a?max|a?min)$/.test(op)) ? [f(x.data)] : undefined;
}

function reduction(
  c: TorchCtx,
  op: string,
  args: Value[],
  kw: Map<string, Value> | undefined,
  indices: boolean,
  perElem = 1,
): Value {
  const a = bind(op, 'input, dim=None, keepdim=False, *rest', args, kw);
  const x = asTensor(a.input);
  if (!x) return new Unknown(op);
  if (!x.shape) {
    c.unknownShape(op);
    return c.tensor(undefined, x.dtype);
  }
  const shape = reducedShape(x.shape, a.dim, a.keepdim === true);
  if (!shape) return c.dimOutOfRange(op, -x.shape.length, x.shape.length - 1, [a.dim], c.tensor(undefined, x.dtype));
  const dtype = reducedDtype(op, x.dtype, kw?.get('dtype'));
  const out = new Tensor(shape, dtype);
  c.record({
    op,
    known: true,
    out,
    rule: `${op}: ${perElem} FLOP per input element (choice)`,
    macs: [],
    flops: [term(perElem, ...x.shape)],
    bwd: [term(1, ...x.shape)],
    saved: [],
  });
  if (indices && a.dim !== null) return new PyTuple([out, new Tensor(shape, int64)], valuesIndices);
  return a.dim === null ? withData(out, foldAll(op, x)) : out;
}

for (const op of [
  'sum',
  'mean',
  'nansum',
  'nanmean',
  'prod',
  'amax',
  'amin',
  'all',
  'any',
  'argmax',
  'argmin',
  'count_nonzero',
  'logsumexp',
]) {
  def(op, 'tm', (c, args, kw) => reduction(c, op, args, kw, false, op === 'logsumexp' ? 5 : 1));
}
for (const op of ['max', 'min', 'median', 'mode']) {
  def(op, 'tm', (c, args, kw) => {
    // torch.max(a, b) / torch.min(a, b) of two tensors: element-wise maximum / minimum.
    const other = args[1] ?? kw?.get('other');
    if ((op === 'max' || op === 'min') && asTensor(other))
      return binaryElementwise(c, op === 'max' ? 'maximum' : 'minimum', args[0], other!, 'compare');
    return reduction(c, op, args, kw, true);
  });
}
for (const op of ['var', 'std'])
  def(op, 'tm', (c, args, kw) =>
    reduction(
      c,
      op,
      args.filter((a, i) => i === 0 || typeof a !== 'boolean'),
      kw,
      false,
      3,
    ),
  );
def(['norm', 'linalg_norm'], 'tm', (c, args, kw) => {
  const a = bind('norm', "input, p='fro', dim=None, keepdim=False", args, kw);
  return reduction(c, 'norm', [a.input, a.dim, a.keepdim], undefined, false, 2);
});

function softmaxLike(
  c: TorchCtx,
  op: 'softmax' | 'log_softmax',
  args: Value[],
  kw: Map<string, Value> | undefined,
): Value {
  const a = bind(op, 'input, dim=None, _stacklevel=3, dtype=None', args, kw);
  const x = asTensor(a.input);
  if (!x) return new Unknown(op);
  if (x.shape && a.dim !== null && normDim(a.dim, x.shape.length) === undefined)
    return c.dimOutOfRange(op, -x.shape.length, x.shape.length - 1, [a.dim], c.tensor(x.shape, x.dtype));
  // dtype=: the input is cast first and the result has that dtype.
  const dtype = a.dtype instanceof Dtype ? a.dtype : x.dtype;
  return c.elementwise(op, c.tensor(x.shape, dtype), x, op);
}
def('softmax', 'tfm', (c, args, kw) => softmaxLike(c, 'softmax', args, kw));
def('softmin', 'tf', (c, args, kw) => softmaxLike(c, 'softmax', args, kw));
def('log_softmax', 'tfm', (c, args, kw) => softmaxLike(c, 'log_softmax', args, kw));
for (const op of ['cumsum', 'cumprod', 'cummax', 'cummin'])
  def(op, 'tm', (c, [x], kw) => {
    const t = asTensor(x);
    // Integer and bool inputs accumulate in int64 (cummax/cummin keep the input's dtype); cumsum/cumprod take dtype=.
    const asked = op === 'cumsum' || op === 'cumprod' ? kw?.get('dtype') : undefined;
    const dtype =
      asked instanceof Dtype
        ? asked
        : (op === 'cumsum' || op === 'cumprod') && integral(t?.dtype ?? float32)
          ? int64
          : t?.dtype;
    if (!t) return new Unknown(op);
    const out = c.elementwise('cumsum', c.tensor(t.shape, dtype!), t, 'reduce');
    // cummax/cummin return (values, indices), as max(dim) does.
    return op === 'cummax' || op === 'cummin' ? new PyTuple([out, new Tensor(t.shape, int64)], valuesIndices) : out;
  });
def('sort', 'tm', (c, [x]) => {
  const t = asTensor(x);
  if (!t) return new Unknown('sort');
  return new PyTuple([c.tensor(t.shape, t.dtype), new Tensor(t.shape, int64)], valuesIndices);
});
/** argsort returns only the indices (sort returns values and indices). */
def('argsort', 'tm', (_c, [x]) => {
  const t = asTensor(x);
  return t ? new Tensor(t.shape, int64) : new Unknown('argsort');
});
/** torch.multinomial / Tensor.multinomial: sampled class indices (int64) from 1-D or 2-D probabilities. */
def('multinomial', 'tm', (c, args, kw) => {
  const a = bind('multinomial', 'input, num_samples, replacement=False, *, generator=None, out=None', args, kw);
  const t = asTensor(a.input);
  const n = toDim(a.num_samples);
  if (!t?.shape || n === undefined) return new Unknown('multinomial');
  if (t.shape.length < 1 || t.shape.length > 2) return c.error('prob_dist must be 1 or 2 dim');
  const classes = t.shape[t.shape.length - 1];
  if (a.replacement !== true && typeof n === 'number' && typeof classes === 'number' && n > classes) {
    return c.error('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  }
  const out = new Tensor([...t.shape.slice(0, -1), n], int64);
  if (typeof classes === 'number') out.values = { low: 0, high: classes };
  c.record({
    op: 'multinomial',
    known: true,
    out,
    rule: 'multinomial: a cumulative sum over each distribution, 1 FLOP per probability (choice)',
    macs: [],
    flops: [term(1, ...t.shape)],
    bwd: [],
    saved: [],
  });
  return out;
});
def('topk', 'tm', (c, args, kw) => {
  const a = bind('topk', 'input, k, dim=-1, largest=True, sorted=True', args, kw);
  const t = asTensor(a.input);
  const k = toDim(a.k);
  if (!t?.shape || k === undefined) return new Unknown('topk');
  const d = normDim(a.dim, t.shape.length);
  if (d === undefined) return new Unknown('topk');
  const shape = t.shape.slice();
  shape[d] = k;
  c.record({
    op: 'topk',
    known: true,
    out: new Tensor(shape, t.dtype),
    rule: 'topk: 1 comparison per input element (choice)',
    macs: [],
    flops: [term(1, ...t.shape)],
    bwd: [],
    saved: [],
  });
  return new PyTuple([c.tensor(shape, t.dtype), new Tensor(shape, int64)], valuesIndices);
});
