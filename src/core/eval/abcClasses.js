import { PyException } from './errors';
import { getItem, iterate, setItem } from './protocols';
import { dictStorage } from './dictSubclass';
import { BoundMethod, NativeFunction, PyClass, PyDict, PyFunction, PyInstance, PyList, PyRange, PySet, PyTuple, } from './values';
import { Tensor } from '../model/tensor';
function klass(ip, name, bases, methods = {}) {
    const cls = new PyClass(name, bases.length ? bases : [ip.builtins.get('object')], new Map());
    for (const [k, f] of Object.entries(methods))
        cls.dict.set(k, new NativeFunction(k, ([self, ...args], kw) => f(self ?? null, args, kw)));
    return cls;
}
/** Item lookup that reports a missing key as undefined (Mapping.get / __contains__). */
function tryItem(ip, self, k) {
    try {
        return getItem(ip, self, k);
    }
    catch (e) {
        if (e instanceof PyException && e.type === 'KeyError')
            return undefined;
        throw e;
    }
}
export function abcClasses(ip) {
    const keys = (self) => iterate(ip, self) ?? [];
    const isMapping = (v) => v instanceof PyDict || dictStorage(v) !== undefined;
    const Iterable = klass(ip, 'Iterable', []);
    const Sized = klass(ip, 'Sized', []);
    const Container = klass(ip, 'Container', []);
    const Collection = klass(ip, 'Collection', [Sized, Iterable, Container]);
    const Mapping = klass(ip, 'Mapping', [Collection], {
        keys: (self) => new PyList(keys(self)),
        items: (self) => new PyList(keys(self).map((k) => new PyTuple([k, getItem(ip, self, k)]))),
        values: (self) => new PyList(keys(self).map((k) => getItem(ip, self, k))),
        get: (self, [k, def]) => tryItem(ip, self, k ?? null) ?? def ?? null,
        __contains__: (self, [k]) => tryItem(ip, self, k ?? null) !== undefined,
    });
    const MutableMapping = klass(ip, 'MutableMapping', [Mapping], {
        update: (self, [o], kw) => {
            const pairs = [];
            if (o instanceof PyDict)
                for (const kv of o.map.values())
                    pairs.push(kv);
            else if (o !== undefined)
                for (const it of iterate(ip, o) ?? []) {
                    const p = iterate(ip, it);
                    if (p?.length === 2)
                        pairs.push([p[0], p[1]]);
                }
            for (const [k, v] of kw ?? [])
                pairs.push([k, v]);
            for (const [k, v] of pairs)
                setItem(ip, self, k, v);
            return null;
        },
        setdefault: (self, [k, def]) => {
            const v = tryItem(ip, self, k ?? null);
            if (v !== undefined)
                return v;
            setItem(ip, self, k ?? null, def ?? null);
            return def ?? null;
        },
    });
    const Sequence = klass(ip, 'Sequence', [Collection], {
        index: (self, [x]) => {
            const items = iterate(ip, self);
            const i = items?.indexOf(x ?? null) ?? -1;
            if (i < 0)
                throw new PyException('ValueError', 'not in sequence');
            return i;
        },
        count: (self, [x]) => (iterate(ip, self) ?? []).filter((i) => i === x).length,
    });
    const callable = (v) => v instanceof PyFunction ||
        v instanceof NativeFunction ||
        v instanceof BoundMethod ||
        v instanceof PyClass ||
        (v instanceof PyInstance && (v.cls.hooks.call !== undefined || v.cls.lookup('__call__') !== undefined));
    const iterable = (v) => typeof v === 'string' ||
        v instanceof PyList ||
        v instanceof PyTuple ||
        v instanceof PyDict ||
        v instanceof PySet ||
        v instanceof PyRange ||
        v instanceof Tensor ||
        (v instanceof PyInstance && (v.cls.hooks.iter !== undefined || v.cls.lookup('__iter__') !== undefined));
    const builtinOrUnknown = (v, yes) => (yes ? true : v instanceof PyInstance ? undefined : false);
    Mapping.instanceCheck = (v) => (isMapping(v) ? true : undefined);
    MutableMapping.instanceCheck = Mapping.instanceCheck;
    Sequence.instanceCheck = (v) => typeof v === 'string' || v instanceof PyList || v instanceof PyTuple || v instanceof PyRange ? true : undefined;
    Iterable.instanceCheck = (v) => builtinOrUnknown(v, iterable(v));
    Collection.instanceCheck = Iterable.instanceCheck;
    Container.instanceCheck = Iterable.instanceCheck;
    Sized.instanceCheck = Iterable.instanceCheck;
    const Callable = klass(ip, 'Callable', []);
    Callable.instanceCheck = (v) => callable(v);
    const Iterator = klass(ip, 'Iterator', [Iterable]);
    const Generator = klass(ip, 'Generator', [Iterator]);
    const Hashable = klass(ip, 'Hashable', []);
    const Set = klass(ip, 'Set', [Collection]);
    Set.instanceCheck = (v) => (v instanceof PySet ? true : undefined);
    const MutableSequence = klass(ip, 'MutableSequence', [Sequence]);
    MutableSequence.instanceCheck = (v) => (v instanceof PyList ? true : undefined);
    return {
        Iterable,
        Sized,
        Container,
        Collection,
        Mapping,
        MutableMapping,
        Sequence,
        MutableSequence,
        Callable,
        Iterator,
        Generator,
        Hashable,
        Set,
        MutableSet: Set,
        KeysView: klass(ip, 'KeysView', [Set]),
        ValuesView: klass(ip, 'ValuesView', [Collection]),
        ItemsView: klass(ip, 'ItemsView', [Set]),
    };
}
