// Hash keys for dict and set entries: by value for immutable Python values, by identity otherwise.
import { force, identity, LazyImport, mixinValue, PyFloat, PyTuple, SymInt, type Value } from './values';

export function hashKey(v: Value): string {
  if (v === null) return 'N';
  switch (typeof v) {
    case 'boolean':
      return v ? 'i1' : 'i0';
    case 'number':
      return 'i' + v;
    case 'string':
      return 's' + v;
  }
  if (v instanceof PyFloat) return Number.isInteger(v.v) ? 'i' + v.v : 'f' + v.v;
  if (v instanceof SymInt) return 'y' + v.p.toString();
  if (v instanceof PyTuple) return 't(' + v.items.map(hashKey).join(',') + ')';
  // A name imported lazily is the value it resolves to (a set of classes from other modules, timm's norm tables).
  if (v instanceof LazyImport) return hashKey(force(v));
  const mixin = mixinValue(v);
  if (mixin !== undefined) return hashKey(mixin);
  return 'o' + identity(v as object);
}
