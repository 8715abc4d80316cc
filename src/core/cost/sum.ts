// Running cost totals summed in place: safe-integer numbers while concrete, exact bigint past 2^53, polynomials when symbolic.
import type { Poly } from '../sym/poly';
import type { Term } from './terms';
import { termsPoly } from './terms';

/** One op's cost: a safe integer when every dim is concrete and the value fits, else an exact polynomial. */
export type CostValue = number | Poly;

/** Σ c·Π dims as a number when concrete and safe (the common case: no allocation), else as a polynomial. */
export function termsCost(ts: readonly Term[]): CostValue {
  let k = 0;
  for (const t of ts) {
    let x = t.c;
    for (const d of t.f) {
      if (typeof d !== 'number') return termsPoly(ts);
      x *= d;
      if (!Number.isSafeInteger(x)) return termsPoly(ts);
    }
    k += x;
  }
  return Number.isSafeInteger(k) ? k : termsPoly(ts);
}

/** A sum that grows in place; `evaluate` gives the exact total at the user's dim values. */
export class CostSum {
  private n = 0;
  private big = 0n;
  private sym: Poly | undefined;

  add(v: CostValue): void {
    if (typeof v === 'number') {
      const s = this.n + v;
      if (Number.isSafeInteger(s)) this.n = s;
      else {
        this.big += BigInt(this.n) + BigInt(v);
        this.n = 0;
      }
    } else if (v.isConst()) this.big += v.constValue();
    else this.sym = this.sym ? this.sym.add(v) : v;
  }

  /** The exact total, symbols valued by `value`. */
  evaluate(value: (sym: string) => bigint): bigint {
    if (this.big === 0n && !this.sym) return BigInt(this.n);
    const k = this.big + BigInt(this.n);
    return this.sym ? k + this.sym.evaluate(value) : k;
  }
}
