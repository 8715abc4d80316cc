import { builtinMethod } from './builtinMethods';
import { callValue } from './calls';
import { getItem, iterate, setItem } from './protocols';
import { hashKey } from './keys';
import { NativeFunction, PyClass, PyDict, PyInstance, PyList, Unknown } from './values';
/** The item storage of a dict or of an instance of a dict subclass. */
export function dictStorage(v) {
    if (v instanceof PyDict)
        return v;
    return v instanceof PyInstance && v.native instanceof PyDict ? v.native : undefined;
}
/**
 * Instances of a dict subclass are PyInstances whose `native` slot holds a PyDict; dict's own methods live on the
 * class (`__getitem__`, `keys`, ...), found after the subclass's overrides and through `super()`, as in CPython.
 */
export function installDictMethods(ip, types) {
    const dict = types.dict;
    const plainNew = dict.dict.get('__new__');
    dict.dict.set('__new__', new NativeFunction('__new__', (args, kw, site) => {
        const cls = args[0];
        if (cls instanceof PyClass && cls !== dict && cls.isSubclassOf(dict)) {
            const inst = new PyInstance(cls);
            inst.native = new PyDict();
            return inst;
        }
        return plainNew instanceof NativeFunction ? plainNew.impl(args, kw, site) : new Unknown('dict');
    }));
    const method = (name, impl) => dict.dict.set(name, new NativeFunction(name, ([self, ...args], kw) => {
        const d = dictStorage(self ?? null);
        return d ? impl(d, args, kw) : new Unknown(`dict.${name}`);
    }));
    const builtin = (name) => method(name, (d, args, kw) => {
        const m = builtinMethod(ip, d, name);
        return m ? callValue(ip, m, args, kw, ip.site) : new Unknown(`dict.${name}`);
    });
    for (const name of ['get', 'items', 'keys', 'values', 'update', 'pop', 'setdefault', 'copy'])
        builtin(name);
    method('__init__', (d, [x], kw) => {
        const m = builtinMethod(ip, d, 'update');
        if (m && (x !== undefined || kw))
            callValue(ip, m, x === undefined ? [] : [x], kw, ip.site);
        return null;
    });
    dict.dict.set('__getitem__', new NativeFunction('__getitem__', ([self, k]) => {
        const d = dictStorage(self ?? null);
        if (!d)
            return new Unknown('dict.__getitem__');
        const key = k ?? null;
        // A subclass's __missing__ (defaultdict, Counter) answers keys the dict lacks.
        const missing = self instanceof PyInstance && !d.map.has(hashKey(key)) ? self.cls.lookup('__missing__') : undefined;
        return missing ? callValue(ip, missing, [self, key], undefined, ip.site) : getItem(ip, d, key);
    }));
    method('__setitem__', (d, [k, v]) => {
        setItem(ip, d, k ?? null, v ?? null);
        return null;
    });
    method('__delitem__', (d, [k]) => {
        d.map.delete(hashKey(k ?? null));
        return null;
    });
    method('__contains__', (d, [k]) => d.map.has(hashKey(k ?? null)));
    method('__len__', (d) => d.map.size);
    dict.dict.set('fromkeys', new NativeFunction('fromkeys', ([it, v]) => {
        const d = new PyDict();
        for (const k of iterate(ip, it ?? null) ?? [])
            d.map.set(hashKey(k), [k, v ?? null]);
        return d;
    }));
    method('__iter__', (d) => new PyList(iterate(ip, d) ?? []));
}
