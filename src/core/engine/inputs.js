// Input tensors from `1,3,224,224` / `B,3,224,224` shape strings and jaxtyping hints (`Float[Tensor, "B C H W"]`).
import { shapeDims } from '../api/shape';
import { SymInt } from '../sym/dim';
import { Poly } from '../sym/poly';
import { parseDtype, float32, int64, boolType } from '../torch/dtypes';
import { Tensor } from '../model/tensor';
export function makeInput(shape, dtypeName) {
    const given = shapeDims(shape);
    if ('message' in given)
        return given;
    const dims = given.map((d) => (typeof d === 'number' ? d : new SymInt(Poly.sym(d))));
    let dtype = float32;
    if (dtypeName) {
        const d = parseDtype(dtypeName);
        if (!d)
            return { message: `unknown dtype '${dtypeName}' (try float32, float16, bfloat16, int64)` };
        dtype = d;
    }
    return new Tensor(dims, dtype);
}
/** A jaxtyping annotation on a forward parameter, read from the IR (not evaluated). */
export function jaxtypingInput(p) {
    const ann = p.ann;
    if (!ann || ann.k !== 'index' || ann.obj.k !== 'name')
        return undefined;
    const kind = ann.obj.id;
    const idx = ann.index;
    if (idx.k !== 'seq' || idx.items.length < 2)
        return undefined;
    const dimsExpr = idx.items[1];
    if (dimsExpr.k !== 'str')
        return undefined;
    const dims = [];
    for (const tok of dimsExpr.v.trim().split(/\s+/).filter(Boolean)) {
        const name = tok.replace(/^[*#_]+/, '');
        if (/^\d+$/.test(name))
            dims.push(Number(name));
        else if (/^[A-Za-z]\w*$/.test(name))
            dims.push(new SymInt(Poly.sym(name)));
        else
            return undefined;
    }
    const dtype = /^(Int|Integer|Int64|Long)/.test(kind)
        ? int64
        : kind === 'Bool'
            ? boolType
            : (parseDtype(kind.replace(/^Float(\d+)$/, 'float$1')) ?? float32);
    return new Tensor(dims, dtype);
}
