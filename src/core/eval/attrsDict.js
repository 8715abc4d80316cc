// `obj.__dict__`: a dict whose items are the object's attributes, live (`self.__dict__.update(kw)` sets attributes).
import { PyDict } from './values';
/** A Map of dict entries (keyed by hashKey: 's' + name) that reads and writes an attribute map. */
class AttrsMap extends Map {
    attrs;
    constructor(attrs) {
        super();
        this.attrs = attrs;
    }
    get(h) {
        if (h[0] !== 's')
            return undefined;
        const v = this.attrs.get(h.slice(1));
        return v === undefined ? undefined : [h.slice(1), v];
    }
    has(h) {
        return h[0] === 's' && this.attrs.has(h.slice(1));
    }
    set(_h, kv) {
        if (typeof kv[0] === 'string')
            this.attrs.set(kv[0], kv[1]);
        return this;
    }
    delete(h) {
        return h[0] === 's' && this.attrs.delete(h.slice(1));
    }
    clear() {
        this.attrs.clear();
    }
    get size() {
        return this.attrs.size;
    }
    *entries() {
        for (const [k, v] of this.attrs)
            yield ['s' + k, [k, v]];
    }
    *keys() {
        for (const k of this.attrs.keys())
            yield 's' + k;
    }
    *values() {
        for (const [k, v] of this.attrs)
            yield [k, v];
    }
    [Symbol.iterator]() {
        return this.entries();
    }
    forEach(cb) {
        for (const [h, kv] of this.entries())
            cb(kv, h, this);
    }
}
export function attrsDict(attrs) {
    const d = new PyDict();
    Object.defineProperty(d, 'map', { value: new AttrsMap(attrs) });
    return d;
}
