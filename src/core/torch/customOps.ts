// torch.ops and torch.library: `torch.ops.aten.X` is the registry's op X; a Python custom op (`custom_op("ns::name", fn)`)
// runs its Python function, as eager PyTorch does; fake kernels and autograd formulas are for compilers, not eager.
import { NativeFunction, PyFunction, PyModule, Unknown, type Value } from '../eval/values';
import { callValue } from '../eval/calls';
import type { TorchCtx } from './context';
import { ops } from './registry';

/** The decorator form of a registration: `@register_fake("ns::op")` returns the function unchanged. */
const passThrough = new NativeFunction('register', ([f]) => f ?? null);

export function makeTorchOps(c: TorchCtx): { opsModule: PyModule; library: PyModule } {
  const ip = c.ip;
  const opsModule = new PyModule('torch.ops');
  const aten = new PyModule('torch.ops.aten');
  for (const [name, d] of ops) if (d.torch) aten.attrs.set(name, new NativeFunction(name, (a, kw) => d.fn(c, a, kw)));
  opsModule.attrs.set('aten', aten);

  /** Registers `fn` as torch.ops.NS.NAME. A namespace is never changed in place: a new one replaces it (journaled). */
  const define = (qualified: Value, fn: Value): Value => {
    if (typeof qualified !== 'string' || !qualified.includes('::')) return new Unknown('custom_op');
    const [ns, name] = qualified.split('::');
    const op = new NativeFunction(name, (a, kw) => callValue(ip, fn, a, kw, ip.site));
    const old = opsModule.attrs.get(ns);
    const next = new PyModule(`torch.ops.${ns}`);
    if (old instanceof PyModule) for (const [k, v] of old.attrs) next.attrs.set(k, v);
    next.attrs.set(name, op);
    opsModule.attrs.set(ns, next);
    return op;
  };
  const customOp = new NativeFunction('custom_op', ([name, fn]) =>
    fn instanceof PyFunction || fn instanceof NativeFunction
      ? define(name, fn)
      : new NativeFunction('custom_op', ([f]) => (f === undefined ? new Unknown('custom_op') : define(name, f))),
  );
  const library = new PyModule('torch.library');
  library.attrs.set('custom_op', customOp);
  // Registrations that only compilers and autograd's formulas read: eager evaluation runs the Python function itself.
  library.attrs.set(
    'register_fake',
    new NativeFunction('register_fake', ([, f]) => (f === undefined ? passThrough : f)),
  );
  library.attrs.set('register_autograd', new NativeFunction('register_autograd', () => null));
  library.attrs.set(
    'register_kernel',
    new NativeFunction('register_kernel', ([, , f]) => (f === undefined ? passThrough : f)),
  );
  return { opsModule, library };
}
