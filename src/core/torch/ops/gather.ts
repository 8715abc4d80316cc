// Index-driven data movement: gather, take_along_dim, index_select, scatter(_add), F.unfold (im2col), F.fold. No MACs.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, intTuple, normDim } from '../values';
import { bind } from '../signature';
import { term } from '../../cost/terms';
import { int64 } from '../dtypes';
import { Tensor } from '../../model/tensor';
import { Unknown, type Value } from '../../eval/values';
import { dimEq, dimFloorDiv, dimMul, dimProd, type Dim } from '../../sym/dim';
import { convOut } from './conv';

/** Records a pure data-movement op (no arithmetic): shown with its shape, counted as known, 0 FLOPs. */
function moved(c: TorchCtx, op: string, out: Tensor): Tensor {
  c.record({ op, known: true, out, rule: `${op}: data movement, no FLOPs`, macs: [], flops: [], bwd: [], saved: [] });
  return out;
}

def('gather', 'tm', (c, args, kw) => {
  const a = bind('gather', 'input, dim, index, *, sparse_grad=False, out=None', args, kw);
  const x = asTensor(a.input),
    idx = asTensor(a.index);
  if (!x?.shape || !idx?.shape) return new Unknown('gather');
  if (idx.dtype !== int64) return c.error('gather(): Expected dtype int64 for index');
  if (idx.shape.length !== x.shape.length)
    return c.error('Index tensor must have the same number of dimensions as input tensor');
  return moved(c, 'gather', c.tensor(idx.shape, x.dtype));
});

def('take_along_dim', 'tm', (c, args, kw) => {
  const a = bind('take_along_dim', 'input, indices, dim=None, *, out=None', args, kw);
  const x = asTensor(a.input),
    idx = asTensor(a.indices);
  if (!x?.shape || !idx?.shape) return new Unknown('take_along_dim');
  if (a.dim === null) return moved(c, 'take_along_dim', c.tensor([dimProd(idx.shape)], x.dtype));
  const d = normDim(a.dim, x.shape.length);
  if (d === undefined || idx.shape.length !== x.shape.length)
    return c.error('torch.take_along_dim(): input and indices should have the same number of dimensions');
  // Every other dim broadcasts; along `dim` the indices decide.
  const shape: Dim[] = [];
  for (let i = 0; i < x.shape.length; i++) {
    const [p, q] = [x.shape[i], idx.shape[i]];
    if (i === d) shape.push(q);
    else if (dimEq(p, q) || q === 1) shape.push(p);
    else if (p === 1) shape.push(q);
    else
      return c.error(
        `The size of tensor a (${p}) must match the size of tensor b (${q}) at non-singleton dimension ${i}`,
      );
  }
  return moved(c, 'take_along_dim', c.tensor(shape, x.dtype));
});

def('index_select', 'tm', (c, args, kw) => {
  const a = bind('index_select', 'input, dim, index, *, out=None', args, kw);
  const x = asTensor(a.input),
    idx = asTensor(a.index);
  if (!x?.shape || !idx?.shape) return new Unknown('index_select');
  if (idx.shape.length > 1) return c.error('index_select(): Index is supposed to be a vector');
  const d = normDim(a.dim, x.shape.length);
  if (d === undefined) return new Unknown('index_select');
  const shape = x.shape.slice();
  shape[d] = idx.shape[0] ?? 1;
  return moved(c, 'index_select', c.tensor(shape, x.dtype));
});

/** scatter / scatter_add (and their in-place forms): the input's shape; an add per index element when reducing. */
function scatter(op: string, adds: boolean) {
  return (c: TorchCtx, args: Value[], kw: Map<string, Value> | undefined): Value => {
    const a = bind(op, 'input, dim, index, src=None, *, value=None, reduce=None', args, kw);
    const x = asTensor(a.input),
      idx = asTensor(a.index);
    if (!x?.shape || !idx?.shape) return new Unknown(op);
    if (idx.shape.length !== x.shape.length)
      return c.error('Index tensor must have the same number of dimensions as self tensor');
    const out = op.endsWith('_') ? x : c.tensor(x.shape, x.dtype);
    const reduces = adds || (a.reduce !== null && a.reduce !== undefined);
    c.record({
      op,
      known: true,
      out,
      rule: reduces ? `${op}: 1 FLOP per index element (choice)` : `${op}: data movement, no FLOPs`,
      macs: [],
      flops: reduces ? [term(1, ...idx.shape)] : [],
      bwd: [],
      saved: [],
    });
    return out;
  };
}
def('scatter', 'tm', scatter('scatter', false));
def('scatter_', 'm', scatter('scatter_', false));
def('scatter_add', 'tm', scatter('scatter_add', true));
def('scatter_add_', 'm', scatter('scatter_add_', true));

/** F.unfold (im2col): [N, C, H, W] → [N, C·ΠK, L], L the number of sliding blocks; also unbatched [C, H, W]. */
def('unfold', 'f', (c, args, kw) => {
  const a = bind('unfold', 'input, kernel_size, dilation=1, padding=0, stride=1', args, kw);
  const x = asTensor(a.input);
  const k = intTuple(a.kernel_size, 2),
    dl = intTuple(a.dilation, 2, 1),
    p = intTuple(a.padding, 2, 0),
    s = intTuple(a.stride, 2, 1);
  if (!x?.shape || !k || !dl || !p || !s) return new Unknown('unfold');
  if (x.shape.length !== 3 && x.shape.length !== 4)
    return c.error(`Input Error: Only 3D or 4D input Tensors are supported (got ${x.shape.length}D)`);
  const [ch, h, w] = x.shape.slice(-3);
  const blocks = dimMul(convOut(h, k[0], s[0], p[0], dl[0]), convOut(w, k[1], s[1], p[1], dl[1]));
  const shape = [...x.shape.slice(0, -3), dimMul(ch, dimMul(k[0], k[1])), blocks];
  return moved(c, 'unfold', c.tensor(shape, x.dtype));
});

/**
 * F.fold (col2im): [N, C·ΠK, L] → [N, C, H, W] with (H, W) = output_size; also unbatched [C·ΠK, L]. Overlapping
 * blocks are summed: one add per input element (choice; unfold, which only copies, costs 0).
 */
def('fold', 'f', (c, args, kw) => {
  const a = bind('fold', 'input, output_size, kernel_size, dilation=1, padding=0, stride=1', args, kw);
  const x = asTensor(a.input);
  const o = intTuple(a.output_size, 2),
    k = intTuple(a.kernel_size, 2),
    dl = intTuple(a.dilation, 2, 1),
    p = intTuple(a.padding, 2, 0),
    s = intTuple(a.stride, 2, 1);
  if (!x?.shape || !o || !k || !dl || !p || !s) return new Unknown('fold');
  const shown = (t: Dim[]) => `(${t.join(', ')})`;
  if (x.shape.length !== 2 && x.shape.length !== 3)
    return c.error(
      `Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${x.shape.join(', ')}]`,
    );
  const [cols, L] = x.shape.slice(-2);
  const kk = dimMul(k[0], k[1]);
  if (typeof cols === 'number' && typeof kk === 'number' && cols % kk !== 0)
    return c.error(
      `Expected size of input's dimension ${x.shape.length - 2} to be divisible by the product of kernel_size, but got input.size(${x.shape.length - 2})=${cols} and kernel_size=${shown(k)}.`,
    );
  const bh = convOut(o[0], k[0], s[0], p[0], dl[0]),
    bw = convOut(o[1], k[1], s[1], p[1], dl[1]);
  const blocks = dimMul(bh, bw);
  if (typeof blocks === 'number' && typeof L === 'number' && blocks !== L)
    return c.error(
      `Given output_size=${shown(o)}, kernel_size=${shown(k)}, dilation=${shown(dl)}, padding=${shown(p)}, stride=${shown(s)}, expected size of input's dimension ${x.shape.length - 1} to match the calculated number of sliding blocks ${bh} * ${bw} = ${blocks}, but got input.size(${x.shape.length - 1})=${L}.`,
    );
  const out = c.tensor([...x.shape.slice(0, -2), dimFloorDiv(cols, kk), o[0], o[1]], x.dtype);
  c.record({
    op: 'fold',
    known: true,
    out,
    rule: 'fold (col2im): overlapping blocks summed, 1 FLOP per input element (choice)',
    macs: [],
    flops: [term(1, ...x.shape)],
    bwd: [],
    saved: [],
  });
  return out;
});
