import { callValue } from './calls';
import { iterate } from './protocols';
import { hashKey } from './keys';
import { dictStorage } from './dictSubclass';
import { importByName, modulesByName } from './imports';
import { NativeFunction, PyClass, PyDict, PyInstance, PyList, PyModule, PyTuple, Unknown } from './values';
export function defaultdictClass(ip) {
    const dict = ip.builtins.get('dict');
    const cls = new PyClass('defaultdict', [dict], new Map());
    cls.dict.set('__init__', new NativeFunction('__init__', ([self, factory, init], kw) => {
        if (!(self instanceof PyInstance))
            return null;
        self.attrs.set('default_factory', factory ?? null);
        const d = dictStorage(self);
        if (d && init instanceof PyDict)
            for (const [h, kv] of init.map)
                d.map.set(h, kv);
        if (d)
            for (const [k, v] of kw ?? [])
                d.map.set(hashKey(k), [k, v]);
        return null;
    }));
    cls.dict.set('__missing__', new NativeFunction('__missing__', ([self, key]) => {
        const f = self instanceof PyInstance ? self.attrs.get('default_factory') : undefined;
        const d = dictStorage(self ?? null);
        if (f === undefined || f === null || !d)
            return new Unknown('defaultdict');
        const v = callValue(ip, f, [], undefined, ip.site);
        d.map.set(hashKey(key ?? null), [key ?? null, v]);
        return v;
    }));
    return cls;
}
export function counterClass(ip) {
    const dict = ip.builtins.get('dict');
    const cls = new PyClass('Counter', [dict], new Map());
    cls.dict.set('__init__', new NativeFunction('__init__', ([self, it]) => {
        const d = dictStorage(self ?? null);
        if (d && it !== undefined)
            for (const k of iterate(ip, it) ?? []) {
                const h = hashKey(k);
                const n = d.map.get(h)?.[1];
                d.map.set(h, [k, (typeof n === 'number' ? n : 0) + 1]);
            }
        return null;
    }));
    cls.dict.set('__missing__', new NativeFunction('__missing__', () => 0));
    return cls;
}
/** deque(iterable): a list (append/extend/pop/indexing) that also has appendleft/popleft/extendleft. */
export function dequeFunction(ip) {
    return new NativeFunction('deque', ([x]) => new PyList(x !== undefined ? (iterate(ip, x) ?? []) : []));
}
export function sysModule(ip) {
    const m = new PyModule('sys');
    const object = ip.builtins.get('object');
    const modulesCls = new PyClass('modules', [object], new Map());
    const get = (name) => {
        if (typeof name !== 'string')
            return undefined;
        return modulesByName(ip, name) ?? importByName(ip, name);
    };
    modulesCls.dict.set('__getitem__', new NativeFunction('__getitem__', ([, k]) => get(k ?? null) ?? new Unknown(`sys.modules[${String(k)}]`)));
    modulesCls.dict.set('get', new NativeFunction('get', ([, k, d]) => get(k ?? null) ?? d ?? null));
    modulesCls.dict.set('__contains__', new NativeFunction('__contains__', ([, k]) => get(k ?? null) !== undefined));
    modulesCls.dict.set('__setitem__', new NativeFunction('__setitem__', () => null));
    m.attrs.set('modules', new PyInstance(modulesCls));
    m.attrs.set('version_info', new PyTuple([3, 11, 0, 'final', 0], ['major', 'minor', 'micro', 'releaselevel', 'serial']));
    m.attrs.set('version', '3.11.0');
    m.attrs.set('platform', 'linux');
    m.attrs.set('maxsize', Number.MAX_SAFE_INTEGER);
    m.attrs.set('argv', new PyList([]));
    m.attrs.set('path', new PyList([]));
    // The standard streams exist (logging setups test `sys.stderr is None`); what is written goes nowhere.
    const stream = new PyClass('TextIOWrapper', [object], new Map());
    stream.dict.set('write', new NativeFunction('write', ([, s]) => (typeof s === 'string' ? s.length : 0)));
    stream.dict.set('flush', new NativeFunction('flush', () => null));
    stream.dict.set('isatty', new NativeFunction('isatty', () => false));
    for (const name of ['stdout', 'stderr', 'stdin'])
        m.attrs.set(name, new PyInstance(stream));
    return m;
}
