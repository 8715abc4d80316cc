// A small numpy for configuration math in model code (np.linspace(...).tolist(), np.arange, np.array): arrays are tensors.
import type { NativeModules } from '../eval/imports';
import type { TorchCtx } from './context';
import { ops } from './registry';
import { dtypes } from './dtypes';
import { NativeFunction, PyClass, PyFloat, PyInstance, PyModule, type Value } from '../eval/values';
import { Tensor } from '../model/tensor';

/** Tensors a numpy function returned: np.ndarray instances, as far as the engine can tell. */
const numpyMade = new WeakSet<Tensor>();

/** Whether a numpy function made this tensor (an np.ndarray, as far as the engine can tell). */
export function isNumpyArray(t: Tensor): boolean {
  return numpyMade.has(t);
}

/** numpy name -> torch op; numpy's default float is float64. */
const aliases: Record<string, string> = {
  linspace: 'linspace',
  arange: 'arange',
  array: 'tensor',
  asarray: 'tensor',
  zeros: 'zeros',
  ones: 'ones',
  diff: 'diff',
  round: 'round',
  sqrt: 'sqrt',
  log: 'log',
  exp: 'exp',
  sin: 'sin',
  cos: 'cos',
  tanh: 'tanh',
  abs: 'abs',
  power: 'pow',
  floor: 'floor',
  ceil: 'ceil',
  cumsum: 'cumsum',
};

/** numpy's math on plain Python numbers (np.power(10000, 0.5), np.sin(0.1)): a float64 scalar, an int where numpy gives one. */
const scalarFns: Record<string, (...xs: number[]) => number> = {
  sqrt: Math.sqrt,
  log: Math.log,
  exp: Math.exp,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  floor: Math.floor,
  ceil: Math.ceil,
  abs: Math.abs,
  power: (a, b) => a ** b,
};

function scalarMath(name: string, args: Value[]): Value | undefined {
  const fn = scalarFns[name];
  const n = name === 'power' ? 2 : 1;
  if (!fn || args.length !== n) return undefined;
  const xs = args.map((a) => (typeof a === 'number' ? a : a instanceof PyFloat ? a.v : undefined));
  if (xs.some((x) => x === undefined)) return undefined;
  const v = fn(...(xs as number[]));
  // abs of an int and an int raised to a non-negative int stay ints (numpy's int64).
  const ints = args.every((a) => typeof a === 'number');
  if (ints && (name === 'abs' || (name === 'power' && xs[1]! >= 0)) && Number.isSafeInteger(v)) return v;
  return new PyFloat(v);
}

export function registerNumpy(natives: NativeModules, c: TorchCtx): void {
  natives.set('numpy', () => {
    const m = new PyModule('numpy');
    const f64 = dtypes.get('float64')!;
    for (const [name, op] of Object.entries(aliases)) {
      const d = ops.get(op);
      if (!d) continue;
      m.attrs.set(
        name,
        new NativeFunction(name, (args, kw) => {
          const scalar = scalarMath(name, args);
          if (scalar !== undefined) return scalar;
          const saved = c.defaultFloat;
          c.defaultFloat = f64;
          try {
            const r = d.fn(c, args, kw);
            if (r instanceof Tensor) {
              numpyMade.add(r);
              c.numpyArrays++;
            }
            return r;
          } finally {
            c.defaultFloat = saved;
          }
        }),
      );
    }
    for (const n of ['float32', 'float64', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool']) {
      const d = dtypes.get(n);
      if (d) m.attrs.set(n, d);
    }
    // isinstance(x, np.ndarray): an array a numpy function made, yes; another tensor, no while no numpy array exists
    // in this analysis (then a tensor derived from one could be an ndarray: unknown); an instance by its class.
    const ndarray = new PyClass('ndarray', [c.ip.builtins.get('object') as PyClass], new Map());
    ndarray.instanceCheck = (v: Value) =>
      v instanceof Tensor
        ? numpyMade.has(v)
          ? true
          : c.numpyArrays > 0
            ? undefined
            : false
        : v instanceof PyInstance
          ? undefined
          : false;
    m.attrs.set('ndarray', ndarray);
    m.attrs.set('pi', new PyFloat(Math.PI));
    m.attrs.set('newaxis', null);
    m.attrs.set('e', new PyFloat(Math.E));
    m.attrs.set('inf', new PyFloat(Infinity));
    return m;
  });
}
