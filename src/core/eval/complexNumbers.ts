// Python's complex numbers (`1j`, `complex(re, im)`): arithmetic with ints and floats, attributes, abs and repr.
import { NativeFunction, PyComplex, PyFloat, Unknown, type Value } from './values';

/** A real or complex operand as (re, im); undefined for anything else. */
function parts(v: Value): [number, number] | undefined {
  if (v instanceof PyComplex) return [v.re, v.im];
  if (typeof v === 'number') return [v, 0];
  if (typeof v === 'boolean') return [v ? 1 : 0, 0];
  if (v instanceof PyFloat) return [v.v, 0];
  return undefined;
}

/** `a op b` when one operand is complex and the other a number; undefined when this is not such a case. */
export function complexBinary(op: string, a: Value, b: Value): Value | undefined {
  if (!(a instanceof PyComplex) && !(b instanceof PyComplex)) return undefined;
  const x = parts(a),
    y = parts(b);
  if (!x || !y) return undefined;
  const [ar, ai] = x,
    [br, bi] = y;
  switch (op) {
    case '+':
      return new PyComplex(ar + br, ai + bi);
    case '-':
      return new PyComplex(ar - br, ai - bi);
    case '*':
      return new PyComplex(ar * br - ai * bi, ar * bi + ai * br);
    case '/': {
      const d = br * br + bi * bi;
      if (d === 0) return new Unknown('complex division by zero');
      return new PyComplex((ar * br + ai * bi) / d, (ai * br - ar * bi) / d);
    }
    case '**': {
      if (ar === 0 && ai === 0) return br === 0 && bi === 0 ? new PyComplex(1, 0) : new PyComplex(0, 0);
      // exp(b · log a), log a = ln|a| + i·arg a.
      const lr = Math.log(Math.hypot(ar, ai)),
        li = Math.atan2(ai, ar);
      const er = br * lr - bi * li,
        ei = br * li + bi * lr;
      return new PyComplex(Math.exp(er) * Math.cos(ei), Math.exp(er) * Math.sin(ei));
    }
    case '==':
      return ar === br && ai === bi;
    case '!=':
      return ar !== br || ai !== bi;
  }
  return new Unknown(`complex ${op}`);
}

/** complex(re=0, imag=0) of numbers (complex arguments combine as Python's: re + imag·1j). */
export function makeComplex(re: Value | undefined, im: Value | undefined): Value {
  const x = re === undefined ? [0, 0] : parts(re),
    y = im === undefined ? [0, 0] : parts(im);
  if (!x || !y) return new Unknown('complex()');
  return new PyComplex(x[0] - y[1], x[1] + y[0]);
}

/** `.real`, `.imag`, `.conjugate()` of a complex number. */
export function complexAttr(z: PyComplex, name: string): Value | undefined {
  if (name === 'real') return new PyFloat(z.re);
  if (name === 'imag') return new PyFloat(z.im);
  if (name === 'conjugate') return new NativeFunction(name, () => new PyComplex(z.re, -z.im));
  return undefined;
}

/** Python's repr: `1j`, `(1+2j)`, `(-0-1j)`. */
export function complexRepr(z: PyComplex): string {
  const f = (x: number) =>
    Object.is(x, -0) ? '-0' : Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (z.re === 0 && !Object.is(z.re, -0)) return `${f(z.im)}j`;
  return `(${f(z.re)}${z.im < 0 || Object.is(z.im, -0) ? '-' : '+'}${f(Math.abs(z.im))}j)`;
}
