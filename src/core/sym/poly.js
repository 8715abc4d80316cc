// Exact polynomials over named symbols with bigint coefficients: symbolic dims and symbolic costs.
// Constants (the common case) carry no map, so concrete shapes cost only bigint arithmetic.
import { maxCoefficient, maxPolyDegree, maxPolyTerms, ResourceLimit } from './limits';
export class Poly {
    k;
    terms;
    /** `terms` is undefined for a pure constant `k`; otherwise it holds every term, the constant one included. */
    constructor(k, terms) {
        this.k = k;
        this.terms = terms;
    }
    static zero = new Poly(0n);
    static const(c) {
        const v = typeof c === 'bigint' ? c : BigInt(c);
        return v === 0n ? Poly.zero : new Poly(v);
    }
    static sym(name) {
        return new Poly(0n, new Map([[name, 1n]]));
    }
    static of(m) {
        if (m.size === 0)
            return Poly.zero;
        if (m.size === 1 && m.has(''))
            return new Poly(m.get(''));
        return new Poly(0n, m);
    }
    entries() {
        return this.terms ?? (this.k === 0n ? new Map() : new Map([['', this.k]]));
    }
    isConst() {
        return this.terms === undefined;
    }
    constValue() {
        return this.terms ? (this.terms.get('') ?? 0n) : this.k;
    }
    symbols() {
        const out = new Set();
        for (const k of this.entries().keys())
            if (k)
                for (const s of k.split('*'))
                    out.add(s);
        return [...out];
    }
    add(o) {
        if (!this.terms && !o.terms)
            return this.k === 0n ? o : o.k === 0n ? this : new Poly(this.k + o.k);
        const m = new Map(this.entries());
        for (const [k, c] of o.entries()) {
            const v = (m.get(k) ?? 0n) + c;
            if (v === 0n)
                m.delete(k);
            else
                m.set(k, v);
        }
        return Poly.of(m);
    }
    neg() {
        return this.scale(-1n);
    }
    sub(o) {
        return this.add(o.neg());
    }
    scale(c) {
        if (c === 0n)
            return Poly.zero;
        if (c === 1n)
            return this;
        if (c > maxCoefficient || -c > maxCoefficient)
            throw new ResourceLimit('a symbolic expression with a coefficient past 2^1024');
        if (!this.terms)
            return new Poly(this.k * c);
        const m = new Map();
        for (const [k, v] of this.terms)
            m.set(k, v * c);
        return Poly.of(m);
    }
    mul(o) {
        if (!o.terms)
            return this.scale(o.k);
        if (!this.terms)
            return o.scale(this.k);
        if (this.terms.size * o.terms.size > maxPolyTerms * 4)
            throw new ResourceLimit(`a symbolic expression of ${this.terms.size * o.terms.size} terms (limit ${maxPolyTerms})`);
        const m = new Map();
        for (const [ka, ca] of this.terms) {
            for (const [kb, cb] of o.terms) {
                const k = mulKey(ka, kb);
                const v = (m.get(k) ?? 0n) + ca * cb;
                if (v === 0n)
                    m.delete(k);
                else
                    m.set(k, v);
                if (v > maxCoefficient || -v > maxCoefficient)
                    throw new ResourceLimit('a symbolic expression with a coefficient past 2^1024');
            }
        }
        if (m.size > maxPolyTerms)
            throw new ResourceLimit(`a symbolic expression of ${m.size} terms (limit ${maxPolyTerms})`);
        return Poly.of(m);
    }
    /** Exact division by a constant when every coefficient divides; otherwise undefined. */
    divExact(c) {
        if (c === 0n)
            return undefined;
        if (!this.terms)
            return this.k % c === 0n ? Poly.const(this.k / c) : undefined;
        const m = new Map();
        for (const [k, v] of this.terms) {
            if (v % c !== 0n)
                return undefined;
            m.set(k, v / c);
        }
        return Poly.of(m);
    }
    /** Exact division by a single-term poly (constant times monomial); otherwise undefined. */
    divByTerm(o) {
        const ot = o.entries();
        if (ot.size !== 1)
            return undefined;
        const [[kb, cb]] = [...ot];
        const m = new Map();
        for (const [ka, ca] of this.entries()) {
            const k = divKey(ka, kb);
            if (k === undefined || ca % cb !== 0n)
                return undefined;
            m.set(k, ca / cb);
        }
        return Poly.of(m);
    }
    equals(o) {
        if (!this.terms && !o.terms)
            return this.k === o.k;
        const a = this.entries(), b = o.entries();
        if (a.size !== b.size)
            return false;
        for (const [k, v] of a)
            if (b.get(k) !== v)
                return false;
        return true;
    }
    evaluate(value) {
        if (!this.terms)
            return this.k;
        let total = 0n;
        for (const [k, c] of this.terms) {
            let t = c;
            if (k)
                for (const s of k.split('*'))
                    t *= value(s);
            total += t;
        }
        return total;
    }
    toString() {
        if (!this.terms)
            return this.k.toString();
        const parts = [];
        const keys = [...this.terms.keys()].sort((a, b) => degree(b) - degree(a) || a.localeCompare(b));
        for (const k of keys) {
            const c = this.terms.get(k);
            const mono = k ? powers(k) : '';
            const abs = c < 0n ? -c : c;
            const body = !mono ? abs.toString() : abs === 1n ? mono : `${abs}·${mono}`;
            parts.push(parts.length === 0 ? (c < 0n ? '-' + body : body) : (c < 0n ? ' - ' : ' + ') + body);
        }
        return parts.join('');
    }
}
function mulKey(a, b) {
    if (!a)
        return b;
    if (!b)
        return a;
    const factors = [...a.split('*'), ...b.split('*')];
    if (factors.length > maxPolyDegree)
        throw new ResourceLimit(`a symbolic expression of degree ${factors.length} (limit ${maxPolyDegree})`);
    return factors.sort().join('*');
}
function divKey(a, b) {
    if (!b)
        return a;
    const rest = a ? a.split('*') : [];
    for (const s of b.split('*')) {
        const i = rest.indexOf(s);
        if (i < 0)
            return undefined;
        rest.splice(i, 1);
    }
    return rest.join('*');
}
function degree(k) {
    return k ? k.split('*').length : 0;
}
function powers(k) {
    const counts = new Map();
    for (const s of k.split('*'))
        counts.set(s, (counts.get(s) ?? 0) + 1);
    return [...counts].map(([s, n]) => (n === 1 ? s : `${s}^${n}`)).join('·');
}
