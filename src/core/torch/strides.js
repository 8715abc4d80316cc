import { Tensor } from '../model/tensor';
/** Row-major strides of a contiguous tensor of concrete shape. */
export function contiguousStrides(shape) {
    const out = Array(shape.length);
    let s = 1;
    for (let i = shape.length - 1; i >= 0; i--) {
        out[i] = s;
        s *= Math.max(shape[i], 1);
    }
    return out;
}
function concrete(shape) {
    return shape && shape.every((d) => typeof d === 'number') ? shape : undefined;
}
/** Concrete strides of `t`, or undefined when its shape is symbolic or its layout unknown. */
export function stridesOf(t) {
    return t.strides && concrete(t.shape) ? t.strides : undefined;
}
/** Whether `t`'s known layout is row-major (PyTorch's is_contiguous: strides of size-1 dims do not matter). */
export function isContiguous(t) {
    const st = stridesOf(t);
    if (!st)
        return false;
    const want = contiguousStrides(t.shape);
    return st.every((s, i) => s === want[i] || t.shape[i] === 1);
}
/** Marks a freshly allocated tensor as contiguous (when its shape is concrete). */
export function fresh(t) {
    const shape = concrete(t.shape);
    if (shape)
        t.strides = contiguousStrides(shape);
    return t;
}
/** A view of `t` with the given shape and strides (undefined strides: layout unknown). */
export function strided(t, shape, strides) {
    const out = new Tensor(shape, t.dtype);
    if (strides && concrete(shape))
        out.strides = strides;
    return out;
}
/** PyTorch's computeStride (aten/src/ATen/TensorUtils.cpp): the strides of a view, or undefined when impossible. */
export function viewStrides(oldShape, oldStride, newShape) {
    if (oldShape.length === 0)
        return newShape.map(() => 1);
    const numel = oldShape.reduce((a, b) => a * b, 1);
    if (numel === 0)
        return contiguousStrides(newShape);
    const newStride = Array(newShape.length).fill(0);
    let viewD = newShape.length - 1;
    let chunkBase = oldStride[oldStride.length - 1];
    let tensorNumel = 1, viewNumel = 1;
    for (let d = oldShape.length - 1; d >= 0; d--) {
        tensorNumel *= oldShape[d];
        if (d === 0 || (oldShape[d - 1] !== 1 && oldStride[d - 1] !== tensorNumel * chunkBase)) {
            while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
                newStride[viewD] = viewNumel * chunkBase;
                viewNumel *= newShape[viewD];
                viewD--;
            }
            if (viewNumel !== tensorNumel)
                return undefined;
            if (d > 0) {
                chunkBase = oldStride[d - 1];
                tensorNumel = 1;
                viewNumel = 1;
            }
        }
    }
    return viewD === -1 ? newStride : undefined;
}
/** Strides after reordering dims (permute/transpose/t/movedim): `order[i]` is the source dim of output dim i. */
export function permuted(t, order) {
    const st = stridesOf(t);
    return strided(t, order.map((i) => t.shape[i]), st && order.map((i) => st[i]));
}
