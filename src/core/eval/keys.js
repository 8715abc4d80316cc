// Hash keys for dict and set entries: by value for immutable Python values, by identity otherwise.
import { identity, PyFloat, PyTuple, SymInt } from './values';
export function hashKey(v) {
    if (v === null)
        return 'N';
    switch (typeof v) {
        case 'boolean':
            return v ? 'i1' : 'i0';
        case 'number':
            return 'i' + v;
        case 'string':
            return 's' + v;
    }
    if (v instanceof PyFloat)
        return Number.isInteger(v.v) ? 'i' + v.v : 'f' + v.v;
    if (v instanceof SymInt)
        return 'y' + v.p.toString();
    if (v instanceof PyTuple)
        return 't(' + v.items.map(hashKey).join(',') + ')';
    return 'o' + identity(v);
}
