// Convolutions 1-3d and transposed convolutions: output size, MACs = out·(Cin/g)·ΠK, and channel checks.
import { def } from '../registry';
import { backwardMacs } from '../gradSaves';
import type { TorchCtx } from '../context';
import { asTensor, intTuple } from '../values';
import { bind } from '../signature';
import { term } from '../../cost/terms';
import { dimAdd, dimEq, dimFloorDiv, dimMul, dimStr, shapeStr, type Dim } from '../../sym/dim';
import { Unknown, type Value } from '../../eval/values';

/** floor((L + 2p - d(k-1) - 1) / s) + 1 */
export function convOut(L: Dim, k: Dim, s: Dim, p: Dim, d: Dim, ceil = false): Dim {
  const span = typeof d === 'number' && typeof k === 'number' ? d * (k - 1) + 1 : dimAdd(dimMul(d, dimAdd(k, -1)), 1);
  const num = dimAdd(dimAdd(L, dimMul(2, p)), typeof span === 'number' ? -span : dimMul(-1, span));
  let out = dimAdd(dimFloorDiv(num, s, ceil), 1);
  // PyTorch: with ceil_mode the last window must start inside the input or left padding.
  if (
    ceil &&
    typeof out === 'number' &&
    typeof L === 'number' &&
    typeof s === 'number' &&
    typeof p === 'number' &&
    (out - 1) * s >= L + p
  )
    out--;
  return out;
}

/** PyTorch's check_shape_forward: the dilated kernel must fit in the padded input (concrete sizes only). */
function kernelTooBig(spatial: Dim[], K: Dim[], pad: Dim[], dil: Dim[]): string | undefined {
  const num = (ds: Dim[]) => ds.every((d) => typeof d === 'number');
  if (!num(spatial) || !num(K) || !num(pad) || !num(dil)) return undefined;
  const input = spatial.map((L, i) => (L as number) + 2 * (pad[i] as number));
  const kernel = K.map((k, i) => (dil[i] as number) * ((k as number) - 1) + 1);
  if (input.every((L, i) => L >= kernel[i])) return undefined;
  return `Calculated padded input size per channel: (${input.join(' x ')}). Kernel size: (${kernel.join(' x ')}). Kernel size can't be greater than actual input size`;
}

export function conv(
  c: TorchCtx,
  nd: number,
  args: Value[],
  kw: Map<string, Value> | undefined,
  transposed: boolean,
): Value {
  const spec = transposed
    ? 'input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1'
    : 'input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1';
  const a = bind(transposed ? `conv_transpose${nd}d` : `conv${nd}d`, spec, args, kw);
  const x = asTensor(a.input),
    w = asTensor(a.weight);
  const op = transposed ? `conv_transpose${nd}d` : `conv${nd}d`;
  if (!x || !w) return new Unknown(op);
  if (!x.shape || !w.shape) {
    c.unknownShape(op);
    return c.tensor(undefined, x.dtype);
  }
  const batched = x.shape.length === nd + 2;
  if (!batched && x.shape.length !== nd + 1)
    return c.error(
      `Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${op}, but got input of size: ${shapeStr(x.shape)}`,
      c.tensor(undefined, x.dtype),
    );
  const N = batched ? [x.shape[0]] : [];
  const cin = x.shape[N.length];
  const spatial = x.shape.slice(N.length + 1);
  const groups = typeof a.groups === 'number' ? a.groups : 1;
  const K = w.shape.slice(2);
  const stride = intTuple(a.stride, nd, 1) ?? Array(nd).fill(1);
  const dil = intTuple(a.dilation, nd, 1) ?? Array(nd).fill(1);
  let pad: Dim[];
  if (a.padding === 'valid') pad = Array(nd).fill(0);
  else if (a.padding === 'same') pad = K.map((k, i) => dimFloorDiv(dimMul(dil[i], dimAdd(k, -1)), 2));
  else pad = intTuple(a.padding, nd, 0) ?? Array(nd).fill(0);
  const wIn = transposed ? w.shape[0] : dimMul(w.shape[1], groups);
  if (!dimEq(cin, wIn) && typeof cin === 'number' && typeof wIn === 'number') {
    return c.error(
      transposed
        ? `Given transposed=1, weight of size ${shapeStr(w.shape)}, expected input${shapeStr(x.shape)} to have ${wIn} channels, but got ${cin} channels instead`
        : `Given groups=${groups}, weight of size ${shapeStr(w.shape)}, expected input${shapeStr(x.shape)} to have ${wIn} channels, but got ${cin} channels instead`,
      c.tensor(undefined, x.dtype),
    );
  }
  const cout = transposed ? dimMul(w.shape[1], groups) : w.shape[0];
  let outSpatial: Dim[];
  if (transposed) {
    const op2 = intTuple(a.output_padding, nd, 0) ?? Array(nd).fill(0);
    outSpatial = spatial.map((L, i) =>
      dimAdd(
        dimAdd(dimAdd(dimMul(dimAdd(L, -1), stride[i]), dimMul(-2, pad[i])), dimMul(dil[i], dimAdd(K[i], -1))),
        dimAdd(op2[i], 1),
      ),
    );
  } else {
    const tooBig = a.padding === 'same' ? undefined : kernelTooBig(spatial, K, pad, dil);
    if (tooBig) return c.error(tooBig, c.tensor(undefined, x.dtype));
    // padding='same' pads d·(k-1) in total (the odd one on the right) and requires stride 1: the output keeps the input size.
    outSpatial =
      a.padding === 'same' ? spatial.slice() : spatial.map((L, i) => convOut(L, K[i], stride[i], pad[i], dil[i]));
  }
  if (outSpatial.some((d) => typeof d === 'number' && d <= 0)) {
    return c.error(
      `Calculated output size: (${outSpatial.map(dimStr).join('x')}). Output size is too small`,
      c.tensor(undefined, x.dtype),
    );
  }
  const out = c.tensor([...N, cout, ...outSpatial], x.dtype);
  const hasBias = asTensor(a.bias) !== undefined;
  const outElems = out.shape!;
  const macs = transposed ? [term(1, ...x.shape, w.shape[1], ...K)] : [term(1, ...outElems, w.shape[1], ...K)];
  const b = asTensor(a.bias);
  c.record(
    {
      op,
      known: true,
      out,
      rule: transposed
        ? 'ConvTranspose: MACs = input elements·(Cout/g)·ΠK; FLOPs = 2·MACs + output elements (bias) (seed)'
        : 'Conv: MACs = output elements·(Cin/g)·ΠK; FLOPs = 2·MACs + output elements (bias) (seed)',
      macs,
      flops: hasBias ? [term(1, ...outElems)] : [],
      // convolution_backward's output mask: the input gradient only if the input requires grad (not for an image).
      bwd: b?.requiresGrad ? [term(1, ...outElems)] : [],
      // convolution_backward is one formula for input, weight and bias: autograd keeps both operands whenever it
      // records the conv (the weight is a parameter in fp32; under autocast its half copy is an activation).
      bwdMacs: backwardMacs(macs, [x, w]),
      saved: [],
      savedTensors: [x, w],
    },
    [x, w, b],
  );
  return out;
}

for (const nd of [1, 2, 3]) {
  def(`conv${nd}d`, 'tf', (c, args, kw) => conv(c, nd, args, kw, false));
  def(`conv_transpose${nd}d`, 'tf', (c, args, kw) => conv(c, nd, args, kw, true));
}
