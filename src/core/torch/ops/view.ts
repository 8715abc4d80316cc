// view / reshape: -1 inference, element-count check, and PyTorch's stride rule for views of strided tensors.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, normDim, toDims } from '../values';
import { bind } from '../signature';
import { dimFloorDiv, dimProd, shapeStr, type Dim } from '../../sym/dim';
import { Tensor } from '../../model/tensor';
import { fresh, stridesOf, strided, viewStrides } from '../strides';
import { PyTuple, Unknown, type Value } from '../../eval/values';
import { complexOf, isComplex, realOf, scalarTypeName } from '../dtypes';

/** Resolves a -1 in a target shape and checks the element count, with PyTorch's messages (infer_size). */
export function viewShape(c: TorchCtx, x: Tensor, target: Dim[] | undefined): Value {
  if (!x.shape || !target) return c.tensor(undefined, x.dtype);
  const numel = dimProd(x.shape);
  let neg = -1;
  for (let i = 0; i < target.length; i++) {
    const d = target[i];
    if (d === -1) {
      if (neg >= 0) return c.error('only one dimension can be inferred', c.tensor(undefined, x.dtype));
      neg = i;
    } else if (typeof d === 'number' && d < -1)
      return c.error(`invalid shape dimension ${d}`, c.tensor(undefined, x.dtype));
  }
  const shape = target.slice();
  const invalid = () =>
    c.error(`shape '${shapeStr(target)}' is invalid for input of size ${numel}`, c.tensor(undefined, x.dtype));
  if (neg >= 0) {
    const known = dimProd(target.filter((_, i) => i !== neg));
    shape[neg] = dimFloorDiv(numel, known);
    if (typeof numel === 'number' && typeof known === 'number' && (known === 0 || numel % known !== 0))
      return invalid();
  } else {
    const n2 = dimProd(shape);
    if (typeof numel === 'number' && typeof n2 === 'number' && numel !== n2) return invalid();
  }
  return new Tensor(shape, x.dtype);
}

const STRIDE_ERROR =
  "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.";

/** A view keeps the storage (error when the strides do not allow it); reshape copies to a contiguous tensor then. */
function viewOrReshape(c: TorchCtx, args: Value[], copyOk: boolean): Value {
  const x = asTensor(args[0]);
  if (!x) return new Unknown('view');
  if (args.length === 2 && args[1] instanceof Tensor) return new Tensor(x.shape, (args[1] as Tensor).dtype);
  if (args.length === 2 && args[1] && typeof args[1] === 'object' && 'bytes' in args[1])
    return new Tensor(x.shape, args[1] as never);
  const r = viewShape(c, x, toDims(args.slice(1)));
  if (!(r instanceof Tensor)) return r;
  // A view shares x's storage; reshape copies only when the strides rule out a view (unknown layout: a view).
  const st = stridesOf(x);
  if (!r.shape || !st) return r.shareStorage(x);
  const newShape = r.shape as number[];
  if (!newShape.every((d) => typeof d === 'number')) return r.shareStorage(x);
  const ns = viewStrides(x.shape as number[], st, newShape);
  if (ns) return strided(x, r.shape, ns).shareStorage(x);
  return copyOk ? fresh(r) : c.error(STRIDE_ERROR, r);
}
const shapeArgs = (args: Value[], kw: Map<string, Value> | undefined) =>
  kw?.has('shape') ? [args[0], kw.get('shape')!] : args;
def('view', 'tm', (c, args, kw) => viewOrReshape(c, shapeArgs(args, kw), false));
def('reshape', 'tm', (c, args, kw) => viewOrReshape(c, shapeArgs(args, kw), true));
def('view_as', 'm', (c, [x, o]) => viewOrReshape(c, [x, new PyTuple((asTensor(o)?.shape ?? []) as Value[])], false));
def('reshape_as', 'm', (c, [x, o]) => viewOrReshape(c, [x, new PyTuple((asTensor(o)?.shape ?? []) as Value[])], true));

/** view_as_complex: [..., 2] float pairs as a complex view of [...] (no copy, no FLOPs). */
def('view_as_complex', 't', (c, [x]) => {
  const t = asTensor(x);
  if (!t?.shape) return new Unknown('view_as_complex');
  if (!t.dtype.isFloat || isComplex(t.dtype))
    return c.error(
      `view_as_complex is only supported for half, float and double tensors, but got a tensor of scalar type: ${scalarTypeName(t.dtype)}`,
    );
  if (t.shape[t.shape.length - 1] !== 2) return c.error('Tensor must have a last dimension of size 2');
  return new Tensor(t.shape.slice(0, -1), complexOf(t.dtype));
});

/** view_as_real: a complex tensor as its [..., 2] real pairs (no copy, no FLOPs). */
def('view_as_real', 't', (c, [x]) => {
  const t = asTensor(x);
  if (!t?.shape) return new Unknown('view_as_real');
  if (!isComplex(t.dtype)) return c.error('view_as_real is only supported for complex tensors');
  return new Tensor([...t.shape, 2], realOf(t.dtype));
});

/** torch.real / Tensor.real: the real parts as a view (a real tensor itself); imag errors on a real tensor. */
def('real', 't', (_c, [x]) => {
  const t = asTensor(x);
  if (!t) return new Unknown('real');
  return isComplex(t.dtype) ? new Tensor(t.shape, realOf(t.dtype)) : t;
});
def('imag', 't', (c, [x]) => {
  const t = asTensor(x);
  if (!t) return new Unknown('imag');
  if (!isComplex(t.dtype)) return c.error('imag is not implemented for tensors with non-complex dtypes.');
  return new Tensor(t.shape, realOf(t.dtype));
});
/** conj/resolve_conj/resolve_neg: a lazy conjugate view of a complex tensor, the tensor itself for a real one. */
def(['conj', 'resolve_conj', 'resolve_neg'], 'tm', (_c, [x]) => {
  const t = asTensor(x);
  if (!t) return new Unknown('conj');
  return isComplex(t.dtype) ? new Tensor(t.shape, t.dtype) : t;
});

/** x.stride() / x.stride(dim): the strides the engine knows (fresh tensors and views of them), else unknown. */
def('stride', 'm', (c, args, kw) => {
  const a = bind('stride', 'input, dim=None', args, kw);
  const x = asTensor(a.input);
  const st = x && stridesOf(x);
  if (!x?.shape) return new Unknown('stride');
  if (a.dim === null) return st ? new PyTuple(st) : new Unknown('stride');
  const d = normDim(a.dim, x.shape.length);
  if (d === undefined)
    return c.dimOutOfRange('stride', -x.shape.length, x.shape.length - 1, [a.dim], new Unknown('stride'));
  return st ? st[d] : new Unknown('stride');
});

/** as_strided(size, stride, storage_offset=0): a view of x's storage; PyTorch checks it stays inside the storage. */
def('as_strided', 'tm', (c, args, kw) => {
  const a = bind('as_strided', 'input, size, stride, storage_offset=None', args, kw);
  const x = asTensor(a.input);
  const size = toDims(a.size ?? undefined);
  const stride = toDims(a.stride ?? undefined);
  if (!x || !size) return new Unknown('as_strided');
  const st = stride?.every((s) => typeof s === 'number') ? (stride as number[]) : undefined;
  const offset = a.storage_offset === null ? 0 : a.storage_offset;
  const base = x.storage.base;
  const storage = base.numel();
  if (st && typeof offset === 'number' && typeof storage === 'number' && size.every((s) => typeof s === 'number')) {
    const dims = size as number[];
    const extent = dims.some((s) => s === 0) ? 0 : offset + dims.reduce((n, s, i) => n + (s - 1) * st[i], 0) + 1;
    if (extent > storage) {
      const bytes = x.dtype.bytes;
      return c.error(
        `setStorage: sizes [${dims.join(', ')}], strides [${st.join(', ')}], storage offset ${offset}, and itemsize ${bytes} requiring a storage size of ${extent * bytes} are out of bounds for storage of size ${storage * base.dtype.bytes}`,
        new Tensor(size, x.dtype),
      );
    }
  }
  return strided(x, size, st).shareStorage(x);
});
