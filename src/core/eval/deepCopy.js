import { PyDict, PyInstance, PyList, PySet, PyTuple } from './values';
import { Tensor } from '../model/tensor';
/** A deep copy as Python makes it: instances and containers are new, parameters and buffers get fresh storage. */
export function deepCopy(ip, v, memo = new Map()) {
    if (v === null || typeof v !== 'object')
        return v;
    const seen = memo.get(v);
    if (seen !== undefined)
        return seen;
    if (v instanceof Tensor) {
        if (v.role === 'activation')
            return v;
        const t = new Tensor(v.shape, v.dtype, v.role);
        t.line = v.line;
        t.data = v.data;
        ip.recorder.tensors.push(t);
        memo.set(v, t);
        return t;
    }
    if (v instanceof PyList) {
        const out = new PyList([]);
        memo.set(v, out);
        out.items = v.items.map((x) => deepCopy(ip, x, memo));
        return out;
    }
    if (v instanceof PyTuple) {
        const out = new PyTuple(v.items.map((x) => deepCopy(ip, x, memo)));
        memo.set(v, out);
        return out;
    }
    if (v instanceof PyDict) {
        const out = new PyDict();
        memo.set(v, out);
        for (const [h, [k, x]] of v.map)
            out.map.set(h, [k, deepCopy(ip, x, memo)]);
        return out;
    }
    if (v instanceof PySet)
        return v;
    if (v instanceof PyInstance) {
        const out = new PyInstance(v.cls);
        memo.set(v, out);
        out.native = v.native;
        out.createdLine = v.createdLine;
        for (const [k, x] of v.attrs)
            out.attrs.set(k, deepCopy(ip, x, memo));
        return out;
    }
    return v; // classes, functions, modules, dtypes, Unknown: shared, as deepcopy shares them
}
/** copy.copy: a new instance or container holding the same values. */
export function shallowCopy(v) {
    if (v instanceof PyList)
        return new PyList([...v.items]);
    if (v instanceof PyDict) {
        const out = new PyDict();
        for (const [h, e] of v.map)
            out.map.set(h, [...e]);
        return out;
    }
    if (v instanceof PyInstance) {
        const out = new PyInstance(v.cls);
        out.native = v.native;
        for (const [k, x] of v.attrs)
            out.attrs.set(k, x);
        return out;
    }
    return v;
}
