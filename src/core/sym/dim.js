// Python ints that may be symbolic (a shape's dims): plain numbers when concrete, SymInt otherwise.
import { Poly } from './poly';
import { floorDivSymbol } from './derived';
export class SymInt {
    p;
    constructor(p) {
        this.p = p;
    }
    toString() {
        return this.p.toString();
    }
}
export function dimPoly(d) {
    return typeof d === 'number' ? Poly.const(BigInt(d)) : d.p;
}
/** Back to the cheapest form: a number when constant and safe. */
export function fromPoly(p) {
    if (p.isConst()) {
        const v = p.constValue();
        if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER))
            return Number(v);
    }
    return new SymInt(p);
}
export function dimAdd(a, b) {
    if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a + b))
        return a + b;
    return fromPoly(dimPoly(a).add(dimPoly(b)));
}
export function dimSub(a, b) {
    if (typeof a === 'number' && typeof b === 'number')
        return a - b;
    return fromPoly(dimPoly(a).sub(dimPoly(b)));
}
export function dimMul(a, b) {
    if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a * b))
        return a * b;
    return fromPoly(dimPoly(a).mul(dimPoly(b)));
}
export function dimEq(a, b) {
    if (typeof a === 'number' && typeof b === 'number')
        return a === b;
    return dimPoly(a).equals(dimPoly(b));
}
/** Python floor division; symbolic results become derived symbols unless exact. */
export function dimFloorDiv(a, b, ceil = false) {
    if (typeof a === 'number' && typeof b === 'number')
        return ceil ? Math.ceil(a / b) : Math.floor(a / b);
    const pa = dimPoly(a);
    const pb = dimPoly(b);
    const exact = pb.isConst() ? pa.divExact(pb.constValue()) : pa.divByTerm(pb);
    if (exact)
        return fromPoly(exact);
    if (pb.isConst())
        return fromPoly(floorDivSymbol(pa, pb.constValue(), ceil));
    return fromPoly(floorDivSymbol(pa.mul(Poly.const(1n)), 1n, ceil)); // not expressible: keep numerator as is
}
export function dimProd(dims) {
    let p = 1;
    for (const d of dims)
        p = dimMul(p, d);
    return p;
}
export function dimStr(d) {
    if (typeof d === 'number')
        return String(d);
    const s = d.p.toString();
    return /^[\w⌊⌈]+$/.test(s) || s.startsWith('⌊') ? s : `(${s})`;
}
export function shapeStr(shape) {
    return '[' + shape.map(dimStr).join(', ') + ']';
}
