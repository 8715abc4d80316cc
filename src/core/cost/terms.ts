// Cost formulas as sums of products of dims (Σ c·Π dims): exact polynomials and readable strings.
import { dimPoly, dimStr, type Dim } from '../sym/dim';
import { Poly } from '../sym/poly';

export interface Term {
  readonly c: number;
  readonly f: readonly Dim[];
}

export function term(c: number, ...f: Dim[]): Term {
  return { c, f };
}

export function termsPoly(ts: readonly Term[]): Poly {
  let k = 0n;
  let concrete = true;
  for (const t of ts) {
    let x = BigInt(t.c);
    for (const d of t.f) { if (typeof d !== 'number') { concrete = false; break; } x *= BigInt(d); }
    if (!concrete) break;
    k += x;
  }
  if (concrete) return Poly.const(k);
  let p = Poly.zero;
  for (const t of ts) {
    let x = Poly.const(BigInt(t.c));
    for (const d of t.f) x = x.mul(dimPoly(d));
    p = p.add(x);
  }
  return p;
}

export function scaleTerms(ts: readonly Term[], k: number): Term[] {
  return ts.map((t) => ({ c: t.c * k, f: t.f }));
}

/** `2·32·784·256 + 32·256`, with dims rendered by `show` (symbolic names or their values). */
export function termsString(ts: readonly Term[], show: (d: Dim) => string = dimStr): string {
  if (ts.length === 0) return '0';
  return ts.map((t) => {
    const fs = t.f.map(show);
    if (t.c !== 1 || fs.length === 0) fs.unshift(String(t.c));
    return fs.join('·');
  }).join(' + ');
}
