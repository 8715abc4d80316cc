// enum.Enum: class attributes become members with .name and .value; Cls(value) looks a member up.
import type { Interp } from './interpreter';
import { hashKey } from './keys';
import { pyEquals } from './operators';
import {
  ClassMethod,
  MixinValue,
  NativeFunction,
  Property,
  PyClass,
  PyDict,
  PyFunction,
  PyInstance,
  StaticMethod,
  Unknown,
  type Value,
} from './values';

class Auto {}

export function enumClass(ip: Interp): { Enum: PyClass; IntEnum: PyClass; StrEnum: PyClass; auto: NativeFunction } {
  const object = ip.builtins.get('object') as PyClass;
  // EnumMeta.__call__: Cls(value) looks a member up (a member itself included), whatever `__new__` a mixin
  // base (str, int) puts earlier in the MRO; so each enum class gets this lookup as its own `__new__`.
  const lookup = new NativeFunction('__new__', ([cls, value]) => {
    if (!(cls instanceof PyClass)) return new Unknown('enum');
    if (value instanceof PyInstance && value.cls.isSubclassOf(cls)) return value;
    const members = cls.dict.get('__members__');
    if (members instanceof PyDict)
      for (const [, m] of members.map.values())
        if (m instanceof PyInstance && pyEquals(m.attrs.get('value') ?? null, value ?? null) === true) return m;
    return new Unknown(`${cls.name} value`);
  });
  const isMixin = (cls: PyClass) =>
    ['str', 'int'].some((n) => {
      const base = ip.builtins.get(n);
      return base instanceof PyClass && cls.isSubclassOf(base);
    });
  const Enum = new PyClass('Enum', [object], new Map(), {
    onSubclass: (cls) => makeMembers(cls, lookup, isMixin(cls)),
  });
  Enum.dict.set('__new__', lookup);
  const mixin = (name: string, base: string) =>
    new PyClass(name, [ip.builtins.get(base) as PyClass, Enum], new Map([['__new__', lookup]]));
  const IntEnum = mixin('IntEnum', 'int');
  const StrEnum = mixin('StrEnum', 'str');
  return { Enum, IntEnum, StrEnum, auto: new NativeFunction('auto', () => new Auto() as unknown as Value) };
}

function isMemberCandidate(name: string, v: Value): boolean {
  if (name.startsWith('_')) return false;
  return !(
    v instanceof PyFunction ||
    v instanceof NativeFunction ||
    v instanceof StaticMethod ||
    v instanceof ClassMethod ||
    v instanceof Property ||
    v instanceof PyClass
  );
}

function makeMembers(cls: PyClass, lookup: NativeFunction, mixin: boolean): void {
  cls.dict.set('__new__', lookup);
  const members = new PyDict();
  let autoValue = 1;
  for (const [name, raw] of [...cls.dict]) {
    if (!isMemberCandidate(name, raw)) continue;
    const existing = [...members.map.values()].find(([, m]) => m instanceof PyInstance && m.attrs.get('value') === raw);
    let member: Value;
    if (raw instanceof PyInstance && raw.cls === cls)
      member = raw; // alias to an existing member (DEFAULT = V1)
    else if (existing) member = existing[1];
    else {
      const m = new PyInstance(cls);
      const value = (raw as unknown) instanceof Auto ? autoValue++ : raw;
      m.attrs.set('name', name);
      m.attrs.set('_name_', name);
      m.attrs.set('value', value);
      m.attrs.set('_value_', value);
      // A str/int mixin member is that str/int for == and hashing (`Format.NHWC == 'NHWC'`, dict keys).
      if (mixin) m.native = new MixinValue(value);
      member = m;
    }
    cls.dict.set(name, member);
    members.map.set(hashKey(name), [name, member]);
  }
  cls.dict.set('__members__', members);
}
