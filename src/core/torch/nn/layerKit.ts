// A small kit for defining native nn layers: signature binding, parameter/buffer creation, forward.
import type { Dtype } from '../../model/dtype';
import type { TorchCtx } from '../context';
import { bind, type Bound } from '../signature';
import { NativeFunction, PyClass, PyInstance, Property, Unknown, type Value } from '../../eval/values';
import { Tensor } from '../../model/tensor';
import { guardUnknown } from '../unknownInputs';
import type { Dim } from '../../sym/dim';

export interface Maker {
  param(shape: Dim[] | undefined, dtype?: Dtype): Tensor;
  buffer(shape: Dim[] | undefined, dtype?: Dtype): Tensor;
}

export type InitFn = (self: PyInstance, a: Bound & { rest?: Value[] }, mk: Maker) => void;
export type ForwardFn = (self: PyInstance, args: Value[], kw: Map<string, Value> | undefined) => Value;

export class LayerKit {
  readonly classes: Record<string, PyClass> = {};
  containers!: Record<string, PyClass>;
  constructor(
    readonly c: TorchCtx,
    readonly module: PyClass,
  ) {}

  maker(): Maker {
    const c = this.c;
    // PyTorch raises on the first parameter with a negative size: the layer's later ones are never created.
    let raised = false;
    const checked = (shape: Dim[] | undefined, role: 'parameter' | 'buffer') => {
      // A size the engine does not know (nn.Linear(len(unknown), 2)): the weight counts nothing, so it is a gap.
      if (shape === undefined) c.unknownShape(role);
      const s = c.creationShape(shape, !raised);
      if (s !== shape) raised = true;
      return s;
    };
    return {
      param: (shape, dtype) => {
        const t = new Tensor(checked(shape, 'parameter'), dtype ?? c.defaultFloat, 'param');
        t.line = c.ip.docLine();
        c.ip.recorder.tensors.push(t);
        return t;
      },
      buffer: (shape, dtype) => {
        const t = new Tensor(checked(shape, 'buffer'), dtype ?? c.defaultFloat, 'buffer');
        t.line = c.ip.docLine();
        c.ip.recorder.tensors.push(t);
        return t;
      },
    };
  }

  define(name: string, spec: string, init: InitFn, forward: ForwardFn, base: PyClass = this.module): PyClass {
    const cls = new PyClass(name, [base], new Map());
    cls.dict.set(
      '__init__',
      new NativeFunction('__init__', ([self, ...args], kw) => {
        if (!(self instanceof PyInstance)) return null;
        self.attrs.set('training', false);
        init(self, bind(name, spec, args, kw), this.maker());
        return null;
      }),
    );
    cls.dict.set(
      'forward',
      new NativeFunction('forward', ([self, ...args], kw) => {
        if (!(self instanceof PyInstance)) return new Unknown(name);
        // The layer's tensor inputs and its own parameters and buffers decide whether autograd records its ops.
        const ins: Tensor[] = [];
        for (const v of args) if (v instanceof Tensor) ins.push(v);
        if (kw) for (const v of kw.values()) if (v instanceof Tensor) ins.push(v);
        for (const v of self.attrs.values()) if (v instanceof Tensor) ins.push(v);
        this.c.opInputs.push(ins);
        try {
          return guardUnknown(this.c, `nn.${name}`, args, kw, () => forward(self, args, kw));
        } finally {
          this.c.opInputs.pop();
        }
      }),
    );
    this.classes[name] = cls;
    return cls;
  }

  /** Copies config arguments onto the instance as attributes (in_features, kernel_size, ...). */
  static keep(self: PyInstance, a: Bound, names: string[]): void {
    for (const n of names) if (a[n] !== undefined) self.attrs.set(n, a[n]);
  }
}

export function attr(self: PyInstance, name: string): Value {
  const v = self.attrs.get(name);
  if (v !== undefined) return v;
  // A parametrized tensor (nn.utils.parametrize) is a native property of the module's class, computed on each access.
  const p = self.cls.lookup(name);
  return p instanceof Property && p.fget instanceof NativeFunction
    ? p.fget.impl([self], undefined, { file: '', s: 0 })
    : null;
}
