// functools.partial as a class (isinstance(x, functools.partial), .func, .args, .keywords, as timm's layer factories
// read them); calling it calls func with the bound arguments first and the call's keywords over the bound ones.
import type { Interp } from './interpreter';
import { callValue } from './evaluator';
import { hashKey } from './keys';
import { NativeFunction, PyClass, PyDict, PyInstance, PyTuple, type Value } from './values';

export function partialClass(ip: Interp): PyClass {
  const cls = new PyClass('partial', [ip.builtins.get('object') as PyClass], new Map(), {
    call(self, args, kwargs, site) {
      const bound = self.attrs.get('args');
      const kw = self.attrs.get('keywords');
      const merged = new Map<string, Value>();
      if (kw instanceof PyDict) for (const [k, v] of kw.map.values()) if (typeof k === 'string') merged.set(k, v);
      for (const [k, v] of kwargs ?? []) merged.set(k, v);
      const pre = bound instanceof PyTuple ? bound.items : [];
      return callValue(ip, self.attrs.get('func') ?? null, [...pre, ...args], merged.size ? merged : undefined, site);
    },
  });
  // Storing the arguments only: lazy imports passed in stay unresolved until the partial is called.
  const init = new NativeFunction('__init__', ([self, f, ...bound], kw) => {
    if (!(self instanceof PyInstance)) return null;
    // partial(partial(f, a), b) is partial(f, a, b), as CPython flattens it.
    if (f instanceof PyInstance && f.cls === cls) {
      const inner = f.attrs.get('args');
      const innerKw = f.attrs.get('keywords');
      bound = [...(inner instanceof PyTuple ? inner.items : []), ...bound];
      const merged = new Map<string, Value>();
      if (innerKw instanceof PyDict)
        for (const [k, v] of innerKw.map.values()) if (typeof k === 'string') merged.set(k, v);
      for (const [k, v] of kw ?? []) merged.set(k, v);
      kw = merged;
      f = f.attrs.get('func') ?? null;
    }
    const d = new PyDict();
    for (const [k, v] of kw ?? []) d.map.set(hashKey(k), [k, v]);
    self.attrs.set('func', f ?? null);
    self.attrs.set('args', new PyTuple(bound));
    self.attrs.set('keywords', d);
    return null;
  });
  init.passThrough = true;
  cls.dict.set('__init__', init);
  return cls;
}
