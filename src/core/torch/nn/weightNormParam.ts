// torch.nn.utils.parametrizations.weight_norm (torch ≥ 2.1; not in the 1.13 oracle): _WeightNorm registered unsafely,
// `parametrizations.<name>.original0` = g (‖w‖ over every dim but `dim`), `original1` = v; each access runs v·(g/‖v‖).
import type { TorchCtx } from '../context';
import type { LayerKit } from './layerKit';
import type { Parametrize } from './parametrize';
import { NativeFunction, PyClass, PyInstance, PyTuple, Unknown, type Value } from '../../eval/values';
import { Tensor } from '../../model/tensor';
import { bind } from '../signature';
import { ops } from '../registry';

const op = (c: TorchCtx, name: string, ...args: Value[]): Value => ops.get(name)!.fn(c, args, undefined);

/** torch.norm_except_dim(v, 2, dim): the 2-norm over every dim but `dim` (kept, size 1 elsewhere); dim -1: all of v. */
function normExceptDim(c: TorchCtx, v: Tensor, dim: number): Value {
  const rank = v.shape!.length;
  if (dim === -1) return op(c, 'norm', v);
  const d = (dim + rank) % rank;
  const others = v.shape!.map((_, i) => i).filter((i) => i !== d);
  return op(c, 'norm', v, 2, new PyTuple(others), true);
}

export class WeightNormParametrization {
  readonly cls: PyClass;
  constructor(
    c: TorchCtx,
    kit: LayerKit,
    private readonly parametrize: Parametrize,
  ) {
    this.cls = new PyClass('_WeightNorm', [kit.module], new Map());
    this.cls.dict.set(
      'forward',
      new NativeFunction('forward', ([self, g, v]) => {
        if (!(self instanceof PyInstance) || !(v instanceof Tensor) || !v.shape || !(g instanceof Tensor))
          return new Unknown('weight_norm');
        // torch._weight_norm(v, g, dim) = v * (g / norm_except_dim(v, 2, dim)).
        return op(c, 'mul', v, op(c, 'div', g, normExceptDim(c, v, self.attrs.get('dim') as number)));
      }),
    );
    this.cls.dict.set(
      'right_inverse',
      new NativeFunction('right_inverse', ([self, w]) => {
        if (!(self instanceof PyInstance) || !(w instanceof Tensor) || !w.shape) return new Unknown('weight_norm');
        return new PyTuple([normExceptDim(c, w, self.attrs.get('dim') as number), w]);
      }),
    );
  }

  /** weight_norm(module, name='weight', dim=0): dim None is -1 (the whole tensor), as torch sets it. */
  apply(args: Value[], kw: Map<string, Value> | undefined): Value {
    const a = bind('weight_norm', "module, name='weight', dim=0", args, kw);
    if (!(a.module instanceof PyInstance) || typeof a.name !== 'string') return new Unknown('weight_norm');
    const w = a.module.attrs.get(a.name);
    const dim = a.dim === null ? -1 : a.dim;
    if (!(w instanceof Tensor) || !w.shape || typeof dim !== 'number') return new Unknown('weight_norm');
    const wn = new PyInstance(this.cls);
    wn.attrs.set('training', false);
    wn.attrs.set('dim', dim);
    return this.parametrize.register(a.module, a.name, wn, true);
  }
}
