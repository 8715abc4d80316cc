import { term } from '../cost/terms';
import { dimEq, dimProd } from '../sym/dim';
import { stridesOf, viewStrides } from './strides';
/** Backward MACs: the forward's MACs once per operand that requires grad (input gradient, weight gradient). */
export function backwardMacs(macs, operands) {
    const k = operands.filter((t) => t?.requiresGrad).length;
    return k === 0 ? [] : macs.map((t) => ({ c: t.c * k, f: t.f }));
}
/**
 * What autograd keeps of `t` when it reshapes it to `shape` first (linear's and matmul's folding): `t`'s own storage
 * when the reshape is a view (or the layout is unknown: taken as one), else a copy of `shape`.
 */
export function foldedSave(t, shape, into) {
    const st = stridesOf(t);
    if (shape && t.shape) {
        const copy = !dimEq(dimProd(shape), dimProd(t.shape)) ||
            (st && shape.every((d) => typeof d === 'number') && !viewStrides(t.shape, st, shape));
        if (copy) {
            into.saved.push(term(t.dtype.bytes, ...shape));
            return;
        }
    }
    into.savedTensors.push(t);
}
/** A two-operand product a·b: a is kept when b requires grad, b when a does (folded as `aShape`/`bShape`). */
export function productSaves(a, b, macs, aShape, bShape) {
    const g = { savedTensors: [], saved: [], bwdMacs: backwardMacs(macs, [a, b]) };
    if (b.requiresGrad)
        foldedSave(a, aShape ?? a.shape, g);
    if (a.requiresGrad)
        foldedSave(b, bShape ?? b.shape, g);
    return g;
}
