// numbers: the numeric tower's ABCs (Number > Complex > Real > Rational > Integral), answering isinstance for
// built-in values as CPython does (bool and int are Integral, float is Real only; str, None, tensors are no Number).
import type { NativeModules } from './imports';
import { PyClass, PyFloat, PyInstance, PyModule, SymInt, type Value } from './values';

type Rank = 'int' | 'float' | 'none' | 'unknown';

/** Where a value sits in the tower: an int (bool, SymInt), a float, not a number, or unknown (an instance). */
function rank(v: Value): Rank {
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof SymInt) return 'int';
  if (v instanceof PyFloat) return 'float';
  return v instanceof PyInstance ? 'unknown' : 'none';
}

export function registerNumbers(natives: NativeModules): void {
  natives.set('numbers', (ip) => {
    const m = new PyModule('numbers');
    let base = ip.builtins.get('object') as PyClass;
    // Each level accepts the ranks listed (a PyInstance stays undecided: a class may register with an ABC).
    for (const [name, accepts] of [
      ['Number', ['int', 'float']],
      ['Complex', ['int', 'float']],
      ['Real', ['int', 'float']],
      ['Rational', ['int']],
      ['Integral', ['int']],
    ] as const) {
      const cls = new PyClass(name, [base], new Map());
      cls.instanceCheck = (v) => {
        const r = rank(v);
        return r === 'unknown' ? undefined : (accepts as readonly string[]).includes(r);
      };
      m.attrs.set(name, cls);
      base = cls;
    }
    return m;
  });
}
