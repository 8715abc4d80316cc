// torch.fft (torch 1.13): fft/ifft/rfft/irfft/hfft/ihfft in 1-D, 2-D and n-D, fftshift, fftfreq; shapes, dtypes, FLOPs.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, normDim, toDim, toDims } from '../values';
import { bind } from '../signature';
import { term, type Term } from '../../cost/terms';
import { dimAdd, dimFloorDiv, dimMul, dimSub, type Dim } from '../../sym/dim';
import { complexOf, realOf, scalarTypeName } from '../dtypes';
import { Dtype } from '../../model/dtype';
import { PyList, PyTuple, Unknown, type Value } from '../../eval/values';
import { fresh } from '../strides';
import { dataOf, withData, MAX_DATA } from '../constData';
import { Tensor } from '../../model/tensor';

const FFT_RULE =
  'FFT: 5·N·⌈log₂ N⌉ FLOPs per complex transform of length N, 2.5·N·⌈log₂ N⌉ per real-input or real-output one ' +
  '(radix-2 Cooley-Tukey count, as torch.stft); scaling by the norm 1 FLOP per output element (2 complex); MACs 0 (choice)';

/** The python names of torch.fft mapped to the registry ops that implement them (`torch.fft.fft` is `fft_fft`). */
export const fftOps: Record<string, string> = {};

type Kind = 'c2c' | 'r2c' | 'c2r';
interface Spec {
  kind: Kind;
  /** Which norm mode scales: the forward transforms scale under 'forward', the inverse ones under 'backward'. */
  inverse: boolean;
  rank: 1 | 2 | 'n';
}

const specs: Record<string, Spec> = {};
for (const [base, kind, inverse] of [
  ['fft', 'c2c', false],
  ['ifft', 'c2c', true],
  ['rfft', 'r2c', false],
  ['irfft', 'c2r', true],
  ['hfft', 'c2r', false],
  ['ihfft', 'r2c', true],
] as const)
  for (const rank of [1, 2, 'n'] as const) specs[`${base}${rank === 1 ? '' : rank}`] = { kind, inverse, rank };

/** FLOPs of one transform of length n, when n is a known size. */
function perTransform(n: Dim, complex: boolean): number | undefined {
  if (typeof n !== 'number' || n < 1) return undefined;
  return Math.round((complex ? 5 : 2.5) * n * Math.ceil(Math.log2(n)));
}

/** The dims and sizes an n-D transform runs over (PyTorch's canonicalize of `s` and `dim`), or an error message. */
function plan(
  name: string,
  spec: Spec,
  shape: Dim[],
  s: Value,
  dim: Value,
): { dims: number[]; sizes: (Dim | undefined)[] } | string {
  const seq = (v: Value): Value[] | undefined =>
    v === null ? undefined : v instanceof PyTuple || v instanceof PyList ? v.items : [v];
  const rank = shape.length;
  if (spec.rank === 1 && (dim instanceof PyTuple || dim instanceof PyList))
    return `fft_${name}(): argument 'dim' must be int, not ${dim instanceof PyTuple ? 'tuple' : 'list'}`;
  let dimList = seq(dim);
  // `n` / `s` of an unknown value: the lengths are unknown (never the input's sizes).
  const sizes =
    s === null ? undefined : spec.rank === 1 ? (toDim(s) === undefined ? undefined : [toDim(s)!]) : toDims(s);
  if (s !== null && sizes === undefined) return 'unknown';
  if (spec.rank === 2) dimList ??= [-2, -1];
  if (spec.rank === 1) dimList ??= [-1];
  if (sizes && dimList && sizes.length !== dimList.length)
    return 'When given, dim and shape arguments must have the same length';
  if (sizes && sizes.length > rank)
    return `Got shape with ${sizes.length} values but input tensor only has ${rank} dimensions.`;
  const dims: number[] = [];
  for (const d of dimList ?? (sizes ? sizes.map((_, i) => i - sizes!.length) : shape.map((_, i) => i))) {
    if (typeof d !== 'number') return 'unknown';
    const n = normDim(d, rank);
    if (n === undefined) return `dim ${String(d)}`;
    dims.push(n);
  }
  if (new Set(dims).size !== dims.length) return 'FFT dims must be unique';
  // A size of -1 in `s` keeps that dim's own length (no padding or trimming); `n=-1` is an error.
  const keep = (d: Dim | undefined) => d === undefined || (d === -1 && spec.rank !== 1);
  return { dims, sizes: dims.map((_, i) => (keep(sizes?.[i]) ? undefined : sizes![i])) };
}

function transform(c: TorchCtx, name: string, spec: Spec, args: Value[], kw: Map<string, Value> | undefined): Value {
  const a = bind(
    name,
    spec.rank === 1 ? 'input, n=None, dim=-1, norm=None' : 'input, s=None, dim=None, norm=None',
    args,
    kw,
  );
  const x = asTensor(a.input);
  if (!x) return new Unknown(name);
  const complexIn = x.dtype.name.startsWith('complex');
  const realOut = spec.kind === 'c2r' ? realOf(complexOf(x.dtype)) : undefined;
  const outDtype = realOut ?? complexOf(x.dtype);
  if (x.dtype.name === 'float16' || x.dtype.name === 'bfloat16')
    return c.error(`Unsupported dtype ${scalarTypeName(x.dtype)}`, c.tensor(undefined, outDtype));
  if (spec.kind === 'r2c' && complexIn)
    return c.error(
      `${name.replace(/[2n]$/, '')} expects a real input tensor, but got ${scalarTypeName(x.dtype)}`,
      c.tensor(undefined, outDtype),
    );
  if (a.norm !== null && a.norm !== 'backward' && a.norm !== 'forward' && a.norm !== 'ortho')
    return c.error(`Invalid normalization mode: "${String(a.norm)}"`, c.tensor(undefined, outDtype));
  if (!x.shape) {
    c.unknownShape(name);
    return c.tensor(undefined, outDtype);
  }
  const p = plan(name, spec, x.shape, spec.rank === 1 ? a.n : a.s, a.dim);
  if (typeof p === 'string') {
    if (p.startsWith('dim '))
      return c.dimOutOfRange(name, -x.shape.length, x.shape.length - 1, [a.dim], c.tensor(undefined, outDtype));
    if (p === 'unknown') {
      c.unknownShape(name);
      return c.tensor(undefined, outDtype);
    }
    return c.error(p, c.tensor(undefined, outDtype));
  }
  // Transform lengths: `n`/`s` when given, else the input's size (c2r: 2·(m - 1) along the last dim).
  const last = p.dims.length - 1;
  const lengths = p.dims.map((d, i) => {
    const given = p.sizes[i];
    if (given !== undefined) return given;
    return spec.kind === 'c2r' && i === last ? dimMul(2, dimSub(x.shape![d], 1)) : x.shape![d];
  });
  for (const n of lengths)
    if (typeof n === 'number' && n < 1)
      return c.error(`Invalid number of data points (${n}) specified`, c.tensor(undefined, outDtype));
  const shape = x.shape.slice();
  p.dims.forEach(
    (d, i) => (shape[d] = spec.kind === 'r2c' && i === last ? dimAdd(dimFloorDiv(lengths[i], 2), 1) : lengths[i]),
  );
  const out = fresh(c.tensor(shape, outDtype));
  const flops = costTerms(spec.kind, shape, p.dims, lengths);
  if (!flops) {
    c.ip.recorder.unknownOp(c.ip, `${name} (symbolic transform length: FFT cost unknown)`);
    return out;
  }
  const mode = a.norm === null ? 'backward' : a.norm;
  if (mode === 'ortho' || (mode === 'backward') === spec.inverse) flops.push(term(realOut ? 1 : 2, ...shape));
  c.record({ op: name, rule: FFT_RULE, known: true, out, macs: [], flops, bwd: flops, saved: [] });
  return out;
}

/**
 * FLOPs of the 1-D transforms an n-D one is made of: over each dim in turn, (elements / N) transforms of length N of
 * the tensor as it is at that step. r2c runs its real dim first, c2r last; the rest are complex. Undefined when a
 * length is symbolic.
 */
function costTerms(kind: Kind, outShape: Dim[], dims: number[], lengths: Dim[]): Term[] | undefined {
  const last = dims.length - 1;
  // The shape between steps: the output's sizes on the transformed dims, except c2r's last dim, still halved.
  const mid = outShape.slice();
  if (kind === 'c2r') mid[dims[last]] = dimAdd(dimFloorDiv(lengths[last], 2), 1);
  const terms: Term[] = [];
  for (let i = 0; i < dims.length; i++) {
    const realStep = kind !== 'c2c' && i === last;
    const f = perTransform(lengths[i], !realStep);
    if (f === undefined) return undefined;
    const others = (realStep ? outShape : mid).filter((_, k) => k !== dims[i]);
    terms.push(term(f, ...others));
  }
  return terms;
}

for (const [name, spec] of Object.entries(specs)) {
  def(`fft_${name}`, '', (c, args, kw) => transform(c, name, spec, args, kw));
  fftOps[name] = `fft_${name}`;
}

/** fftshift/ifftshift: a roll by half of each dim (all dims by default); moves data, no FLOPs. */
for (const name of ['fftshift', 'ifftshift']) {
  def(`fft_${name}`, '', (c, args, kw) => {
    const a = bind(name, 'input, dim=None', args, kw);
    const x = asTensor(a.input);
    if (!x) return new Unknown(name);
    if (!x.shape) return c.tensor(undefined, x.dtype);
    const dims = a.dim === null ? [] : a.dim instanceof PyTuple || a.dim instanceof PyList ? a.dim.items : [a.dim];
    for (const d of dims)
      if (normDim(d, x.shape.length) === undefined)
        return c.dimOutOfRange(name, -x.shape.length, x.shape.length - 1, [d], c.tensor(undefined, x.dtype));
    return fresh(c.tensor(x.shape, x.dtype));
  });
  fftOps[name] = `fft_${name}`;
}

/** fftfreq(n, d=1.0) / rfftfreq: the sample frequencies, with their values when n is small. */
for (const name of ['fftfreq', 'rfftfreq']) {
  def(`fft_${name}`, '', (c, args, kw) => {
    const a = bind(name, 'n, d=1, *, out=None, dtype=None, layout=None, device=None, requires_grad=False', args, kw);
    const n = toDim(a.n);
    const dtype = a.dtype instanceof Dtype ? a.dtype : c.defaultFloat;
    if (n === undefined) return c.tensor(undefined, dtype);
    const len = name === 'fftfreq' ? n : dimAdd(dimFloorDiv(n, 2), 1);
    const out = fresh(c.tensor([len], dtype));
    const d = a.d instanceof Tensor ? undefined : dataOf(a.d)?.data[0];
    if (typeof n !== 'number' || typeof len !== 'number' || d === undefined || len > MAX_DATA) return out;
    const k = Array.from({ length: len }, (_, i) => (name === 'rfftfreq' || i <= (n - 1) / 2 ? i : i - n));
    return withData(
      out,
      k.map((i) => i / (d * n)),
    );
  });
  fftOps[name] = `fft_${name}`;
}
