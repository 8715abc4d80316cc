// Evaluates symbolic polynomials at the user's dim values (unspecified symbols = 1).
import type { Poly } from '../sym/poly';
import { symbolValue } from '../sym/derived';
import { dimStr, type Dim } from '../sym/dim';

export class DimValues {
  readonly used = new Set<string>();
  constructor(readonly values: Readonly<Record<string, number>>) {}
  poly(p: Poly): bigint {
    return p.evaluate((s) => { this.used.add(s); return symbolValue(s, this.values); });
  }
  dim(d: Dim): string {
    return typeof d === 'number' ? String(d) : this.poly(d.p).toString();
  }
  /** A dim as written (symbolic), for formulas. */
  static symbolic(d: Dim): string {
    return dimStr(d);
  }
}
