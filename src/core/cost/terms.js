// Cost formulas as sums of products of dims (Σ c·Π dims): exact polynomials and readable strings.
import { dimPoly, dimStr } from '../sym/dim';
import { Poly } from '../sym/poly';
export function term(c, ...f) {
    return { c, f };
}
export function termsPoly(ts) {
    let k = 0n;
    let concrete = true;
    for (const t of ts) {
        let x = BigInt(t.c);
        for (const d of t.f) {
            if (typeof d !== 'number') {
                concrete = false;
                break;
            }
            x *= BigInt(d);
        }
        if (!concrete)
            break;
        k += x;
    }
    if (concrete)
        return Poly.const(k);
    let p = Poly.zero;
    for (const t of ts) {
        let x = Poly.const(BigInt(t.c));
        for (const d of t.f)
            x = x.mul(dimPoly(d));
        p = p.add(x);
    }
    return p;
}
export function scaleTerms(ts, k) {
    return ts.map((t) => ({ c: t.c * k, f: t.f }));
}
/** `scale`·`first` followed by `rest` as one formula, e.g. `2·32·784·256 + 32·256`, dims rendered by `show`. */
export function formulaString(first, scale, rest, show = dimStr) {
    let out = '';
    const put = (t, c) => {
        if (out)
            out += ' + ';
        let body = c !== 1 || t.f.length === 0 ? String(c) : '';
        for (const d of t.f)
            body += (body ? '·' : '') + show(d);
        out += body;
    };
    for (const t of first)
        put(t, t.c * scale);
    for (const t of rest)
        put(t, t.c);
    return out || '0';
}
/** True when no term holds a symbol. */
export function termsConcrete(ts) {
    for (const t of ts)
        for (const d of t.f)
            if (typeof d !== 'number')
                return false;
    return true;
}
