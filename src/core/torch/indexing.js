import { Tensor } from '../model/tensor';
import { sliceBounds } from '../eval/protocols';
import { dimFloorDiv, dimSub, dimAdd } from '../sym/dim';
import { ELLIPSIS, PyList, PySlice, PyTuple, SymInt, Unknown } from '../eval/values';
function sliceLength(d, s) {
    // A concrete dim sliced by symbolic bounds (`mask[:T, :T]` of a block_size buffer): the symbols are assumed in range.
    const symbolicBound = s.lo instanceof SymInt || s.hi instanceof SymInt;
    if (typeof d === 'number' && !symbolicBound) {
        const b = sliceBounds(s, d);
        if (!b)
            return undefined;
        const [lo, hi, step] = b;
        return step > 0 ? Math.max(0, Math.ceil((hi - lo) / step)) : Math.max(0, Math.ceil((lo - hi) / -step));
    }
    const step = s.step === null ? 1 : s.step;
    if (typeof step !== 'number' || step <= 0)
        return undefined;
    const lo = s.lo === null ? 0 : s.lo;
    const hi = s.hi === null ? d : s.hi;
    const norm = (v) => typeof v === 'number' ? (v < 0 ? dimAdd(d, v) : v) : v instanceof SymInt ? v : undefined;
    const l = norm(lo), h = norm(hi);
    if (l === undefined || h === undefined)
        return undefined;
    return dimFloorDiv(dimAdd(dimSub(h, l), step - 1), step);
}
export function indexTensor(c, t, key) {
    if (!t.shape)
        return new Tensor(undefined, t.dtype);
    const keys = key instanceof PyTuple ? key.items : [key];
    const consumed = keys.filter((k) => k !== null && k !== ELLIPSIS && !(k instanceof Tensor && k.dtype.name === 'bool')).length +
        keys
            .filter((k) => k instanceof Tensor && k.dtype.name === 'bool')
            .reduce((n, k) => n + (k.rank ?? 1), 0);
    if (consumed > t.shape.length)
        return c.error(`too many indices for tensor of dimension ${t.shape.length}`, new Tensor(undefined, t.dtype));
    const out = [];
    let gathered;
    let i = 0;
    for (const k of keys) {
        if (k === null) {
            out.push(1);
            continue;
        }
        if (k === ELLIPSIS) {
            const n = t.shape.length - consumed;
            for (let j = 0; j < n; j++)
                out.push(t.shape[i++]);
            continue;
        }
        const d = t.shape[i++];
        if (typeof k === 'number' || k instanceof SymInt || typeof k === 'boolean') {
            if (typeof k === 'number' && typeof d === 'number' && (k >= d || k < -d))
                return c.error(`index ${k} is out of bounds for dimension ${i - 1} with size ${d}`, new Tensor(undefined, t.dtype));
            continue;
        }
        if (k instanceof PySlice) {
            const n = sliceLength(d, k);
            if (n === undefined)
                return new Tensor(undefined, t.dtype);
            out.push(n);
            continue;
        }
        if (k instanceof Tensor) {
            if (k.dtype.name === 'bool') {
                i += (k.rank ?? 1) - 1;
                return new Tensor(undefined, t.dtype);
            } // data-dependent count
            if (!k.shape)
                return new Tensor(undefined, t.dtype);
            if (!gathered) {
                gathered = k.shape;
                out.push(...k.shape);
            }
            continue;
        }
        if (k instanceof PyList) {
            out.push(k.items.length);
            continue;
        }
        if (k instanceof Unknown)
            return new Tensor(undefined, t.dtype);
        return new Tensor(undefined, t.dtype);
    }
    while (i < t.shape.length)
        out.push(t.shape[i++]);
    return new Tensor(out, t.dtype);
}
