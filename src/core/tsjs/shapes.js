// TF.js shapes: nulls become symbols (batch `B`, unknown sequence length `T`), and shapes print the way TF.js prints them.
import { SymInt, dimProd } from '../sym/dim';
import { Poly } from '../sym/poly';
const symbols = new Map();
export function sym(name) {
    let s = symbols.get(name);
    if (!s)
        symbols.set(name, (s = new SymInt(Poly.sym(name))));
    return s;
}
/** A batch shape with nulls to dims: axis 0 null is `B`, axis 1 null is `T`, later nulls `D<i>`. */
export function fromNullable(shape) {
    return shape.map((d, i) => (d !== null ? d : sym(i === 0 ? 'B' : i === 1 ? 'T' : `D${i}`)));
}
/** TF.js message style: `[null,28,28,1]` (symbols print as null). */
export function tfShape(shape) {
    return '[' + shape.map((d) => (typeof d === 'number' ? String(d) : 'null')).join(',') + ']';
}
/** TF.js's own array-to-string style in some messages: `,20` for [null, 20]. */
export function tfShapeRaw(shape) {
    return shape.map((d) => (typeof d === 'number' ? String(d) : '')).join(',');
}
export function numel(shape) {
    return dimProd([...shape]);
}
/** TF.js convOutputLength: `same` keeps the length; `valid` (and `causal`, which TF.js shapes like `valid`) drops the dilated kernel span. */
export function convLength(L, k, pad, s, d = 1) {
    if (typeof L !== 'number')
        return L;
    const dk = k + (k - 1) * (d - 1);
    const len = pad === 'same' ? L : L - dk + 1;
    return Math.floor((len + s - 1) / s);
}
/** Keras deconvLength (transposed conv) without output padding. */
export function deconvLength(L, k, pad, s) {
    if (typeof L !== 'number')
        return L;
    return pad === 'valid' ? L * s + Math.max(k - s, 0) : L * s;
}
