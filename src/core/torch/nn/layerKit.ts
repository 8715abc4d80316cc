// A small kit for defining native nn layers: signature binding, parameter/buffer creation, forward.
import type { Dtype } from '../../model/dtype';
import type { TorchCtx } from '../context';
import { bind, type Bound } from '../signature';
import { NativeFunction, PyClass, PyInstance, Unknown, type Value } from '../../eval/values';
import { Tensor } from '../../model/tensor';
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
    return {
      param: (shape, dtype) => {
        const t = new Tensor(shape, dtype ?? c.defaultFloat, 'param');
        t.line = c.ip.docLine();
        c.ip.recorder.tensors.push(t);
        return t;
      },
      buffer: (shape, dtype) => {
        const t = new Tensor(shape, dtype ?? c.defaultFloat, 'buffer');
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
      new NativeFunction('forward', ([self, ...args], kw) =>
        self instanceof PyInstance ? forward(self, args, kw) : new Unknown(name),
      ),
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
  return self.attrs.get(name) ?? null;
}
