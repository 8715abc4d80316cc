// Typed reads of a layer's config object ({units: 256, kernelSize: 3, ...}); an undeterminable value raises ConfigUnknown.
import { Unknown } from './values';
import { TfError } from './context';
export class ConfigUnknown extends Error {
    key;
    constructor(key) {
        super(`${key} unknown`);
        this.key = key;
    }
}
export class Cfg {
    obj;
    constructor(obj) {
        this.obj = obj;
    }
    raw(key) {
        return this.obj?.props.get(key);
    }
    has(key) {
        const v = this.raw(key);
        return v !== undefined && v !== null;
    }
    known(key) {
        const v = this.raw(key);
        if (v instanceof Unknown)
            throw new ConfigUnknown(key);
        return v;
    }
    num(key, def) {
        const v = this.known(key);
        if (v === undefined || v === null) {
            if (def === undefined)
                throw new TfError(`Required config field '${key}' is missing.`, 'config');
            return def;
        }
        if (typeof v !== 'number')
            throw new ConfigUnknown(key);
        if (!Number.isInteger(v))
            throw new TfError(`Expected ${key} to be an integer, but got ${v}.`, 'config');
        return v;
    }
    /** A positive integer (units, filters, sizes). */
    count(key, def) {
        const v = this.num(key, def);
        if (v <= 0)
            throw new TfError(`Expected ${key} to be a positive integer, but got ${v}.`, 'config');
        return v;
    }
    optNum(key) {
        return this.has(key) ? this.num(key) : undefined;
    }
    str(key, def) {
        const v = this.known(key);
        if (v === undefined || v === null)
            return def;
        if (typeof v !== 'string')
            throw new ConfigUnknown(key);
        return v;
    }
    /** A string, or undefined when absent or not a known string (never throws). */
    optStrSafe(key) {
        const v = this.raw(key);
        return typeof v === 'string' ? v : undefined;
    }
    optStr(key) {
        return this.has(key) ? this.str(key, '') : undefined;
    }
    bool(key, def) {
        const v = this.known(key);
        if (v === undefined || v === null)
            return def;
        if (typeof v !== 'boolean')
            throw new ConfigUnknown(key);
        return v;
    }
    /** A number or an n-tuple of numbers (`kernelSize: 3` or `[3, 3]`). */
    tuple(key, n, def) {
        const v = this.known(key);
        if (v === undefined || v === null) {
            if (def === undefined)
                throw new TfError(`Required config field '${key}' is missing.`, 'config');
            return typeof def === 'number' ? Array(n).fill(def) : def;
        }
        const check = (xs) => {
            if (xs.some((x) => !Number.isInteger(x) || x <= 0))
                throw new TfError(`The ${key} argument must be positive integers. Received: ${JSON.stringify(xs)}`, 'config');
            return xs;
        };
        if (typeof v === 'number')
            return check(Array(n).fill(v));
        if (Array.isArray(v) && v.every((x) => typeof x === 'number')) {
            check(v);
            if (v.length === 1 && n > 1)
                return Array(n).fill(v[0]);
            if (v.length !== n)
                throw new TfError(`The ${key} argument must be an integer or tuple of ${n} integers. Received: ${JSON.stringify(v)}`, 'config');
            return v;
        }
        throw new ConfigUnknown(key);
    }
    /** A shape with nulls (`[null, 28, 28]`); undefined when absent. */
    shape(key, allowInfer = false) {
        const v = this.known(key);
        if (v === undefined || v === null)
            return undefined;
        const ok = (x) => x === null || (typeof x === 'number' && Number.isInteger(x) && (x > 0 || (allowInfer && x === -1)));
        if (typeof v === 'number' && ok(v))
            return [v];
        if (Array.isArray(v) && v.every(ok))
            return v;
        if (typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'number' || x === null)))
            throw new TfError(`Invalid ${key}: ${JSON.stringify(v)}`, 'config');
        throw new ConfigUnknown(key);
    }
}
