// The tensor behaviour plugged into the interpreter: operators, attributes and methods, indexing, iteration.
import { tensorAttrNames } from './tensorAttrNames';
import type { UnaryOperator } from '../eval/operators';
import type { TorchHooks } from '../eval/interpreter';
import type { TorchCtx } from './context';
import type { RateName } from '../cost/rates';
import { ops } from './registry';
import { binaryElementwise } from './ops/elementwise';
import { indexTensor } from './indexing';
import { Tensor } from '../model/tensor';
import { enterGradMode } from './autograd';
import { autocastTensors, enterAutocast } from './autocast';
import { dataOf, withData } from './constData';
import { NativeFunction, PyList, PyTuple, Unknown } from '../eval/values';

/** Binary operators on a tensor: the torch op each one is, and its per-element rate. */
const binaryNames: Record<string, readonly [op: string, rate: RateName]> = {
  '+': ['add', 'add'],
  '-': ['sub', 'sub'],
  '*': ['mul', 'mul'],
  '/': ['div', 'div'],
  '//': ['floor_divide', 'div'],
  '%': ['remainder', 'div'],
  '**': ['pow', 'pow'],
  '@': ['matmul', 'default'],
  '==': ['eq', 'compare'],
  '!=': ['ne', 'compare'],
  '<': ['lt', 'compare'],
  '<=': ['le', 'compare'],
  '>': ['gt', 'compare'],
  '>=': ['ge', 'compare'],
  // Tensor.__and__ & co. are bitwise: bool for bool tensors, the integer dtype for integer ones.
  '&': ['bitwise_and', 'compare'],
  '|': ['bitwise_or', 'compare'],
  '^': ['bitwise_xor', 'compare'],
};

/** Unary operators on a tensor: `-t` is torch.neg, `~t` torch.bitwise_not (logical on bool tensors), `+t` itself. */
const unaryNames: Readonly<Record<UnaryOperator, string | undefined>> = {
  '-': 'neg',
  '~': 'bitwise_not',
  '+': undefined,
};

function forgetValues(t: Tensor): void {
  t.values = undefined;
  t.data = undefined;
}

export function makeTensorHooks(c: TorchCtx): TorchHooks {
  return {
    unary(op, x) {
      const name = unaryNames[op];
      return name ? ops.get(name)!.fn(c, [x], undefined) : x;
    },
    binary(op, a, b) {
      const entry = binaryNames[op];
      if (!entry) return new Unknown(`tensor ${op}`);
      const [name, rate] = entry;
      if (name === 'matmul') return ops.get('matmul')!.fn(c, [a, b], undefined);
      // Under autocast `x ** y` (pow) and `2 / x` (__rtruediv__: reciprocal, then a multiply) run in fp32.
      if (c.autocast && (name === 'pow' || (name === 'div' && !(a instanceof Tensor)))) {
        const [x, y] = autocastTensors(c, 'fp32', [
          a instanceof Tensor ? a : undefined,
          b instanceof Tensor ? b : undefined,
        ]);
        return binaryElementwise(c, name, x ?? a, y ?? b, rate, false);
      }
      return name.startsWith('bitwise_')
        ? ops.get(name)!.fn(c, [a, b], undefined)
        : binaryElementwise(c, name, a, b, rate, rate === 'compare');
    },
    attr(t, name) {
      // An in-place method (x.clamp_(...), x.fill_(0)) may change the values a randint bound or folded data describe.
      if (name.endsWith('_') && !name.startsWith('_')) forgetValues(t);
      switch (name) {
        case 'shape':
          return t.shape ? new PyTuple(t.shape.slice()) : new Unknown('shape');
        case 'dtype':
          return t.dtype;
        case 'device':
          return c.cpuDevice;
        case 'ndim':
          return t.rank ?? new Unknown('ndim');
        case 'T':
        case 'mT':
        case 'mH':
        case 'H':
          return ops.get(name === 'T' ? 't' : 'transpose')!.fn(c, name === 'T' ? [t] : [t, -2, -1], undefined);
        case 'data':
          return t;
        case 'real':
        case 'imag':
          return ops.get(name)!.fn(c, [t], undefined);
        case 'grad':
          return null;
        case 'requires_grad':
          return t.requiresGrad;
        case 'is_cuda':
          return false;
        case 'is_leaf':
          return t.role !== 'activation' || !t.requiresGrad;
      }
      const def = ops.get(name);
      if (def?.method) return new NativeFunction(name, (args, kw) => def.fn(c, [t, ...args], kw));
      // Not a Tensor attribute at all (`hasattr(x, "jax")` duck typing): AttributeError, as PyTorch says.
      if (!tensorAttrNames.has(name)) return undefined;
      return new NativeFunction(name, () => {
        c.ip.recorder.unknownOp(c.ip, `Tensor.${name}`);
        c.ip.report('information', 'unknown-op', `flopscope: Tensor.${name}() is not modelled; its cost is unknown`);
        return new Unknown(`Tensor.${name}`);
      });
    },
    index: (t, key) => {
      const r = indexTensor(c, t, key);
      if (!(r instanceof Tensor)) return r;
      if (typeof key === 'number') withData(r, rowData(t, key));
      // Ints, slices, None and ... give a view (same storage); tensor or list indices gather a copy.
      const keys = key instanceof PyTuple ? key.items : [key];
      if (!keys.some((k) => k instanceof Tensor || k instanceof PyList)) r.shareStorage(t);
      if (c.needsGrad(t) && r.dtype.isFloat) r.requiresGrad = true;
      return r;
    },
    enter: (ctx) => enterGradMode(c, ctx) ?? enterAutocast(c, ctx),
    inplace: (cur, r) => (r instanceof Tensor ? r.shareStorage(cur) : r),
    setIndex: (t) => forgetValues(t),
    iterate(t) {
      const n = t.shape?.[0];
      if (typeof n !== 'number' || n > 4096) return undefined;
      return Array.from({ length: n }, (_, i) => withData(new Tensor(t.shape!.slice(1), t.dtype), rowData(t, i)));
    },
  };
}

/** The values of row `i` of a tensor with known values (`t[i]`, `for row in t`), Python's negative index included. */
function rowData(t: Tensor, i: number): number[] | undefined {
  const d = dataOf(t);
  const n = d?.shape[0];
  if (!d || n === undefined || i < -n || i >= n) return undefined;
  const size = d.data.length / n;
  const row = i < 0 ? i + n : i;
  return d.data.slice(row * size, (row + 1) * size);
}
