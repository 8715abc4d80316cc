// Attention: scaled_dot_product_attention and the multi-head attention forward behind nn.MultiheadAttention.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor } from '../values';
import { bind } from '../signature';
import { term } from '../../cost/terms';
import { linear } from './matmul';
import { dimFloorDiv, dimEq, type Dim } from '../../sym/dim';
import { Tensor } from '../../model/tensor';
import { PyTuple, Unknown, type Value } from '../../eval/values';

const SDPA_RULE =
  'attention (…,L,E)×(…,S,E): MACs = batch·L·S·(E+Ev) for QKᵀ and AV; FLOPs = 2·MACs + softmax 5 per score (seed)';

/** Records QKᵀ, softmax and AV for q (…, L, E), k (…, S, E), v (…, S, Ev); returns (…, L, Ev). */
export function attentionCore(c: TorchCtx, q: Tensor, k: Tensor, v: Tensor): Value {
  if (!q.shape || !k.shape || !v.shape) {
    c.unknownShape('scaled_dot_product_attention');
    return c.tensor(undefined, q.dtype);
  }
  const batch = q.shape.slice(0, -2);
  const L = q.shape[q.shape.length - 2],
    E = q.shape[q.shape.length - 1];
  const S = k.shape[k.shape.length - 2],
    Ek = k.shape[k.shape.length - 1];
  const Ev = v.shape[v.shape.length - 1];
  if (!dimEq(E, Ek) && typeof E === 'number' && typeof Ek === 'number')
    return c.error(
      `Expected query and key to have the same embedding dimension, but got ${E} and ${Ek}`,
      c.tensor([...batch, L, Ev], q.dtype),
    );
  const out = c.tensor([...batch, L, Ev], q.dtype);
  c.record({
    op: 'scaled_dot_product_attention',
    rule: SDPA_RULE,
    known: true,
    out,
    macs: [term(1, ...batch, L, S, E), term(1, ...batch, L, S, Ev)],
    flops: [term(5, ...batch, L, S)],
    bwd: [term(2, ...batch, L, S)],
    saved: [
      term(q.dtype.bytes, ...q.shape),
      term(k.dtype.bytes, ...k.shape),
      term(v.dtype.bytes, ...v.shape),
      term(q.dtype.bytes, ...batch, L, S),
    ],
  });
  return out;
}

def('scaled_dot_product_attention', 'f', (c, args, kw) => {
  const a = bind(
    'scaled_dot_product_attention',
    'query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None',
    args,
    kw,
  );
  const q = asTensor(a.query),
    k = asTensor(a.key),
    v = asTensor(a.value);
  return q && k && v ? attentionCore(c, q, k, v) : new Unknown('scaled_dot_product_attention');
});

export interface MhaWeights {
  inProj?: Tensor;
  inBias?: Tensor;
  qW?: Tensor;
  kW?: Tensor;
  vW?: Tensor;
  outW: Tensor;
  outB?: Tensor;
}

/** nn.MultiheadAttention.forward: projections, per-head attention, output projection. Inputs (L, N, E) or batch_first (N, L, E). */
export function multiheadAttention(
  c: TorchCtx,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  heads: Dim,
  batchFirst: boolean,
  w: MhaWeights,
  needWeights: boolean,
): Value {
  if (!q.shape || !k.shape || !v.shape) {
    c.unknownShape('multi_head_attention');
    return new PyTuple([c.tensor(undefined, q.dtype), null]);
  }
  const E = q.shape[q.shape.length - 1];
  const qW = w.qW ?? (w.inProj && sliceRows(w.inProj, E, 0));
  const kW = w.kW ?? (w.inProj && sliceRows(w.inProj, E, 1));
  const vW = w.vW ?? (w.inProj && sliceRows(w.inProj, E, 2));
  const bias = w.inBias ? new Tensor([E], w.inBias.dtype) : null;
  const qp = linear(c, q, qW ?? null, bias) as Tensor;
  const kp = linear(c, k, kW ?? null, bias) as Tensor;
  const vp = linear(c, v, vW ?? null, bias) as Tensor;
  if (
    !(qp instanceof Tensor) ||
    !qp.shape ||
    !(kp instanceof Tensor) ||
    !kp.shape ||
    !(vp instanceof Tensor) ||
    !vp.shape
  )
    return new PyTuple([c.tensor(undefined, q.dtype), null]);
  const split = (t: Tensor): Tensor => {
    const s = t.shape!;
    const [Lx, N] = batchFirst ? [s[s.length - 2], s[0]] : [s[0], s[s.length - 2]];
    const batch = s.length === 3 ? [N, heads] : [heads];
    return new Tensor([...batch, Lx, dimFloorDiv(s[s.length - 1], heads)], t.dtype);
  };
  // Per-head attention is recorded; its heads then merge back to (…, L, E) for the output projection.
  attentionCore(c, split(qp), split(kp), split(vp));
  const L = batchFirst ? q.shape[q.shape.length - 2] : q.shape[0];
  const merged = new Tensor(q.shape.slice(), q.dtype);
  const out = linear(c, merged, w.outW, w.outB ?? null);
  const S = batchFirst ? k.shape[k.shape.length - 2] : k.shape[0];
  const N = q.shape.length === 3 ? [batchFirst ? q.shape[0] : q.shape[1]] : [];
  return new PyTuple([out, needWeights ? c.tensor([...N, L, S], q.dtype) : null]);
}

function sliceRows(w: Tensor, E: Dim, _i: number): Tensor {
  return new Tensor([E, w.shape ? w.shape[1] : E], w.dtype);
}
