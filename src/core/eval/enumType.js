import { hashKey } from './keys';
import { pyEquals } from './operators';
import { ClassMethod, NativeFunction, Property, PyClass, PyDict, PyFunction, PyInstance, StaticMethod, Unknown, } from './values';
class Auto {
}
export function enumClass(ip) {
    const object = ip.builtins.get('object');
    const Enum = new PyClass('Enum', [object], new Map(), { onSubclass: makeMembers });
    Enum.dict.set('__new__', new NativeFunction('__new__', ([cls, value]) => {
        if (!(cls instanceof PyClass))
            return new Unknown('enum');
        const members = cls.dict.get('__members__');
        if (members instanceof PyDict)
            for (const [, m] of members.map.values())
                if (m instanceof PyInstance && pyEquals(m.attrs.get('value') ?? null, value ?? null) === true)
                    return m;
        return new Unknown(`${cls.name} value`);
    }));
    const IntEnum = new PyClass('IntEnum', [Enum], new Map());
    return { Enum, IntEnum, auto: new NativeFunction('auto', () => new Auto()) };
}
function isMemberCandidate(name, v) {
    if (name.startsWith('_'))
        return false;
    return !(v instanceof PyFunction ||
        v instanceof NativeFunction ||
        v instanceof StaticMethod ||
        v instanceof ClassMethod ||
        v instanceof Property ||
        v instanceof PyClass);
}
function makeMembers(cls) {
    const members = new PyDict();
    let autoValue = 1;
    for (const [name, raw] of [...cls.dict]) {
        if (!isMemberCandidate(name, raw))
            continue;
        const existing = [...members.map.values()].find(([, m]) => m instanceof PyInstance && m.attrs.get('value') === raw);
        let member;
        if (raw instanceof PyInstance && raw.cls === cls)
            member = raw; // alias to an existing member (DEFAULT = V1)
        else if (existing)
            member = existing[1];
        else {
            const m = new PyInstance(cls);
            const value = raw instanceof Auto ? autoValue++ : raw;
            m.attrs.set('name', name);
            m.attrs.set('_name_', name);
            m.attrs.set('value', value);
            m.attrs.set('_value_', value);
            member = m;
        }
        cls.dict.set(name, member);
        members.map.set(hashKey(name), [name, member]);
    }
    cls.dict.set('__members__', members);
}
