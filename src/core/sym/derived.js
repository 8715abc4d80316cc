// Symbols defined by a non-polynomial expression of other symbols (floor division, ceil), with their evaluation.
import { Poly } from './poly';
/** Derived symbols are named by their definition, so one global table stays consistent. */
const table = new Map();
export function floorDivSymbol(num, den, ceil = false) {
    const name = ceil ? `⌈(${num})/${den}⌉` : `⌊(${num})/${den}⌋`;
    if (!table.has(name))
        table.set(name, { num, den, ceil });
    return Poly.sym(name);
}
/** Evaluates a symbol: user value for plain symbols (default 1), recursively for derived ones. */
export function symbolValue(name, dims) {
    const d = table.get(name);
    if (!d)
        return BigInt(dims[name] ?? 1);
    const n = d.num.evaluate((s) => symbolValue(s, dims));
    const q = n / d.den;
    const r = n % d.den;
    if (r === 0n)
        return q;
    if (d.ceil)
        return n > 0n ? q + 1n : q;
    return n < 0n ? q - 1n : q;
}
