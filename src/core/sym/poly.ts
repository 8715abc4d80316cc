// Exact polynomials over named symbols with bigint coefficients: symbolic dims and symbolic costs.

/** A monomial key: sorted symbol names joined by '*'; '' is the constant term. */
type Key = string;

export class Poly {
  private constructor(readonly terms: ReadonlyMap<Key, bigint>) {}

  static readonly zero = new Poly(new Map());
  static const(c: bigint | number): Poly {
    const v = typeof c === 'bigint' ? c : BigInt(c);
    return v === 0n ? Poly.zero : new Poly(new Map([['', v]]));
  }
  static sym(name: string): Poly {
    return new Poly(new Map([[name, 1n]]));
  }

  isConst(): boolean {
    return this.terms.size === 0 || (this.terms.size === 1 && this.terms.has(''));
  }
  constValue(): bigint {
    return this.terms.get('') ?? 0n;
  }
  symbols(): string[] {
    const out = new Set<string>();
    for (const k of this.terms.keys()) if (k) for (const s of k.split('*')) out.add(s);
    return [...out];
  }

  add(o: Poly): Poly {
    if (o.terms.size === 0) return this;
    if (this.terms.size === 0) return o;
    const m = new Map(this.terms);
    for (const [k, c] of o.terms) {
      const v = (m.get(k) ?? 0n) + c;
      if (v === 0n) m.delete(k); else m.set(k, v);
    }
    return new Poly(m);
  }
  neg(): Poly {
    return this.scale(-1n);
  }
  sub(o: Poly): Poly {
    return this.add(o.neg());
  }
  scale(c: bigint): Poly {
    if (c === 0n) return Poly.zero;
    if (c === 1n) return this;
    const m = new Map<Key, bigint>();
    for (const [k, v] of this.terms) m.set(k, v * c);
    return new Poly(m);
  }
  mul(o: Poly): Poly {
    if (o.isConst()) return this.scale(o.constValue());
    if (this.isConst()) return o.scale(this.constValue());
    const m = new Map<Key, bigint>();
    for (const [ka, ca] of this.terms) {
      for (const [kb, cb] of o.terms) {
        const k = mulKey(ka, kb);
        const v = (m.get(k) ?? 0n) + ca * cb;
        if (v === 0n) m.delete(k); else m.set(k, v);
      }
    }
    return new Poly(m);
  }
  /** Exact division by a constant when every coefficient divides; otherwise undefined. */
  divExact(c: bigint): Poly | undefined {
    if (c === 0n) return undefined;
    const m = new Map<Key, bigint>();
    for (const [k, v] of this.terms) {
      if (v % c !== 0n) return undefined;
      m.set(k, v / c);
    }
    return new Poly(m);
  }
  /** Exact division by a monomial-times-constant poly (single term); otherwise undefined. */
  divByTerm(o: Poly): Poly | undefined {
    if (o.terms.size !== 1) return undefined;
    const [[kb, cb]] = [...o.terms];
    const m = new Map<Key, bigint>();
    for (const [ka, ca] of this.terms) {
      const k = divKey(ka, kb);
      if (k === undefined || ca % cb !== 0n) return undefined;
      m.set(k, ca / cb);
    }
    return new Poly(m);
  }
  equals(o: Poly): boolean {
    if (this.terms.size !== o.terms.size) return false;
    for (const [k, v] of this.terms) if (o.terms.get(k) !== v) return false;
    return true;
  }
  evaluate(value: (sym: string) => bigint): bigint {
    let total = 0n;
    for (const [k, c] of this.terms) {
      let t = c;
      if (k) for (const s of k.split('*')) t *= value(s);
      total += t;
    }
    return total;
  }
  toString(): string {
    if (this.terms.size === 0) return '0';
    const parts: string[] = [];
    const keys = [...this.terms.keys()].sort((a, b) => degree(b) - degree(a) || a.localeCompare(b));
    for (const k of keys) {
      const c = this.terms.get(k)!;
      const mono = k ? powers(k) : '';
      const abs = c < 0n ? -c : c;
      const body = !mono ? abs.toString() : abs === 1n ? mono : `${abs}·${mono}`;
      parts.push(parts.length === 0 ? (c < 0n ? '-' + body : body) : (c < 0n ? ' - ' : ' + ') + body);
    }
    return parts.join('');
  }
}

function mulKey(a: Key, b: Key): Key {
  if (!a) return b;
  if (!b) return a;
  return [...a.split('*'), ...b.split('*')].sort().join('*');
}
function divKey(a: Key, b: Key): Key | undefined {
  if (!b) return a;
  const rest = a ? a.split('*') : [];
  for (const s of b.split('*')) {
    const i = rest.indexOf(s);
    if (i < 0) return undefined;
    rest.splice(i, 1);
  }
  return rest.join('*');
}
function degree(k: Key): number {
  return k ? k.split('*').length : 0;
}
function powers(k: Key): string {
  const counts = new Map<string, number>();
  for (const s of k.split('*')) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => (n === 1 ? s : `${s}^${n}`)).join('·');
}
