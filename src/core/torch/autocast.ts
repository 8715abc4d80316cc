// torch.autocast as CUDA runs it: which ops compute in the half dtype, which in fp32, which promote; the casts it inserts.
import { NativeFunction, PyList, PyTuple, type Value } from '../eval/values';
import { callValue } from '../eval/calls';
import { Tensor } from '../model/tensor';
import { Dtype } from '../model/dtype';
import type { TorchCtx } from './context';
import { complex64, dtypes, float32 } from './dtypes';
import { bind } from './signature';

const float16 = dtypes.get('float16')!;

/**
 * lower: floating inputs are cast to the autocast dtype (half / bf16), so the op computes and outputs in it.
 * fp32: half inputs are cast to fp32 (a copy the op then keeps if it saves its input); the output is fp32.
 * promote: every floating input is cast to the widest of them.
 */
export type AutocastPolicy = 'lower' | 'fp32' | 'promote';

/**
 * CUDA's autocast op lists (aten/src/ATen/autocast_mode.h: AT_FORALL_LOWER_PRECISION_FP, AT_FORALL_FP32,
 * AT_FORALL_FP32_SET_OPT_DTYPE, norm's fp32_append_dtype, AT_FORALL_PROMOTE), by the names this engine registers. The
 * engine follows CUDA's lists, not CPU's (where layer_norm, softmax and pow follow their input): training runs on GPUs.
 * Python-level compositions of listed ops take their policy: cross_entropy (log_softmax + nll_loss), softmin, normalize
 * (norm, then a division that promotes), `2 / x` (reciprocal). Ops not listed follow their inputs (type promotion).
 */
const lists: Record<AutocastPolicy, string> = {
  lower:
    'conv1d conv2d conv3d conv_transpose1d conv_transpose2d conv_transpose3d prelu addmm addmv addbmm baddbmm bmm ' +
    'matmul __matmul__ einsum mm mv linear scaled_dot_product_attention',
  fp32:
    'acos asin cosh erfinv exp expm1 log log10 log2 log1p reciprocal rsqrt sinh tan pow __pow__ softplus layer_norm ' +
    'group_norm cosine_similarity nll_loss kl_div l1_loss smooth_l1_loss huber_loss mse_loss ' +
    'binary_cross_entropy_with_logits logsumexp prod softmax softmin log_softmax cumprod cumsum sum norm linalg_norm ' +
    'normalize cross_entropy',
  promote: 'addcmul atan2 bilinear dot scatter_add',
};

export const autocastPolicies: ReadonlyMap<string, AutocastPolicy> = new Map(
  (Object.keys(lists) as AutocastPolicy[]).flatMap((p) =>
    lists[p].split(' ').map((n): [string, AutocastPolicy] => [n, p]),
  ),
);

/** Floating tensors autocast may cast (not float64, not complex). */
function eligible(t: Tensor): boolean {
  return t.dtype.isFloat && t.dtype !== complex64 && t.dtype.name !== 'float64';
}

/** The dtype `policy` casts the eligible inputs to; undefined when none is eligible. */
function target(c: TorchCtx, policy: AutocastPolicy, ts: readonly Tensor[]): Dtype | undefined {
  if (!c.autocast || !ts.some(eligible)) return undefined;
  if (policy === 'lower') return c.autocast;
  if (policy === 'fp32') return float32;
  const floats = ts.filter(eligible);
  return floats.reduce((w, t) => (t.dtype.bytes > w.bytes ? t.dtype : w), floats[0].dtype);
}

/** The tensors as `policy` hands them to the op under autocast (casts where needed; the same tensors otherwise). */
export function autocastTensors<T extends Tensor | undefined>(
  c: TorchCtx,
  policy: AutocastPolicy,
  ts: readonly T[],
): T[] {
  const present = ts.filter((t): t is NonNullable<T> => t !== undefined);
  const to = target(c, policy, present);
  if (!to) return ts.slice();
  return ts.map((t) => (t && eligible(t) && t.dtype !== to ? (c.autocastCast(t, to) as T) : t));
}

/**
 * A registry op's arguments under autocast: the listed op's tensor arguments (top level and inside lists, positional and
 * keyword) cast per its policy; undefined when nothing changes. Not eligible, as in PyTorch: in-place ops (not listed)
 * and calls with an explicit `dtype=` or `out=`.
 */
export function autocastArgs(
  c: TorchCtx,
  name: string,
  args: Value[],
  kw: Map<string, Value> | undefined,
): [Value[], Map<string, Value> | undefined] | undefined {
  const policy = c.autocast && autocastPolicies.get(name);
  if (!policy || (kw && ((kw.get('dtype') ?? null) !== null || (kw.get('out') ?? null) !== null))) return undefined;
  const found: Tensor[] = [];
  const visit = (v: Value) => {
    if (v instanceof Tensor) found.push(v);
    else if (v instanceof PyTuple || v instanceof PyList)
      for (const x of v.items) if (x instanceof Tensor) found.push(x);
  };
  args.forEach(visit);
  kw?.forEach(visit);
  const cast = autocastTensors(c, policy, found);
  if (cast.every((t, i) => t === found[i])) return undefined;
  const map = new Map(found.map((t, i) => [t, cast[i]]));
  const swap = (v: Value): Value =>
    v instanceof Tensor
      ? (map.get(v) ?? v)
      : v instanceof PyTuple
        ? new PyTuple(v.items.map(swap), v.names)
        : v instanceof PyList
          ? new PyList(v.items.map(swap))
          : v;
  return [args.map(swap), kw && new Map([...kw].map(([k, v]) => [k, swap(v)]))];
}

/**
 * `with torch.autocast('cuda', dtype=...)` / `torch.cuda.amp.autocast()` in the analyzed code, and the same as a
 * decorator: inside, ops follow CUDA's lists with `dtype` (fp16 by default, as on CUDA); `enabled=False` turns autocast
 * off inside. `dtype` undefined: nothing known to change (CPU autocast, whose lists differ, or an unknown flag).
 */
export class AutocastCtx extends NativeFunction {
  constructor(
    c: TorchCtx,
    /** The autocast dtype inside; null: autocast off inside; undefined: left as it is. */
    readonly dtype: Dtype | null | undefined,
  ) {
    super('autocast', ([f]) => (f instanceof NativeFunction || isFunction(f) ? withAutocast(c, f, dtype) : this));
  }
}

function isFunction(v: Value | undefined): boolean {
  return !!v && typeof v === 'object' && 'params' in (v as object);
}

function withAutocast(c: TorchCtx, f: Value, dtype: Dtype | null | undefined): Value {
  if (dtype === undefined) return f;
  return new NativeFunction('autocast_wrapper', (args, kw) => {
    const undo = setAutocast(c, dtype);
    try {
      return callValue(c.ip, f, args, kw, c.ip.site);
    } finally {
      undo();
    }
  });
}

function setAutocast(c: TorchCtx, dtype: Dtype | null): () => void {
  const prev = c.autocast;
  c.autocast = dtype ?? undefined;
  return () => {
    c.autocast = prev;
    // PyTorch empties its cast cache on leaving the outermost autocast region: a later region casts the weights again.
    if (!prev) c.clearAutocastCache();
  };
}

/** Entering an autocast context: sets the autocast dtype and returns what restores it. */
export function enterAutocast(c: TorchCtx, ctx: Value): (() => void) | undefined {
  return ctx instanceof AutocastCtx && ctx.dtype !== undefined ? setAutocast(c, ctx.dtype) : undefined;
}

/** torch.autocast(device_type, dtype=None, enabled=True, cache_enabled=None); torch.cuda.amp.autocast(...) is cuda. */
export function autocastFactory(c: TorchCtx, cudaOnly: boolean): (args: Value[], kw?: Map<string, Value>) => Value {
  return (args, kw) => {
    const a = cudaOnly
      ? bind('autocast', 'enabled=True, dtype=None, cache_enabled=True', args, kw)
      : bind('autocast', 'device_type, dtype=None, enabled=True, cache_enabled=None', args, kw);
    const device = cudaOnly ? 'cuda' : a.device_type;
    if (a.enabled === false) return new AutocastCtx(c, null);
    const dtype = a.dtype === null ? float16 : a.dtype;
    const known = device === 'cuda' && a.enabled === true && dtype instanceof Dtype && dtype.isFloat;
    return new AutocastCtx(c, known && dtype.bytes < 4 ? dtype : undefined);
  };
}
