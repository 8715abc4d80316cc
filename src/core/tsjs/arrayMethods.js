// Array and string members the model-building subset uses: length, indexing, push, map, forEach, reduce, slice, concat, join, fill, ...
import { checkSequence } from '../sym/limits';
import { callValue } from './evaluator';
import { NativeFn, Unknown, truthy } from './values';
const fn = (name, f) => new NativeFn(name, (c) => f(c.args));
export function arrayMember(ip, a, key) {
    if (typeof key === 'number' || /^\d+$/.test(key))
        return a[Number(key)];
    const cb = (f, ...xs) => callValue(ip, f, xs);
    switch (key) {
        case 'length':
            return a.length;
        case 'push':
            return fn('push', (xs) => {
                a.push(...xs);
                return a.length;
            });
        case 'pop':
            return fn('pop', () => a.pop());
        case 'shift':
            return fn('shift', () => a.shift());
        case 'unshift':
            return fn('unshift', (xs) => a.unshift(...xs));
        case 'at':
            return fn('at', ([i]) => (typeof i === 'number' ? a.at(i) : new Unknown('at')));
        case 'map':
            return fn('map', ([f]) => a.map((x, i) => cb(f, x, i, a)));
        case 'forEach':
            return fn('forEach', ([f]) => {
                a.forEach((x, i) => cb(f, x, i, a));
                return undefined;
            });
        case 'filter':
            return fn('filter', ([f]) => {
                const r = a.map((x, i) => truthy(cb(f, x, i, a)));
                return r.some((t) => t === undefined) ? new Unknown('filter') : a.filter((_, i) => r[i]);
            });
        case 'reduce':
            return fn('reduce', ([f, init]) => {
                let acc = init;
                let i = 0;
                if (acc === undefined) {
                    acc = a[0];
                    i = 1;
                }
                for (; i < a.length; i++)
                    acc = cb(f, acc, a[i], i, a);
                return acc;
            });
        case 'slice':
            return fn('slice', ([s, e]) => a.slice(s, e));
        case 'concat':
            return fn('concat', (xs) => {
                const parts = xs.map((x) => (Array.isArray(x) ? x : [x]));
                checkSequence(parts.reduce((n, p) => n + p.length, a.length), 'list');
                return a.concat(...parts);
            });
        case 'join':
            return fn('join', ([sep]) => {
                const text = typeof sep === 'string' ? sep : ',';
                checkSequence(a.reduce((n, x) => n + (typeof x === 'string' ? x.length : 8) + text.length, 0), 'string');
                return a.join(text);
            });
        case 'includes':
            return fn('includes', ([x]) => a.includes(x));
        case 'indexOf':
            return fn('indexOf', ([x]) => a.indexOf(x));
        case 'reverse':
            return fn('reverse', () => a.reverse());
        case 'fill':
            return fn('fill', ([x]) => a.fill(x));
        case 'flat':
            return fn('flat', () => a.flat());
        case 'keys':
            return fn('keys', () => a.map((_, i) => i));
        case 'entries':
            return fn('entries', () => a.map((x, i) => [i, x]));
        default:
            return new Unknown(`array.${key}`);
    }
}
export function stringMember(s, key) {
    if (typeof key === 'number')
        return s[key];
    switch (key) {
        case 'length':
            return s.length;
        case 'toUpperCase':
            return fn('toUpperCase', () => s.toUpperCase());
        case 'toLowerCase':
            return fn('toLowerCase', () => s.toLowerCase());
        case 'concat':
            return fn('concat', (xs) => {
                const parts = xs.map(String);
                checkSequence(parts.reduce((n, p) => n + p.length, s.length), 'string');
                return s.concat(...parts);
            });
        case 'startsWith':
            return fn('startsWith', ([x]) => (typeof x === 'string' ? s.startsWith(x) : new Unknown('startsWith')));
        case 'includes':
            return fn('includes', ([x]) => (typeof x === 'string' ? s.includes(x) : new Unknown('includes')));
        case 'endsWith':
            return fn('endsWith', ([x]) => (typeof x === 'string' ? s.endsWith(x) : new Unknown('endsWith')));
        case 'indexOf':
            return fn('indexOf', ([x]) => (typeof x === 'string' ? s.indexOf(x) : new Unknown('indexOf')));
        // A plain-word pattern only (no regex engine on user code): truthy like String.match.
        case 'match':
            return fn('match', ([x]) => typeof x === 'string' && /^[\w -]*$/.test(x) ? (s.includes(x) ? [x] : null) : new Unknown('match'));
        case 'split':
            return fn('split', ([x]) => (typeof x === 'string' ? s.split(x) : new Unknown('split')));
        case 'trim':
            return fn('trim', () => s.trim());
        case 'slice':
        case 'substring':
            return fn(key, ([a, b]) => typeof a === 'number' && (b === undefined || typeof b === 'number')
                ? key === 'slice'
                    ? s.slice(a, b)
                    : s.substring(a, b)
                : new Unknown(key));
        case 'replace':
            return fn('replace', ([a, b]) => typeof a === 'string' && typeof b === 'string' ? s.replace(a, b) : new Unknown('replace'));
        default:
            return new Unknown(`string.${key}`);
    }
}
