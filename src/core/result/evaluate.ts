// Evaluates symbolic polynomials at the user's dim values (unspecified symbols = 1).
import type { Poly } from '../sym/poly';
import type { CostSum } from '../cost/sum';
import { symbolValue } from '../sym/derived';
import { dimStr, type Dim } from '../sym/dim';

export class DimValues {
  readonly used = new Set<string>();
  constructor(readonly values: Readonly<Record<string, number>>) {}
  poly(p: Poly): bigint {
    return p.evaluate(this.value);
  }
  sum(s: CostSum): bigint {
    return s.evaluate(this.value);
  }
  private readonly value = (s: string): bigint => {
    this.used.add(s);
    return symbolValue(s, this.values);
  };
  dim(d: Dim): string {
    return typeof d === 'number' ? String(d) : this.poly(d.p).toString();
  }
  /** `dim` as a callback. */
  readonly show = (d: Dim): string => this.dim(d);
  /** A dim as written (symbolic), for formulas. */
  static symbolic(d: Dim): string {
    return dimStr(d);
  }
}
