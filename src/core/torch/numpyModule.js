import { ops } from './registry';
import { dtypes } from './dtypes';
import { NativeFunction, PyFloat, PyModule } from '../eval/values';
/** numpy name -> torch op; numpy's default float is float64. */
const aliases = {
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
    floor: 'floor',
    ceil: 'ceil',
    cumsum: 'cumsum',
};
export function registerNumpy(natives, c) {
    natives.set('numpy', () => {
        const m = new PyModule('numpy');
        const f64 = dtypes.get('float64');
        for (const [name, op] of Object.entries(aliases)) {
            const d = ops.get(op);
            if (!d)
                continue;
            m.attrs.set(name, new NativeFunction(name, (args, kw) => {
                const saved = c.defaultFloat;
                c.defaultFloat = f64;
                try {
                    return d.fn(c, args, kw);
                }
                finally {
                    c.defaultFloat = saved;
                }
            }));
        }
        for (const n of ['float32', 'float64', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool']) {
            const d = dtypes.get(n);
            if (d)
                m.attrs.set(n, d);
        }
        m.attrs.set('pi', new PyFloat(Math.PI));
        m.attrs.set('newaxis', null);
        m.attrs.set('e', new PyFloat(Math.E));
        m.attrs.set('inf', new PyFloat(Infinity));
        return m;
    });
}
