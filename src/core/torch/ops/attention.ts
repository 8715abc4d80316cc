// Attention: scaled_dot_product_attention and the multi-head attention forward behind nn.MultiheadAttention.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, toDim } from '../values';
import { bind } from '../signature';
import { term, type Term } from '../../cost/terms';
import { linear } from './matmul';
import { autocastTensors } from '../autocast';
import { dimAdd, dimFloorDiv, dimEq, dimMul, type Dim } from '../../sym/dim';
import { promote } from '../dtypes';
import { fresh } from '../strides';
import { productSaves } from '../gradSaves';
import { Tensor } from '../../model/tensor';
import { PyTuple, Unknown, type Value } from '../../eval/values';

const SDPA_RULE =
  'attention (…,L,E)×(…,S,E): MACs = batch·L·S·(E+Ev) for QKᵀ and AV; FLOPs = 2·MACs + softmax 5 per score (seed)';

/**
 * F.scaled_dot_product_attention as torch 2's fused kernels run it (flash, memory-efficient, cuDNN; CUDA and the CPU
 * flash kernel): backward keeps q, k and v (their storages), the output and the row log-sum-exp (fp32, one per query
 * row; the memory-efficient kernel pads rows to 32 on CUDA, not modelled), and the mask as a float bias if given;
 * never the L×S score matrix. The output is laid out (…, L, H, Ev) in memory (`out.transpose(1, 2)` is contiguous).
 * Backward recomputes the scores: MACs = 3·L·S·E + 2·L·S·Ev per batch (torch.utils.flop_counter's sdpa rule).
 */
export function attentionCore(c: TorchCtx, q: Tensor, k: Tensor, v: Tensor, mask?: Tensor): Value {
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
  const out = headsLastLayout(c.tensor([...batch, L, Ev], q.dtype));
  c.record(
    {
      op: 'scaled_dot_product_attention',
      rule: SDPA_RULE,
      known: true,
      out,
      macs: [term(1, ...batch, L, S, E), term(1, ...batch, L, S, Ev)],
      flops: [term(5, ...batch, L, S)],
      bwd: [term(2, ...batch, L, S)],
      bwdMacs: [term(3, ...batch, L, S, E), term(2, ...batch, L, S, Ev)],
      // A boolean mask becomes an additive float bias of q's dtype first (a new tensor), which is what is kept.
      saved: [
        term(4, ...batch, L),
        ...(mask?.shape && !mask.dtype.isFloat ? [term(q.dtype.bytes, ...mask.shape)] : []),
      ],
      savedTensors: mask?.dtype.isFloat ? [q, k, v, out, mask] : [q, k, v, out],
    },
    [q, k, v],
  );
  return out;
}

/** Strides of a (B, H, L, Ev) output stored as (B, L, H, Ev), as the fused kernels allocate it (concrete 4-D only). */
function headsLastLayout(t: Tensor): Tensor {
  const s = t.shape;
  if (!s || s.length !== 4 || !s.every((d) => typeof d === 'number')) return fresh(t);
  const [, H, L, Ev] = s as number[];
  t.strides = [L * H * Ev, Ev, H * Ev, 1];
  return t;
}

def('scaled_dot_product_attention', 'f', (c, args, kw) => {
  const a = bind(
    'scaled_dot_product_attention',
    'query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False',
    args,
    kw,
  );
  const q = asTensor(a.query),
    k = asTensor(a.key),
    v = asTensor(a.value);
  const mask = asTensor(a.attn_mask);
  return q && k && v ? attentionCore(c, q, k, v, mask) : new Unknown('scaled_dot_product_attention');
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

/**
 * nn.MultiheadAttention.forward as torch 1.13 runs it (F.multi_head_attention_forward): one packed in-projection when
 * q, k and v are the same tensor (k, v packed when only they are), per-head copies, q scaled, bmm, softmax, bmm, the
 * heads merged (a copy) and the output projection. Inputs (L, N, E) or batch_first (N, L, E).
 */
export function multiheadAttention(
  c: TorchCtx,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  heads: Dim,
  batchFirst: boolean,
  w: MhaWeights,
  needWeights: boolean,
  extraKeys = 0,
): Value {
  if (!q.shape || !k.shape || !v.shape) {
    c.unknownShape('multi_head_attention');
    return new PyTuple([c.tensor(undefined, q.dtype), null]);
  }
  const E = q.shape[q.shape.length - 1];
  const [qp, kp, vp] = inProjection(c, q, k, v, E, w);
  if (!qp?.shape || !kp?.shape || !vp?.shape) return new PyTuple([c.tensor(undefined, q.dtype), null]);
  const dims = (t: Tensor) => {
    const s = t.shape!;
    const [Lx, N] = batchFirst && s.length === 3 ? [s[1], s[0]] : [s[0], s.length === 3 ? s[1] : 1];
    return { Lx, N };
  };
  const { Lx: L, N } = dims(qp);
  // bias_k/bias_v append one key row, add_zero_attn one more: S grows, the products follow.
  const S = dimAdd(dims(kp).Lx, extraKeys);
  const hd = dimFloorDiv(E, heads);
  const NH = dimMul(N, heads);
  // q.contiguous().view(L, N·H, hd).transpose(0, 1): a copy; then scaled by 1/√hd (a new tensor, saved by the bmm).
  const qc = c.tensor([NH, L, hd], qp.dtype);
  qc.requiresGrad = qp.requiresGrad;
  const qs = c.elementwise('div', c.tensor([NH, L, hd], qp.dtype), qc, 'div', [qc, undefined]);
  const kc = c.tensor([NH, S, hd], kp.dtype);
  kc.requiresGrad = kp.requiresGrad;
  const vc = c.tensor([NH, S, hd], vp.dtype);
  vc.requiresGrad = vp.requiresGrad;
  const kT = c.tensor([NH, hd, S], kp.dtype).shareStorage(kc);
  kT.requiresGrad = kc.requiresGrad;
  const scores = bmm(c, qs, kT, [NH, L, S], [term(1, NH, L, S, hd)]);
  // Under autocast softmax runs in fp32 (its output is what backward keeps) and the next bmm casts it back to half.
  const [sIn] = autocastTensors(c, 'fp32', [scores]);
  const attn = c.elementwise('softmax', c.tensor([NH, L, S], sIn.dtype), sIn, 'softmax');
  const ctx = bmm(c, attn, vc, [NH, L, hd], [term(1, NH, L, S, hd)]);
  // attn_output.transpose(0, 1).contiguous().view(L·N, E): a copy, then the output projection.
  const merged = c.tensor([dimMul(L, N), E], ctx.dtype);
  merged.requiresGrad = ctx.requiresGrad;
  const proj = linear(c, merged, w.outW, w.outB ?? null);
  const out = proj instanceof Tensor ? c.tensor(q.shape.slice(), proj.dtype) : proj;
  if (out instanceof Tensor && proj instanceof Tensor) out.shareStorage(proj).requiresGrad = proj.requiresGrad;
  const Nb = q.shape.length === 3 ? [N] : [];
  return new PyTuple([out, needWeights ? c.tensor([...Nb, L, S], q.dtype) : null]);
}

/** The in-projection: packed weights give one linear for q = k = v, one for k = v, else one per input. */
function inProjection(c: TorchCtx, q: Tensor, k: Tensor, v: Tensor, E: Dim, w: MhaWeights): (Tensor | undefined)[] {
  const asT = (x: Value) => (x instanceof Tensor ? x : undefined);
  if (w.inProj && q === k && k === v) {
    const qkv = asT(linear(c, q, w.inProj, w.inBias ?? null));
    return qkv?.shape ? chunks(qkv, 3, E) : [undefined, undefined, undefined];
  }
  const rows = (i: number, n: number) => (w.inProj ? sliceRows(w.inProj, dimMul(n, E), i) : undefined);
  const bias = (n: number) => (w.inBias ? sliceRows(w.inBias, dimMul(n, E), 0) : null);
  const qp = asT(linear(c, q, w.qW ?? rows(0, 1) ?? null, bias(1)));
  if (w.inProj && k === v) {
    const kv = asT(linear(c, k, rows(1, 2) ?? null, bias(2)));
    return [qp, ...(kv?.shape ? chunks(kv, 2, E) : [undefined, undefined])];
  }
  return [
    qp,
    asT(linear(c, k, w.kW ?? rows(1, 1) ?? null, bias(1))),
    asT(linear(c, v, w.vW ?? rows(2, 1) ?? null, bias(1))),
  ];
}

/** `t.chunk(n, dim=-1)`: views of t's storage with the last dim E. */
function chunks(t: Tensor, n: number, E: Dim): Tensor[] {
  return Array.from({ length: n }, () => {
    const x = new Tensor([...t.shape!.slice(0, -1), E], t.dtype).shareStorage(t);
    x.requiresGrad = t.requiresGrad;
    return x;
  });
}

/** A batched product recorded as torch.bmm: MACs, backward MACs and saved operands as autograd keeps them. */
function bmm(c: TorchCtx, x: Tensor, y: Tensor, shape: Dim[], macs: Term[]): Tensor {
  const [a, b] = autocastTensors(c, 'lower', [x, y]);
  const out = fresh(c.tensor(shape, promote(a.dtype, b.dtype)));
  c.record(
    {
      op: 'bmm',
      rule: 'bmm (B,m,n)@(B,n,p): MACs = B·m·n·p, FLOPs = 2·MACs (seed)',
      known: true,
      out,
      macs,
      flops: [],
      bwd: [],
      ...productSaves(a, b, macs),
    },
    [a, b],
  );
  return out;
}

/** Rows of a packed in-projection weight (or bias): a view of its storage, frozen when it is. */
function sliceRows(w: Tensor, rows: Dim, _i: number): Tensor {
  const t = new Tensor(w.shape && w.shape.length > 1 ? [rows, w.shape[1]] : [rows], w.dtype).shareStorage(w);
  t.requiresGrad = w.requiresGrad;
  return t;
}

// F.multi_head_attention_forward (torch 1.13's signature, plus 2.x's is_causal): inputs (L, N, E) or unbatched (L, E).
// bias_k/bias_v and add_zero_attn add key rows; static keys (static_k/static_v) are not modelled: unknown.
def('multi_head_attention_forward', 'f', (c, args, kw) => {
  const a = bind(
    'multi_head_attention_forward',
    'query, key, value, embed_dim_to_check, num_heads, in_proj_weight, in_proj_bias, bias_k, bias_v, add_zero_attn, ' +
      'dropout_p, out_proj_weight, out_proj_bias, training=True, key_padding_mask=None, need_weights=True, ' +
      'attn_mask=None, use_separate_proj_weight=False, q_proj_weight=None, k_proj_weight=None, v_proj_weight=None, ' +
      'static_k=None, static_v=None, average_attn_weights=True, is_causal=False',
    args,
    kw,
  );
  const [q, k, v] = [a.query, a.key, a.value].map((x) => asTensor(x ?? null));
  const heads = toDim(a.num_heads);
  const outW = asTensor(a.out_proj_weight);
  if (!q || !k || !v || !outW || heads === undefined || a.static_k !== null || a.static_v !== null)
    return new Unknown('multi_head_attention_forward');
  const separate = a.use_separate_proj_weight === true;
  const w: MhaWeights = {
    inProj: separate ? undefined : asTensor(a.in_proj_weight),
    inBias: asTensor(a.in_proj_bias),
    qW: separate ? asTensor(a.q_proj_weight) : undefined,
    kW: separate ? asTensor(a.k_proj_weight) : undefined,
    vW: separate ? asTensor(a.v_proj_weight) : undefined,
    outW,
    outB: asTensor(a.out_proj_bias),
  };
  const extra = (a.bias_k !== null && a.bias_v !== null ? 1 : 0) + (a.add_zero_attn === true ? 1 : 0);
  return multiheadAttention(c, q, k, v, heads, false, w, a.need_weights !== false, extra);
});
