import { bind } from '../signature';
import { NativeFunction, PyClass, PyInstance, Unknown } from '../../eval/values';
import { Tensor } from '../tensor';
export class LayerKit {
    c;
    module;
    classes = {};
    containers;
    constructor(c, module) {
        this.c = c;
        this.module = module;
    }
    maker() {
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
    define(name, spec, init, forward, base = this.module) {
        const cls = new PyClass(name, [base], new Map());
        cls.dict.set('__init__', new NativeFunction('__init__', ([self, ...args], kw) => {
            if (!(self instanceof PyInstance))
                return null;
            self.attrs.set('training', false);
            init(self, bind(name, spec, args, kw), this.maker());
            return null;
        }));
        cls.dict.set('forward', new NativeFunction('forward', ([self, ...args], kw) => self instanceof PyInstance ? forward(self, args, kw) : new Unknown(name)));
        this.classes[name] = cls;
        return cls;
    }
    /** Copies config arguments onto the instance as attributes (in_features, kernel_size, ...). */
    static keep(self, a, names) {
        for (const n of names)
            if (a[n] !== undefined)
                self.attrs.set(n, a[n]);
    }
}
export function attr(self, name) {
    return self.attrs.get(name) ?? null;
}
