// Element-wise ops: arithmetic with broadcasting, comparisons, math functions, activations, where/masked_fill.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { broadcast } from '../broadcast';
import { Tensor } from '../../model/tensor';
import { boolType, complex64, complexOf, int64, isComplex, promote, realOf, scalarTypeName } from '../dtypes';
import type { Dtype } from '../../model/dtype';
import { asTensor, normDim } from '../values';
import { bind } from '../signature';
import { dimFloorDiv } from '../../sym/dim';
import { PyComplex, PyFloat, SymInt, Unknown, type Value } from '../../eval/values';
import { dataOf, foldBinary, foldUnary, withData } from '../constData';
import { rates, type RateName } from '../../cost/rates';
import { term } from '../../cost/terms';

function scalarDtype(c: TorchCtx, v: Value, other: Tensor | undefined) {
  if (v instanceof PyFloat) return other && other.dtype.isFloat ? other.dtype : c.defaultFloat;
  // A complex scalar makes a real tensor complex (float32 → complex64, float64 → complex128, ints → complex64).
  if (v instanceof PyComplex) return complexOf(other && other.dtype.isFloat ? other.dtype : c.defaultFloat);
  return other?.dtype ?? c.defaultFloat;
}

/** True for an operand the engine cannot see (an Unknown, an instance or other non-scalar): it may be a tensor. */
function opaque(v: Value): boolean {
  return !(
    v === null ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    v instanceof PyFloat ||
    v instanceof PyComplex ||
    v instanceof SymInt
  );
}

/** Binary element-wise op on tensors and/or scalars. */
export function binaryElementwise(
  c: TorchCtx,
  op: string,
  a: Value,
  b: Value,
  rateName: RateName,
  resultBool = false,
): Value {
  let ta = asTensor(a),
    tb = asTensor(b);
  // torch.add(7, 2), torch.div(7, 2, rounding_mode='trunc'): two Python numbers become 0-d tensors (torch 1.13).
  if (!ta && !tb && numberOps.has(op) && !opaque(a) && !opaque(b) && a !== null && b !== null)
    [ta, tb] = [scalarTensor(c, a), scalarTensor(c, b)];
  if (!ta && !tb) return new Unknown(op);
  // An operand of unknown value may be a tensor of any shape: never take the known operand's shape for the result.
  const sa = ta?.shape ?? (ta || opaque(a) ? undefined : []);
  const sb = tb?.shape ?? (tb || opaque(b) ? undefined : []);
  const promoted = resultBool
    ? boolType
    : ta && tb
      ? promote(ta.dtype, tb.dtype)
      : ta
        ? ta.dtype.isFloat && !(b instanceof PyComplex)
          ? ta.dtype
          : scalarDtype(c, b, ta)
        : scalarDtype(c, a, tb);
  // True division of integers or bools gives the default float dtype (`int_tensor / 2` is float32).
  const dtype = op === 'div' && !promoted.isFloat ? c.defaultFloat : promoted;
  if (!sa || !sb) {
    c.unknownShape(op);
    return c.tensor(undefined, dtype);
  }
  const r = broadcast(sa, sb);
  if ('error' in r) return c.error(r.error, c.tensor(sa.length >= sb.length ? sa : sb, dtype));
  const out = resultBool ? new Tensor(r.shape, boolType) : c.tensor(r.shape, dtype);
  // Complex arithmetic costs more real FLOPs per element (rotary embeddings multiply complex tensors).
  const rate =
    isComplex(dtype) && (rateName === 'mul' || rateName === 'add' || rateName === 'sub')
      ? rateName === 'mul'
        ? 'complex_mul'
        : 'complex_add'
      : rateName;
  return withData(c.elementwise(op, out, ta ?? tb, rate, [ta, tb]), foldBinary(op, ta ?? a, tb ?? b));
}

/** Binary ops torch 1.13 accepts with two Python numbers (torch.remainder(7, 2) is a TypeError). */
const numberOps = new Set(['add', 'sub', 'mul', 'div', 'floor_divide', 'trunc_divide']);

/** A Python number as the 0-d tensor torch makes of it: int64, the default float, or bool. */
function scalarTensor(c: TorchCtx, v: Value): Tensor {
  const dtype = v instanceof PyFloat ? c.defaultFloat : typeof v === 'boolean' ? boolType : int64;
  return withData(new Tensor([], dtype), dataOf(v)?.data);
}

/** Ops that give an integer tensor back as it came (torch 1.13: `i.abs()`, `-i`, `i.clamp(0)` of int64 are int64). */
const intPreserving = new Set([
  'abs',
  'neg',
  'negative',
  'square',
  'floor',
  'ceil',
  'round',
  'trunc',
  'sign',
  'sgn',
  'clamp',
  'clip',
  'clamp_min',
  'clamp_max',
  'nan_to_num',
  'relu',
  'zero',
  'fill',
]);

/** True when `op` of a non-float `dtype` keeps it: integers for the ops above; a bool only for sign. */
function keepsDtype(op: string, dtype: Dtype): boolean {
  const name = op.replace(/_$/, '');
  return dtype.name === 'bool' ? name === 'sign' || name === 'sgn' : intPreserving.has(name);
}

/** Unary op preserving shape (activations, math). */
export function unaryElementwise(c: TorchCtx, op: string, x: Value, rateName: RateName, inplace = false): Value {
  const t = asTensor(x);
  if (!t) return new Unknown(op);
  // |z| of a complex tensor is real (a magnitude spectrogram's `spec.abs()`).
  const dtype = op === 'abs' || op === 'abs_' ? realOf(t.dtype) : t.dtype;
  const out = c.tensor(t.shape, dtype.isFloat || keepsDtype(op, dtype) ? dtype : c.defaultFloat);
  if (!t.shape) {
    c.unknownShape(op);
    return out;
  }
  return withData(c.elementwise(op, out, t, rateName, undefined, inplace), foldUnary(op, t));
}

const binaries: [string[], RateName, boolean][] = [
  [['add', 'add_', '__add__', '__radd__', '__iadd__'], 'add', false],
  [['sub', 'sub_', 'subtract', '__sub__', '__isub__'], 'sub', false],
  [['mul', 'mul_', 'multiply', '__mul__', '__rmul__', '__imul__'], 'mul', false],
  [['div', 'div_', 'divide', 'true_divide', '__truediv__', '__itruediv__'], 'div', false],
  [['floor_divide'], 'div', false],
  [['remainder', 'fmod'], 'div', false],
  [['pow', 'pow_', '__pow__'], 'pow', false],
  [['maximum', 'fmax'], 'compare', false],
  [['minimum', 'fmin'], 'compare', false],
  [['atan2'], 'compare', false],
  ...['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or', 'logical_xor'].map(
    (n): [string[], RateName, boolean] => [
      n === 'gt' ? [n, 'greater'] : n === 'lt' ? [n, 'less'] : [n],
      'compare',
      true,
    ],
  ),
];
for (const [names, rate, isBool] of binaries) {
  def(names, 'tm', (c, args, kw) => {
    const other = args[1] ?? kw?.get('other') ?? kw?.get('exponent') ?? null;
    const name = names[0];
    // div(..., rounding_mode='trunc'|'floor') keeps integer dtypes and rounds the quotient.
    const mode = name === 'div' ? kw?.get('rounding_mode') : undefined;
    if (mode === 'trunc' || mode === 'floor')
      return binaryElementwise(c, mode === 'trunc' ? 'trunc_divide' : 'floor_divide', args[0], other, rate);
    const alpha = kw?.get('alpha');
    if (alpha !== undefined && alpha !== 1 && (name === 'add' || name === 'sub')) {
      const scaled = binaryElementwise(c, 'mul', other, alpha, 'mul');
      return binaryElementwise(c, name, args[0], scaled, rate, isBool);
    }
    return binaryElementwise(c, name, args[0], other, rate, isBool);
  });
}
/** bitwise_and/or/xor (and `&`, `|`, `^` on tensors): integer and bool operands only, the promoted dtype back. */
for (const name of ['bitwise_and', 'bitwise_or', 'bitwise_xor'])
  def(name, 'tm', (c, args, kw) => {
    const [a, b] = [args[0], args[1] ?? kw?.get('other') ?? null];
    const float = [a, b].find((v) => (v instanceof Tensor && v.dtype.isFloat) || v instanceof PyFloat);
    if (float !== undefined)
      return c.error(
        `"${name}_cpu" not implemented for '${float instanceof Tensor ? scalarTypeName(float.dtype) : 'Float'}'`,
      );
    return binaryElementwise(c, name, a, b, 'compare');
  });
def('rsub', 't', (c, [a, b]) => binaryElementwise(c, 'sub', b, a, 'sub'));

const activations: [string[], RateName][] = [
  [['relu', 'relu_'], 'relu'],
  [['relu6'], 'relu6'],
  [['leaky_relu', 'leaky_relu_'], 'leaky_relu'],
  [['gelu'], 'gelu'],
  [['silu'], 'silu'],
  [['mish'], 'mish'],
  [['elu', 'elu_', 'selu', 'celu'], 'elu'],
  [['hardswish'], 'hardswish'],
  [['hardsigmoid'], 'hardsigmoid'],
  [['hardtanh', 'hardtanh_'], 'relu6'],
  [['softplus'], 'softplus'],
  [['sigmoid', 'sigmoid_'], 'sigmoid'],
  [['tanh', 'tanh_'], 'tanh'],
  [['logsigmoid', 'softsign', 'tanhshrink'], 'softplus'],
  [['prelu'], 'prelu'],
  [['threshold', 'threshold_', 'hardshrink', 'softshrink', 'rrelu', 'rrelu_'], 'leaky_relu'],
];
for (const [names, rate] of activations)
  for (const n of names)
    def(n, 'tfm', (c, [x, ...rest], kw) => {
      // relu_(x), F.relu(x, inplace=True), F.hardtanh(x, 0, 6, True), nn.ReLU(inplace=True): written into x's storage.
      const inplace = n.endsWith('_') || kw?.get('inplace') === true || rest.includes(true);
      const out = unaryElementwise(c, names[0], x, rate, inplace);
      if (inplace && out instanceof Tensor && x instanceof Tensor) out.shareStorage(x);
      return out;
    });

const mathFns: [string[], RateName][] = [
  [
    [
      'exp',
      'exp_',
      'exp2',
      'log',
      'log_',
      'log2',
      'log10',
      'log1p',
      'expm1',
      'sqrt',
      'sqrt_',
      'rsqrt',
      'sin',
      'cos',
      'tan',
      'erf',
      'erfinv',
      'atan',
      'asin',
      'acos',
      'sinh',
      'cosh',
    ],
    'transcendental',
  ],
  [
    [
      'abs',
      'abs_',
      'neg',
      'neg_',
      'negative',
      'reciprocal',
      'square',
      'floor',
      'ceil',
      'round',
      'trunc',
      'frac',
      'sign',
      'sgn',
      'clamp',
      'clamp_',
      'clip',
      'clamp_min',
      'clamp_max',
      'nan_to_num',
      'zero_',
      'fill_',
      'uniform_',
      'normal_',
      'bernoulli',
    ],
    'unary',
  ],
];
for (const [names, rate] of mathFns)
  for (const n of names) def(n, 'tm', (c, [x]) => unaryElementwise(c, n.replace(/_$/, ''), x, rate));
for (const name of ['logical_not', 'bitwise_not', 'isnan', 'isinf', 'isfinite'])
  def(name, 'tm', (c, [x]) => {
    const t = asTensor(x);
    if (!t) return new Unknown('logical_not');
    // bitwise_not (`~t`) keeps an integer dtype (~i = -i - 1) and is logical on bool; floats have no bitwise not.
    const bitwise = name === 'bitwise_not' && t.dtype !== boolType;
    if (bitwise && t.dtype.isFloat)
      return c.error('~ (operator.invert) is only implemented on integer and Boolean-type tensors');
    const out = c.elementwise('logical_not', new Tensor(t.shape, bitwise ? t.dtype : boolType), t, 'compare');
    // ~mask of a known bool mask keeps its values (what `if (~valid).any():` decides on).
    if (bitwise) return withData(out, foldUnary('bitwise_not', t));
    return name === 'logical_not' || name === 'bitwise_not' ? withData(out, foldUnary('logical_not', t)) : out;
  });

def('glu', 'tf', (c, args, kw) => {
  const { input, dim } = bind('glu', 'input, dim=-1', args, kw);
  const t = asTensor(input);
  if (!t?.shape) return new Unknown('glu');
  const d = normDim(dim, t.shape.length);
  if (d === undefined) return new Unknown('glu');
  const shape = t.shape.slice();
  shape[d] = dimFloorDiv(shape[d], 2);
  return c.elementwise('glu', c.tensor(shape, t.dtype), t, 'sigmoid');
});

def(['where'], 'tm', (c, args) => {
  const [cond, a, b] = args;
  if (a === undefined) return new Unknown('where(cond) indices');
  const ab = binaryElementwise(c, 'where', a, b ?? 0, 'masked_fill');
  return asTensor(cond) && asTensor(ab) ? binaryElementwise(c, 'where', cond, ab, 'copy') : ab;
});
/** masked_fill broadcasts the input with the mask (the result can grow); masked_fill_ keeps the input's shape. */
function maskedFill(c: TorchCtx, x: Value, mask: Value, inPlace: boolean): Value {
  const t = asTensor(x),
    m = asTensor(mask);
  if (!t) return new Unknown('masked_fill');
  if (!t.shape) {
    c.unknownShape('masked_fill');
    return c.tensor(undefined, t.dtype);
  }
  // An unknown mask may broadcast the input to a larger shape; in place, the input's shape is kept whatever it is.
  if (!m?.shape) {
    if (inPlace) return c.elementwise('masked_fill', c.tensor(t.shape, t.dtype), t, 'masked_fill', [t, m]);
    c.unknownShape('masked_fill');
    return c.tensor(undefined, t.dtype);
  }
  const r = broadcast(t.shape, m.shape);
  if ('error' in r) return c.error(r.error, c.tensor(t.shape, t.dtype));
  return c.elementwise('masked_fill', c.tensor(inPlace ? t.shape : r.shape, t.dtype), t, 'masked_fill', [t, m]);
}
def('masked_fill', 'tm', (c, [x, mask]) => maskedFill(c, x, mask, false));
def('masked_fill_', 'tm', (c, [x, mask]) => maskedFill(c, x, mask, true));
def(
  ['dropout', 'dropout_', 'dropout1d', 'dropout2d', 'dropout3d', 'alpha_dropout', 'feature_alpha_dropout'],
  'tf',
  (c, args, kw) => {
    const a = bind('dropout', 'input, p=0.5, training=True, inplace=False', args, kw);
    const t = asTensor(a.input);
    // Eval mode (training=False) or p=0: PyTorch returns the input itself, no kernel, nothing saved.
    if (!t || a.training === false || a.p === 0 || a.p === 0.0) return a.input;
    if (!t.shape) {
      c.unknownShape('dropout');
      return c.tensor(undefined, t.dtype);
    }
    const out = c.tensor(t.shape, t.dtype);
    // On CPU, native_dropout keeps its noise tensor (the input's dtype, its shape) for backward.
    c.record({
      op: 'dropout',
      rule: rates.dropout.rule,
      known: true,
      out,
      macs: [],
      flops: [term(1, ...t.shape)],
      bwd: [term(rates.dropout.bwd, ...t.shape)],
      saved: [term(t.dtype.bytes, ...t.shape)],
    });
    return out;
  },
);
def('lerp', 'tm', (c, [a, b]) => binaryElementwise(c, 'lerp', a, b, 'mul'));
def('addcmul', 'tm', (c, [a, b]) => binaryElementwise(c, 'addcmul', a, b, 'mul'));
def('float_power', 'tm', (c, [a, b]) => binaryElementwise(c, 'pow', a, b, 'pow'));

/** torch.angle: the argument of each element, real (0 or π for a real input). */
def('angle', 'tm', (c, [x]) => {
  const t = asTensor(x);
  if (!t) return new Unknown('angle');
  const out = c.tensor(t.shape, t.dtype.isFloat ? realOf(t.dtype) : c.defaultFloat);
  return t.shape ? c.elementwise('angle', out, t, 'unary') : out;
});

/** torch.polar(abs, angle): a complex tensor of the broadcast shape. */
def('polar', 't', (c, [abs, angle]) => {
  const ta = asTensor(abs),
    tb = asTensor(angle);
  if (!ta?.shape || !tb?.shape) return new Unknown('polar');
  const r = broadcast(ta.shape, tb.shape);
  if ('error' in r) return c.error(r.error);
  return c.elementwise('polar', new Tensor(r.shape, complex64), ta, 'polar');
});
