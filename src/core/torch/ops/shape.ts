// Metadata ops (0 FLOPs): view/reshape/permute/transpose/flatten/squeeze/expand/repeat, cat/stack/split/chunk, size/dim.
import { def } from '../registry';
import { asTensor, normDim, toDim, toDims } from '../values';
import { bind } from '../signature';
import { dimEq, dimFloorDiv, dimMul, dimProd, dimStr, dimAdd, shapeStr, type Dim } from '../../sym/dim';
import { viewShape } from './view';
import { fresh, isContiguous, permuted, stridesOf, strided, viewStrides } from '../strides';
import { Tensor } from '../../model/tensor';
import { PyList, PyTuple, Unknown, type Value } from '../../eval/values';
import { checkSequence } from '../../sym/limits';
import { withData } from '../constData';

def('permute', 'tm', (c, args, kw) => {
  const x = asTensor(args[0]);
  const dims = toDims(kw?.get('dims') ?? args.slice(1));
  if (!x?.shape || !dims) return x ? new Tensor(undefined, x.dtype) : new Unknown('permute');
  if (dims.length !== x.shape.length)
    return c.error(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.shape.length} is not equal to len(dims) = ${dims.length}`,
      new Tensor(undefined, x.dtype),
    );
  return permuted(
    x,
    dims.map((d) => normDim(d as number, x.shape!.length) ?? 0),
  );
});
def(['transpose', 'swapaxes', 'swapdims', 'transpose_'], 'tm', (c, args, kw) => {
  const a = bind('transpose', 'input, dim0, dim1', args, kw);
  const x = asTensor(a.input);
  if (!x?.shape) return x ? new Tensor(undefined, x.dtype) : new Unknown('transpose');
  const d0 = normDim(a.dim0, x.shape.length),
    d1 = normDim(a.dim1, x.shape.length);
  if (d0 === undefined || d1 === undefined)
    return c.dimOutOfRange(
      'transpose',
      -x.shape.length,
      x.shape.length - 1,
      [a.dim0, a.dim1],
      new Tensor(undefined, x.dtype),
    );
  const order = x.shape.map((_, i) => i);
  [order[d0], order[d1]] = [order[d1], order[d0]];
  return permuted(x, order);
});
def(['t', 't_'], 'tm', (_c, [x]) => {
  const t = asTensor(x);
  return t?.shape ? permuted(t, t.shape.map((_, i) => i).reverse()) : new Unknown('t');
});
def('movedim', 'tm', (_c, args) => {
  const x = asTensor(args[0]);
  if (!x?.shape) return new Unknown('movedim');
  const src = normDim(args[1], x.shape.length),
    dst = normDim(args[2], x.shape.length);
  if (src === undefined || dst === undefined) return new Unknown('movedim');
  const order = x.shape.map((_, i) => i);
  const [d] = order.splice(src, 1);
  order.splice(dst, 0, d);
  return permuted(x, order);
});
def('flatten', 'tm', (c, args, kw) => {
  const a = bind('flatten', 'input, start_dim=0, end_dim=-1', args, kw);
  const x = asTensor(a.input);
  if (!x?.shape) return x ? new Tensor(undefined, x.dtype) : new Unknown('flatten');
  if (x.shape.length === 0) return new Tensor([1], x.dtype);
  const s = normDim(a.start_dim, x.shape.length),
    e = normDim(a.end_dim, x.shape.length);
  if (s === undefined || e === undefined)
    return c.dimOutOfRange(
      'flatten',
      -x.shape.length,
      x.shape.length - 1,
      [a.start_dim, a.end_dim],
      new Tensor(undefined, x.dtype),
    );
  // flatten is reshape: a view of x's storage unless its layout is known not to allow one.
  const shape = [...x.shape.slice(0, s), dimProd(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  const st = stridesOf(x);
  const concrete = shape.every((d) => typeof d === 'number');
  const ns = st && concrete ? viewStrides(x.shape as number[], st, shape as number[]) : undefined;
  if (st && concrete && !ns) return fresh(new Tensor(shape, x.dtype));
  const out = new Tensor(shape, x.dtype).shareStorage(x);
  if (ns) out.strides = ns;
  return out;
});
def('unflatten', 'tm', (c, args, kw) => {
  const a = bind('unflatten', 'input, dim, sizes', args, kw);
  const x = asTensor(a.input);
  const sizes = toDims(a.sizes);
  if (!x?.shape || !sizes) return new Unknown('unflatten');
  const d = normDim(a.dim, x.shape.length);
  if (d === undefined) return new Unknown('unflatten');
  const r = viewShape(c, new Tensor([x.shape[d]], x.dtype), sizes);
  if (!(r instanceof Tensor) || !r.shape) return r;
  return new Tensor([...x.shape.slice(0, d), ...r.shape, ...x.shape.slice(d + 1)], x.dtype);
});
def(['unsqueeze', 'unsqueeze_'], 'tm', (c, args, kw) => {
  const a = bind('unsqueeze', 'input, dim', args, kw);
  const x = asTensor(a.input);
  if (!x?.shape) return x ? new Tensor(undefined, x.dtype) : new Unknown('unsqueeze');
  const d = normDim(a.dim, x.shape.length, 1);
  if (d === undefined)
    return c.dimOutOfRange('unsqueeze', -x.shape.length - 1, x.shape.length, [a.dim], new Tensor(undefined, x.dtype));
  const s = x.shape.slice();
  s.splice(d, 0, 1);
  return new Tensor(s, x.dtype);
});
def(['squeeze', 'squeeze_'], 'tm', (_c, args, kw) => {
  const a = bind('squeeze', 'input, dim=None', args, kw);
  const x = asTensor(a.input);
  if (!x?.shape) return x ? new Tensor(undefined, x.dtype) : new Unknown('squeeze');
  if (a.dim === null)
    return new Tensor(
      x.shape.filter((d) => d !== 1),
      x.dtype,
    );
  const d = normDim(a.dim, x.shape.length);
  return new Tensor(
    x.shape.filter((s, i) => i !== d || s !== 1),
    x.dtype,
  );
});
def('expand', 'm', (c, args) => {
  const x = asTensor(args[0]);
  const target = toDims(args.slice(1));
  if (!x?.shape || !target) return new Unknown('expand');
  const off = target.length - x.shape.length;
  if (off < 0)
    return c.error(
      `expand: the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${x.shape.length})`,
      new Tensor(undefined, x.dtype),
    );
  const out = target.map((d, i) => (d === -1 ? x.shape![i - off] : d));
  for (let i = 0; i < x.shape.length; i++) {
    const src = x.shape[i],
      dst = out[i + off];
    if (src !== 1 && !dimEq(src, dst) && typeof src === 'number' && typeof dst === 'number')
      return c.error(
        `The expanded size of the tensor (${dst}) must match the existing size (${src}) at non-singleton dimension ${i + off}.  Target sizes: ${shapeStr(target)}.  Tensor sizes: ${shapeStr(x.shape)}`,
        new Tensor(out, x.dtype),
      );
  }
  const st = stridesOf(x);
  return strided(x, out, st && out.map((d, i) => (i < off || (x.shape![i - off] === 1 && d !== 1) ? 0 : st[i - off])));
});
def('expand_as', 'm', (_c, [x, o]) => {
  const t = asTensor(x),
    u = asTensor(o);
  return t && u ? new Tensor(u.shape, t.dtype) : new Unknown('expand_as');
});
def(['repeat', 'tile'], 'tm', (c, args) => {
  const x = asTensor(args[0]);
  const reps = toDims(args.slice(1));
  if (!x?.shape || !reps) return new Unknown('repeat');
  const shape = x.shape.slice();
  while (shape.length < reps.length) shape.unshift(1);
  const r2 = reps.slice();
  while (r2.length < shape.length) r2.unshift(1);
  const out = c.tensor(
    shape.map((d, i) => dimMul(d, r2[i])),
    x.dtype,
  );
  c.record({
    op: 'repeat',
    known: true,
    out,
    rule: 'repeat: a copy, 0 FLOPs (memory traffic only)',
    macs: [],
    flops: [],
    bwd: [],
    saved: [],
  });
  return out;
});
def(['repeat_interleave'], 'tm', (c, args, kw) => {
  const a = bind('repeat_interleave', 'input, repeats=None, dim=None, output_size=None', args, kw);
  const x = asTensor(a.input);
  if (!x) return new Unknown('repeat_interleave');
  // An int repeat count (or a one-element tensor holding one): each element repeated that many times along dim.
  const rt = asTensor(a.repeats);
  const reps = rt ? (rt.data?.length === 1 ? rt.data[0] : undefined) : toDim(a.repeats);
  if (!x.shape || reps === undefined) {
    c.unknownShape('repeat_interleave');
    return new Tensor(undefined, x.dtype);
  }
  if (a.dim === null) return c.tensor([dimMul(dimProd(x.shape), reps)], x.dtype);
  const d = normDim(a.dim, x.shape.length);
  if (d === undefined) return new Tensor(undefined, x.dtype);
  const shape = x.shape.slice();
  shape[d] = dimMul(shape[d], reps);
  return c.tensor(shape, x.dtype);
});
// x.copy_(src): x's values replaced in place (0 FLOPs, memory traffic only); the result is x itself.
def('copy_', 'm', (_c, [x]) => {
  const t = asTensor(x);
  if (!t) return new Unknown('copy_');
  t.data = undefined;
  t.values = undefined;
  return t;
});
// Already contiguous (a known row-major layout): PyTorch returns the tensor itself, no copy; else a fresh copy.
def('contiguous', 'tm', (_c, [x]) => {
  const t = asTensor(x);
  if (!t) return new Unknown('contiguous');
  return isContiguous(t) ? t : fresh(new Tensor(t.shape, t.dtype));
});
// Return the tensor itself, as PyTorch does: `x.cpu()` (the engine's tensors live on the CPU, `x.device` says so),
// and the in-place flag setters. `x.cuda()` is a copy onto the GPU (a CPU tensor's, as PyTorch documents).
def(['cpu', 'requires_grad_', 'detach_', 'share_memory_'], 'tm', (_c, [x]) => asTensor(x) ?? new Unknown('cpu'));
def(['detach', 'cuda', 'pin_memory', 'share_memory_', 'coalesce', 'clone', 'tril_', 'triu_'], 'tm', (_c, [x]) => {
  const t = asTensor(x);
  if (!t) return new Unknown('copy');
  const out = new Tensor(t.shape, t.dtype);
  // The same values (detach, clone, cpu); tril_/triu_ change them.
  if (t.data && t.shape?.length === 1) withData(out, t.data.slice());
  return out;
});
// flip / flipud / roll keep the shape; a 1-D tensor's values are reversed or shifted (nest's
// `(4 ** torch.arange(n)).flip(0).tolist()`); fliplr needs 2-D, so no 1-D values.
for (const name of ['flip', 'flipud', 'fliplr', 'roll'])
  def(name, 'tm', (_c, args) => {
    const t = asTensor(args[0]);
    if (!t) return new Unknown(name);
    const out = new Tensor(t.shape, t.dtype);
    if (!t.data || t.shape?.length !== 1 || name === 'fliplr') return out;
    if (name !== 'roll') return withData(out, t.data.slice().reverse());
    const shift = args[1];
    const n = t.data.length;
    if (typeof shift !== 'number' || n === 0) return out;
    const k = ((shift % n) + n) % n;
    return withData(out, [...t.data.slice(n - k), ...t.data.slice(0, n - k)]);
  });
def('rot90', 'tm', (c, args, kw) => {
  const a = bind('rot90', 'input, k=1, dims=None', args, kw);
  const t = asTensor(a.input);
  if (!t?.shape) return t ? new Tensor(undefined, t.dtype) : new Unknown('rot90');
  const dims = a.dims === null ? [0, 1] : toDims(a.dims);
  const k = typeof a.k === 'number' ? a.k : undefined;
  const d0 = dims && normDim(dims[0], t.shape.length),
    d1 = dims && normDim(dims[1], t.shape.length);
  if (k === undefined || d0 === undefined || d1 === undefined) {
    c.unknownShape('rot90');
    return new Tensor(undefined, t.dtype);
  }
  const shape = t.shape.slice();
  // An odd number of quarter turns swaps the two dims.
  if (((k % 2) + 2) % 2 === 1) [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
  return new Tensor(shape, t.dtype);
});
def(['tril', 'triu'], 'tm', (c, [x]) => {
  const t = asTensor(x);
  return t ? c.tensor(t.shape, t.dtype) : new Unknown('tril');
});
def('narrow', 'tm', (_c, args, kw) => {
  const a = bind('narrow', 'input, dim, start, length', args, kw);
  const x = asTensor(a.input);
  const len = toDim(a.length);
  if (!x?.shape || len === undefined) return new Unknown('narrow');
  const d = normDim(a.dim, x.shape.length);
  if (d === undefined) return new Unknown('narrow');
  const s = x.shape.slice();
  s[d] = len;
  return new Tensor(s, x.dtype);
});

function tensorList(v: Value): Tensor[] | undefined {
  const items = v instanceof PyList || v instanceof PyTuple ? v.items : undefined;
  if (!items || items.some((t) => !(t instanceof Tensor))) return undefined;
  return items as Tensor[];
}

def(['cat', 'concat', 'concatenate'], 't', (c, args, kw) => {
  const a = bind('cat', 'tensors, dim=0', args, kw);
  let ts = tensorList(a.tensors);
  // PyTorch's legacy rule: empty 1-D tensors (shape [0]) are skipped when the others have another rank.
  const legacyEmpty = (t: Tensor) => t.shape?.length === 1 && t.shape[0] === 0;
  if (ts?.some(legacyEmpty) && ts.some((t) => !legacyEmpty(t))) ts = ts.filter((t) => !legacyEmpty(t));
  if (!ts || ts.length === 0 || ts.some((t) => !t.shape)) {
    c.unknownShape('cat');
    return ts?.[0] ? new Tensor(undefined, ts[0].dtype) : new Unknown('cat');
  }
  const first = ts[0].shape!;
  const d = normDim(a.dim, first.length);
  if (d === undefined)
    return c.dimOutOfRange('cat', -first.length, first.length - 1, [a.dim], new Tensor(undefined, ts[0].dtype));
  let total: Dim = 0;
  for (let k = 0; k < ts.length; k++) {
    const s = ts[k].shape!;
    if (s.length !== first.length)
      return c.error(
        `Tensors must have same number of dimensions: got ${first.length} and ${s.length}`,
        new Tensor(undefined, ts[0].dtype),
      );
    for (let i = 0; i < s.length; i++) {
      if (i !== d && !dimEq(s[i], first[i]) && typeof s[i] === 'number' && typeof first[i] === 'number') {
        return c.error(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${dimStr(first[i])} but got size ${dimStr(s[i])} for tensor number ${k} in the list.`,
          new Tensor(undefined, ts[0].dtype),
        );
      }
    }
    total = dimAdd(total, s[d]);
  }
  const shape = first.slice();
  shape[d] = total;
  const out = c.tensor(shape, ts[0].dtype);
  c.record({
    op: 'cat',
    known: true,
    out,
    rule: 'cat: a copy, 0 FLOPs (memory traffic only)',
    macs: [],
    flops: [],
    bwd: [],
    saved: [],
  });
  return out;
});
def(['stack'], 't', (c, args, kw) => {
  const a = bind('stack', 'tensors, dim=0', args, kw);
  const ts = tensorList(a.tensors);
  if (!ts || ts.length === 0 || ts.some((t) => !t.shape)) return new Unknown('stack');
  const first = ts[0].shape!;
  for (let k = 1; k < ts.length; k++) {
    const s = ts[k].shape!;
    if (
      s.length !== first.length ||
      s.some((x, i) => !dimEq(x, first[i]) && typeof x === 'number' && typeof first[i] === 'number')
    ) {
      return c.error(
        `stack expects each tensor to be equal size, but got ${shapeStr(first)} at entry 0 and ${shapeStr(s)} at entry ${k}`,
        new Tensor(undefined, ts[0].dtype),
      );
    }
  }
  const d = normDim(a.dim, first.length, 1) ?? 0;
  const shape = first.slice();
  shape.splice(d, 0, ts.length);
  const out = c.tensor(shape, ts[0].dtype);
  c.record({
    op: 'stack',
    known: true,
    out,
    rule: 'stack: a copy, 0 FLOPs (memory traffic only)',
    macs: [],
    flops: [],
    bwd: [],
    saved: [],
  });
  return out;
});
def(['split', 'tensor_split'], 'tm', (c, args, kw) => {
  const a = bind('split', 'tensor, split_size_or_sections, dim=0', args, kw);
  const x = asTensor(a.tensor);
  if (!x?.shape) return new Unknown('split');
  const d = normDim(a.dim, x.shape.length);
  if (d === undefined) return new Unknown('split');
  const L = x.shape[d];
  const sizes: Dim[] = [];
  const sec = toDims(a.split_size_or_sections);
  if (a.split_size_or_sections instanceof PyList || a.split_size_or_sections instanceof PyTuple) {
    if (!sec) return new Unknown('split');
    sizes.push(...sec);
  } else {
    const s = toDim(a.split_size_or_sections);
    if (s === undefined) return new Unknown('split');
    if (typeof s === 'number' && s < 0)
      return c.error(`split expects split_size be non-negative, but got split_size=${s}`, new Unknown('split'));
    if (s === 0 && L !== 0)
      return c.error(
        `split_size can only be 0 if dimension size is 0, but got dimension size of ${dimStr(L)}`,
        new Unknown('split'),
      );
    if (s === 0) sizes.push(0);
    else if (typeof L !== 'number' || typeof s !== 'number') {
      const n = dimFloorDiv(L, s);
      if (typeof n !== 'number') return new Unknown('split of symbolic size');
      checkSequence(n, 'tuple');
      for (let i = 0; i < n; i++) sizes.push(s);
    } else {
      checkSequence(Math.ceil(L / s), 'tuple');
      for (let at = 0; at < L; at += s) sizes.push(Math.min(s, L - at));
    }
  }
  // A 1-D tensor with known values keeps them in its pieces (timm's stage-wise drop-path rates from linspace).
  let at = 0;
  return new PyTuple(
    sizes.map((n) => {
      const sh = x.shape!.slice();
      sh[d] = n;
      const piece = new Tensor(sh, x.dtype);
      if (x.data && sh.length === 1 && typeof n === 'number') withData(piece, x.data.slice(at, (at += n)));
      return piece;
    }),
  );
});
def('chunk', 'tm', (_c, args, kw) => {
  const a = bind('chunk', 'input, chunks, dim=0', args, kw);
  const x = asTensor(a.input);
  const n = a.chunks;
  if (!x?.shape || typeof n !== 'number') return new Unknown('chunk');
  const d = normDim(a.dim, x.shape.length);
  if (d === undefined) return new Unknown('chunk');
  const L = x.shape[d];
  if (typeof L !== 'number')
    return new PyTuple(
      Array.from({ length: n }, () => {
        const sh = x.shape!.slice();
        sh[d] = dimFloorDiv(L, n);
        return new Tensor(sh, x.dtype);
      }),
    );
  const size = Math.ceil(L / n);
  const out: Value[] = [];
  for (let at = 0; at < L; at += size) {
    const sh = x.shape.slice();
    sh[d] = Math.min(size, L - at);
    out.push(new Tensor(sh, x.dtype));
  }
  return new PyTuple(out);
});
def('unbind', 'tm', (_c, args, kw) => {
  const a = bind('unbind', 'input, dim=0', args, kw);
  const x = asTensor(a.input);
  if (!x?.shape) return new Unknown('unbind');
  const d = normDim(a.dim, x.shape.length);
  const L = d === undefined ? undefined : x.shape[d];
  if (typeof L !== 'number' || d === undefined) return new Unknown('unbind');
  return new PyTuple(
    Array.from(
      { length: L },
      () =>
        new Tensor(
          x.shape!.filter((_, i) => i !== d),
          x.dtype,
        ),
    ),
  );
});
def('size', 'm', (c, [x, dim]) => {
  const t = asTensor(x);
  if (!t?.shape) return new Unknown('size of unknown shape');
  if (dim === undefined || dim === null) return new PyTuple(t.shape as Value[]);
  const d = normDim(dim, t.shape.length);
  return d === undefined
    ? c.dimOutOfRange('size', -t.shape.length, t.shape.length - 1, [dim], new Unknown('size'))
    : t.shape[d];
});
def(['dim', 'ndimension'], 'm', (_c, [x]) => asTensor(x)?.rank ?? new Unknown('dim'));
def(['numel', 'nelement'], 'tm', (_c, [x]) => asTensor(x)?.numel() ?? new Unknown('numel'));
def('element_size', 'm', (_c, [x]) => asTensor(x)?.dtype.bytes ?? new Unknown('element_size'));
def('is_floating_point', 'tm', (_c, [x]) => asTensor(x)?.dtype.isFloat ?? new Unknown('is_floating_point'));
def('is_complex', 'tm', (_c, [x]) => {
  const d = asTensor(x)?.dtype;
  return d ? d.name.startsWith('complex') : new Unknown('is_complex');
});
def('meshgrid', 't', (_c, args, kw) => {
  const list = args.length === 1 && (args[0] instanceof PyList || args[0] instanceof PyTuple) ? args[0].items : args;
  const ts = list.map(asTensor);
  if (ts.some((t) => !t?.shape || t.shape.length > 1)) return new Unknown('meshgrid');
  const sizes = ts.map((t) => (t!.shape!.length === 0 ? 1 : t!.shape![0]));
  if (kw?.get('indexing') === 'xy' && sizes.length >= 2) [sizes[0], sizes[1]] = [sizes[1], sizes[0]];
  return new PyTuple(ts.map((t) => new Tensor(sizes.slice(), t!.dtype)));
});
