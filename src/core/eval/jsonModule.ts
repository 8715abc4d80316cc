// json.loads of a known string, as CPython builds it (dict, list, str, int, bool, None); floats and bad text unknown.
import type { NativeModules } from './imports';
import { hashKey } from './keys';
import { NativeFunction, PyDict, PyList, PyModule, Unknown, type Value } from './values';

/** The Python value of parsed JSON; undefined where a number is not an int (JS keeps no float/int distinction). */
function toPython(x: unknown): Value | undefined {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return Number.isSafeInteger(x) ? x : undefined;
  if (Array.isArray(x)) {
    const items: Value[] = [];
    for (const v of x) {
      const p = toPython(v);
      if (p === undefined) return undefined;
      items.push(p);
    }
    return new PyList(items);
  }
  const d = new PyDict();
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    const p = toPython(v);
    if (p === undefined) return undefined;
    d.map.set(hashKey(k), [k, p]);
  }
  return d;
}

export function registerJson(natives: NativeModules): void {
  natives.set('json', () => {
    const m = new PyModule('json');
    m.attrs.set(
      'loads',
      new NativeFunction('loads', ([s]) => {
        // A number written with a fraction or exponent is a Python float even when integral (1.0): not modelled.
        if (typeof s !== 'string' || /[0-9][.eE]/.test(s)) return new Unknown('json.loads');
        let parsed: unknown;
        try {
          parsed = JSON.parse(s);
        } catch {
          return new Unknown('json.loads'); // CPython raises JSONDecodeError: not modelled
        }
        return toPython(parsed) ?? new Unknown('json.loads');
      }),
    );
    return m;
  });
}
