// TF.js dtypes as the shared model's Dtype (bytes per element, float or not), one object per name.
import { Dtype } from '../model/dtype';
const sizes = {
    float32: [4, true],
    float16: [2, true],
    bfloat16: [2, true],
    int32: [4, false],
    bool: [1, false],
    complex64: [8, true],
    string: [4, false],
};
const cache = new Map();
export function tfDtype(name) {
    let d = cache.get(name);
    if (!d) {
        const [bytes, isFloat] = sizes[name] ?? [4, true];
        d = new Dtype(name, bytes, isFloat);
        cache.set(name, d);
    }
    return d;
}
