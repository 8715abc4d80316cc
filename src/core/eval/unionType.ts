// `X | Y` of classes (PEP 604, types.UnionType): what isinstance and issubclass accept in place of a tuple.
import { PyClass, PyInstance, PyTuple, force, type Value } from './values';

/** types.UnionType; an instance keeps its members in `__args__` (None stands for NoneType there). */
export const UNION_TYPE = new PyClass('UnionType', [], new Map());

function members(v: Value): Value[] | undefined {
  v = force(v);
  if (v === null || v instanceof PyClass) return [v];
  if (v instanceof PyInstance && v.cls === UNION_TYPE) return unionMembers(v);
  return undefined;
}

/** `a | b` when both sides are classes, None or unions (flattened, duplicates dropped); undefined otherwise. */
export function unionOf(a: Value, b: Value): PyInstance | undefined {
  const l = members(a);
  const r = l && members(b);
  if (!l || !r || (a === null && b === null)) return undefined;
  const items: Value[] = [];
  for (const m of [...l, ...r]) if (!items.includes(m)) items.push(m);
  const u = new PyInstance(UNION_TYPE);
  u.attrs.set('__args__', new PyTuple(items));
  return u;
}

/** The members of a union value, or undefined for anything else. */
export function unionMembers(v: Value): Value[] | undefined {
  if (!(v instanceof PyInstance) || v.cls !== UNION_TYPE) return undefined;
  const args = v.attrs.get('__args__');
  return args instanceof PyTuple ? args.items : undefined;
}
