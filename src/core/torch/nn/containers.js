import { callValue } from '../../eval/calls';
import { iterate } from '../../eval/protocols';
import { NativeFunction, PyClass, PyDict, PyInstance, PyList, PySlice, PyTuple, Unknown, } from '../../eval/values';
import { sliceBounds } from '../../eval/protocols';
import { Tensor } from '../../model/tensor';
function entries(self) {
    return [...self.attrs].filter(([k, v]) => k !== 'training' && (v instanceof PyInstance || v instanceof Tensor || v === null));
}
function indexed() {
    return {
        iter: (self) => entries(self).map(([, v]) => v),
        len: (self) => entries(self).length,
        index: (self, key) => {
            const es = entries(self);
            if (typeof key === 'number')
                return es[key < 0 ? key + es.length : key]?.[1] ?? new Unknown('index out of range');
            if (key instanceof PySlice) {
                const b = sliceBounds(key, es.length);
                if (!b)
                    return new Unknown('slice');
                const out = new PyInstance(self.cls);
                out.attrs.set('training', false);
                for (let i = b[0], n = 0; b[2] > 0 ? i < b[1] : i > b[1]; i += b[2])
                    out.attrs.set(String(n++), es[i][1]);
                return out;
            }
            if (typeof key === 'string')
                return self.attrs.get(key);
            return undefined;
        },
    };
}
function addAll(self, items) {
    let n = entries(self).length;
    for (const it of items)
        self.attrs.set(String(n++), it);
}
export function makeContainers(c, module) {
    const ip = c.ip;
    const make = (name) => {
        const cls = new PyClass(name, [module], new Map(), indexed());
        const m = (mname, impl) => cls.dict.set(mname, new NativeFunction(mname, ([self, ...args], kw) => self instanceof PyInstance ? impl(self, args, kw) : new Unknown(mname)));
        return { cls, m };
    };
    const init = (self) => {
        if (!self.attrs.has('training'))
            self.attrs.set('training', false);
    };
    const seq = make('Sequential');
    seq.m('__init__', (self, args) => {
        init(self);
        if (args.length === 1 && args[0] instanceof PyDict)
            for (const [k, v] of args[0].map.values())
                self.attrs.set(String(k), v);
        else
            addAll(self, args);
        return null;
    });
    seq.m('forward', (self, [x, ...rest], kw) => {
        let v = x;
        let first = true;
        for (const [, mod] of entries(self)) {
            v = callValue(ip, mod, first ? [v, ...rest] : [v], first ? kw : undefined, ip.site);
            first = false;
        }
        return v;
    });
    const listLike = (h) => {
        h.m('append', (self, [v]) => {
            addAll(self, [v]);
            return self;
        });
        h.m('extend', (self, [vs]) => {
            addAll(self, iterate(ip, vs) ?? []);
            return self;
        });
        h.m('insert', (self, [i, v]) => {
            const es = entries(self).map(([, x]) => x);
            es.splice(typeof i === 'number' ? i : es.length, 0, v);
            for (const [k] of entries(self))
                self.attrs.delete(k);
            addAll(self, es);
            return null;
        });
        h.m('__len__', (self) => entries(self).length);
        h.m('__add__', (self, [vs]) => {
            const out = new PyInstance(self.cls);
            init(out);
            addAll(out, [...entries(self).map(([, x]) => x), ...(iterate(ip, vs) ?? [])]);
            return out;
        });
    };
    listLike(seq);
    const ml = make('ModuleList');
    ml.m('__init__', (self, [items]) => {
        init(self);
        if (items !== undefined && items !== null)
            addAll(self, iterate(ip, items) ?? []);
        return null;
    });
    listLike(ml);
    const pl = make('ParameterList');
    pl.m('__init__', (self, [items]) => {
        init(self);
        if (items !== undefined && items !== null)
            addAll(self, iterate(ip, items) ?? []);
        return null;
    });
    listLike(pl);
    const dictLike = (name) => {
        const h = make(name);
        const fill = (self, src) => {
            if (src instanceof PyDict)
                for (const [k, v] of src.map.values())
                    self.attrs.set(String(k), v);
            else if (src !== undefined && src !== null)
                for (const kv of iterate(ip, src) ?? [])
                    if (kv instanceof PyTuple || kv instanceof PyList)
                        self.attrs.set(String(kv.items[0]), kv.items[1]);
        };
        h.m('__init__', (self, [src]) => {
            init(self);
            fill(self, src);
            return null;
        });
        h.m('update', (self, [src]) => {
            fill(self, src);
            return null;
        });
        h.m('keys', (self) => new PyList(entries(self).map(([k]) => k)));
        h.m('values', (self) => new PyList(entries(self).map(([, v]) => v)));
        h.m('items', (self) => new PyList(entries(self).map(([k, v]) => new PyTuple([k, v]))));
        h.cls.hooks.iter = (self) => entries(self).map(([k]) => k);
        h.m('__contains__', (self, [k]) => typeof k === 'string' && self.attrs.has(k));
        return h.cls;
    };
    return {
        Sequential: seq.cls,
        ModuleList: ml.cls,
        ParameterList: pl.cls,
        ModuleDict: dictLike('ModuleDict'),
        ParameterDict: dictLike('ParameterDict'),
    };
}
