// torch.nn.utils.parametrize.register_parametrization and parametrizations.spectral_norm as torch 1.13 runs them: the
// tensor moves to `parametrizations.<name>.original` (right_inverse applied without grad), the module's class becomes a
// per-instance subclass whose `<name>` property runs the parametrizations on every access, and a safe registration
// runs them once to check the result; remove_parametrizations and cached() too. parametrizations.orthogonal is in
// orthogonal.ts, parametrizations.weight_norm in weightNormParam.ts.
import type { TorchCtx } from '../context';
import { callValue } from '../../eval/calls';
import { lookupAttr } from '../../eval/attributes';
import { iterate } from '../../eval/protocols';
import { PyException } from '../../eval/errors';
import { NativeFunction, PyClass, PyInstance, Property, Unknown, type Value } from '../../eval/values';
import { Tensor } from '../../model/tensor';
import { dimEq, dimProd } from '../../sym/dim';
import { bind } from '../signature';
import { ops } from '../registry';
import type { LayerKit } from './layerKit';

const op = (c: TorchCtx, name: string, ...args: Value[]): Value => ops.get(name)!.fn(c, args, undefined);

function withoutGrad<T>(c: TorchCtx, f: () => T): T {
  const was = c.gradEnabled;
  c.gradEnabled = false;
  try {
    return f();
  } finally {
    c.gradEnabled = was;
  }
}

const sameShape = (t: Tensor, u: Tensor): boolean =>
  t.shape !== undefined &&
  u.shape !== undefined &&
  t.shape.length === u.shape.length &&
  t.shape.every((d, i) => dimEq(d, u.shape![i]));

function children(pl: PyInstance): PyInstance[] {
  const out: PyInstance[] = [];
  for (let i = 0; pl.attrs.get(String(i)) instanceof PyInstance; i++) out.push(pl.attrs.get(String(i)) as PyInstance);
  return out;
}

/**
 * The parametrized value, as torch computes it by calling the ParametrizationList (a module: inside a model's forward
 * it is a row of the layer table, as PyTorch's hooks see it; outside any forward it is run directly, never a model).
 */
function evaluate(c: TorchCtx, pl: PyInstance): Value {
  return c.ip.recorder.moduleStack.length > 0 ? callValue(c.ip, pl, [], undefined, c.ip.site) : runList(c, pl);
}

/** ParametrizationList.forward: the first parametrization takes the original(s), each next one the previous result. */
function runList(c: TorchCtx, pl: PyInstance): Value {
  const originals: Value[] = [];
  if (pl.attrs.has('original')) originals.push(pl.attrs.get('original')!);
  else for (let i = 0; pl.attrs.has(`original${i}`); i++) originals.push(pl.attrs.get(`original${i}`)!);
  // Outside any module's forward (a weight read at top level, a registration) the parametrizations' forwards run
  // directly: a module called with an empty module stack would count as a model the file runs (its params the total).
  const inForward = c.ip.recorder.moduleStack.length > 0;
  let x: Value = null;
  children(pl).forEach((m, i) => {
    const fn = inForward ? m : lookupAttr(c.ip, m, 'forward');
    x = fn ? callValue(c.ip, fn, i === 0 ? originals : [x], undefined, c.ip.site) : new Unknown('parametrization');
  });
  return x;
}

/** The parametrized tensor; inside `parametrize.cached()` computed once per block (torch's `_cache`). */
function cachedValue(c: TorchCtx, pl: PyInstance): Value {
  const cache = c.parametrizeCache;
  if (!cache) return evaluate(c, pl);
  let v = cache.get(pl);
  if (v === undefined) cache.set(pl, (v = evaluate(c, pl)));
  return v;
}

/** parametrize.cached(): a context manager (and, as contextlib's, a decorator); the cache empties when the outermost exits. */
export function cachedContextClass(c: TorchCtx, object: PyClass): PyClass {
  const enter = () => {
    c.parametrizeDepth++;
    c.parametrizeCache ??= new Map();
    return null;
  };
  const exit = () => {
    if (--c.parametrizeDepth <= 0) {
      c.parametrizeDepth = 0;
      c.parametrizeCache = undefined;
    }
    return false;
  };
  const cls = new PyClass('_cached', [object], new Map());
  cls.dict.set('__enter__', new NativeFunction('__enter__', enter));
  cls.dict.set('__exit__', new NativeFunction('__exit__', exit));
  const decorate = (f: Value) =>
    new NativeFunction('cached_wrapper', (args, kw) => {
      enter();
      try {
        return callValue(c.ip, f, args, kw, c.ip.site);
      } finally {
        exit();
      }
    });
  cls.dict.set('__call__', new NativeFunction('__call__', ([, f]) => (f === undefined ? null : decorate(f))));
  return cls;
}

function rightInverse(c: TorchCtx, inverse: Value, original: Tensor): Value {
  try {
    return callValue(c.ip, inverse, [original], undefined, c.ip.site);
  } catch (e) {
    if (e instanceof PyException && e.type === 'NotImplementedError') return original;
    throw e;
  }
}

export class Parametrize {
  private readonly listCls: PyClass;
  readonly snCls: PyClass;
  constructor(
    private readonly c: TorchCtx,
    private readonly kit: LayerKit,
  ) {
    this.listCls = new PyClass('ParametrizationList', [kit.containers.ModuleList], new Map());
    this.listCls.dict.set(
      'forward',
      new NativeFunction('forward', ([self]) =>
        self instanceof PyInstance ? runList(c, self) : new Unknown('forward'),
      ),
    );
    this.snCls = this.snClass();
  }

  register(module: Value, name: Value, p: Value, unsafe: boolean): Value {
    const c = this.c;
    if (!(module instanceof PyInstance) || typeof name !== 'string' || !(p instanceof PyInstance))
      return new Unknown('register_parametrization');
    const dict = module.attrs.get('parametrizations');
    const existing = dict instanceof PyInstance ? dict.attrs.get(name) : undefined;
    if (existing instanceof PyInstance) {
      existing.attrs.set(String(children(existing).length), p);
      if (!unsafe) evaluate(c, existing);
      return module;
    }
    const original = module.attrs.get(name);
    if (!(original instanceof Tensor))
      throw new PyException('ValueError', `Module '${module.cls.name}' parametrization on '${name}' is not a tensor`);
    const pl = new PyInstance(this.listCls);
    pl.attrs.set('training', false);
    pl.attrs.set('0', p);
    const inverse = lookupAttr(c.ip, p, 'right_inverse');
    // torch treats a right_inverse that raises NotImplementedError as the identity.
    const inv = inverse ? withoutGrad(c, () => rightInverse(c, inverse, original)) : original;
    // A new Parameter (buffer) of t's shape, as ParametrizationList makes for each original.
    const newOriginal = (t: Tensor): Tensor => {
      const o = new Tensor(t.shape, t.dtype, original.role);
      o.line = original.line;
      c.ip.recorder.tensors.push(o);
      return o;
    };
    if (inv instanceof Tensor)
      pl.attrs.set('original', inv === original || sameShape(inv, original) ? original : newOriginal(inv));
    else {
      const items = iterate(c.ip, inv);
      if (!items?.every((t) => t instanceof Tensor)) return new Unknown('register_parametrization');
      // Each item becomes a new Parameter (weight_norm's v is the weight itself): the weight leaves the counts.
      const at = c.ip.recorder.tensors.indexOf(original);
      if (at >= 0) c.ip.recorder.tensors.splice(at, 1);
      items.forEach((t, i) => pl.attrs.set(`original${i}`, newOriginal(t as Tensor)));
    }
    module.attrs.delete(name);
    let pdict = dict;
    if (!(pdict instanceof PyInstance)) {
      pdict = callValue(c.ip, this.kit.containers.ModuleDict, [], undefined, c.ip.site);
      module.attrs.set('parametrizations', pdict);
    }
    (pdict as PyInstance).attrs.set(name, pl);
    this.parametrizedClass(module).dict.set(name, new Property(new NativeFunction(name, () => cachedValue(c, pl))));
    if (!unsafe) evaluate(c, pl);
    return module;
  }

  /**
   * parametrize.remove_parametrizations(module, name, leave_parametrized=True): `name` becomes a tensor again, the
   * current value (computed once) or the original; the class goes back when nothing else is parametrized.
   */
  remove(module: Value, name: Value, leave: boolean): Value {
    const c = this.c;
    if (!(module instanceof PyInstance) || typeof name !== 'string') return new Unknown('remove_parametrizations');
    const dict = module.attrs.get('parametrizations');
    const pl = dict instanceof PyInstance ? dict.attrs.get(name) : undefined;
    if (!(dict instanceof PyInstance) || !(pl instanceof PyInstance))
      throw new PyException('ValueError', `Module ${module.cls.name} does not have a parametrization on ${name}`);
    const tensors = c.ip.recorder.tensors;
    let restored: Value;
    if (pl.attrs.has('original')) {
      const original = pl.attrs.get('original')!;
      restored = original;
      // original.set_(t) under no_grad: the same parameter, holding the current value (its shape).
      const t = leave ? withoutGrad(c, () => evaluate(c, pl)) : original;
      if (original instanceof Tensor && t instanceof Tensor && t.shape && !sameShape(t, original)) {
        restored = new Tensor(t.shape, original.dtype, original.role);
        restored.line = original.line;
        tensors.splice(tensors.indexOf(original), 1, restored);
      }
    } else {
      if (!leave)
        throw new PyException(
          'ValueError',
          'Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is parametrized in terms of a sequence of tensors.',
        );
      const t = evaluate(c, pl);
      for (let i = 0; pl.attrs.has(`original${i}`); i++) {
        const at = tensors.indexOf(pl.attrs.get(`original${i}`) as Tensor);
        if (at >= 0) tensors.splice(at, 1);
      }
      // Parameter(t) when t requires grad, else t itself.
      restored = t;
      if (t instanceof Tensor && t.requiresGrad) {
        const p = new Tensor(t.shape, t.dtype, 'param');
        p.line = c.ip.docLine();
        tensors.push(p);
        restored = p;
      }
    }
    module.cls.dict.delete(name);
    dict.attrs.delete(name);
    module.attrs.set(name, restored);
    if (![...dict.attrs.values()].some((v) => v instanceof PyInstance && v.cls === this.listCls)) {
      module.attrs.delete('parametrizations');
      (module as { cls: PyClass }).cls = module.cls.bases[0];
    }
    return module;
  }

  /** torch swaps the module's class for a subclass of its own (`ParametrizedLinear`) that holds the properties. */
  private parametrizedClass(module: PyInstance): PyClass {
    if (module.cls.name.startsWith('Parametrized') && module.cls.dict.has('__parametrized__')) return module.cls;
    const sub = new PyClass(`Parametrized${module.cls.name}`, [module.cls], new Map([['__parametrized__', true]]));
    (module as { cls: PyClass }).cls = sub;
    return sub;
  }

  /** parametrizations.spectral_norm: _SpectralNorm with buffers _u, _v (15 power iterations at construction). */
  spectralNorm(args: Value[], kw: Map<string, Value> | undefined): Value {
    const c = this.c;
    const a = bind('spectral_norm', "module, name='weight', n_power_iterations=1, eps=1e-12, dim=None", args, kw);
    const m = a.module;
    const w = m instanceof PyInstance && typeof a.name === 'string' ? m.attrs.get(a.name) : undefined;
    if (!(m instanceof PyInstance) || !(w instanceof Tensor) || !w.shape) return new Unknown('spectral_norm');
    const rank = w.shape.length;
    const dim =
      typeof a.dim === 'number' ? (a.dim + rank) % rank : m.cls.name.startsWith('ConvTranspose') && rank > 1 ? 1 : 0;
    const sn = new PyInstance(this.snCls);
    sn.attrs.set('training', false);
    sn.attrs.set('dim', dim);
    if (rank > 1) {
      const h = w.shape[dim];
      const width = dimProd(w.shape.filter((_, i) => i !== dim));
      const mk = this.kit.maker();
      sn.attrs.set('_u', mk.buffer([h], w.dtype));
      sn.attrs.set('_v', mk.buffer([width], w.dtype));
      // __init__ runs 15 power iterations without grad: W^T u and W v each time.
      withoutGrad(c, () => {
        const mat = this.matrix(w, dim);
        for (let i = 0; i < 15; i++) {
          op(c, 'mv', op(c, 't', mat), sn.attrs.get('_u')!);
          op(c, 'mv', mat, sn.attrs.get('_v')!);
        }
      });
    }
    return this.register(m, a.name, sn, false);
  }

  private matrix(w: Tensor, dim: number): Value {
    const c = this.c;
    const rest = w.shape!.map((_, i) => i).filter((i) => i !== dim);
    const perm = dim === 0 ? w : op(c, 'permute', w, ...[dim, ...rest]);
    return op(c, 'reshape', perm, w.shape![dim], -1);
  }

  private snClass(): PyClass {
    const cls = new PyClass('_SpectralNorm', [this.kit.module], new Map());
    cls.dict.set(
      'forward',
      new NativeFunction('forward', ([self, weight]) => {
        const c = this.c;
        const w = weight instanceof Tensor ? weight : undefined;
        if (!(self instanceof PyInstance) || !w?.shape) return new Unknown('spectral_norm');
        if (w.shape.length === 1) return op(c, 'div', w, op(c, 'norm', w));
        // Eval mode (as flopscope analyzes): no power iteration; sigma = u · (W v), weight / sigma.
        const mat = this.matrix(w, self.attrs.get('dim') as number);
        const sigma = op(c, 'vdot', self.attrs.get('_u')!, op(c, 'mv', mat, self.attrs.get('_v')!));
        return op(c, 'div', w, sigma);
      }),
    );
    return cls;
  }
}
