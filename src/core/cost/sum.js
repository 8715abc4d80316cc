import { termsPoly } from './terms';
/** Σ c·Π dims as a number when concrete and safe (the common case: no allocation), else as a polynomial. */
export function termsCost(ts) {
    let k = 0;
    for (const t of ts) {
        let x = t.c;
        for (const d of t.f) {
            if (typeof d !== 'number')
                return termsPoly(ts);
            x *= d;
            if (!Number.isSafeInteger(x))
                return termsPoly(ts);
        }
        k += x;
    }
    return Number.isSafeInteger(k) ? k : termsPoly(ts);
}
/** A sum that grows in place; `evaluate` gives the exact total at the user's dim values. */
export class CostSum {
    n = 0;
    big = 0n;
    sym;
    add(v) {
        if (typeof v === 'number') {
            const s = this.n + v;
            if (Number.isSafeInteger(s))
                this.n = s;
            else {
                this.big += BigInt(this.n) + BigInt(v);
                this.n = 0;
            }
        }
        else if (v.isConst())
            this.big += v.constValue();
        else
            this.sym = this.sym ? this.sym.add(v) : v;
    }
    /** The exact total, symbols valued by `value`. */
    evaluate(value) {
        if (this.big === 0n && !this.sym)
            return BigInt(this.n);
        const k = this.big + BigInt(this.n);
        return this.sym ? k + this.sym.evaluate(value) : k;
    }
}
