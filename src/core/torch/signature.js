// Binds native call arguments to a Python-like signature string, e.g. 'input, dim=None, keepdim=False'.
import { PyException } from '../eval/errors';
const cache = new Map();
function parseDefault(s) {
    if (s === 'None')
        return null;
    if (s === 'True')
        return true;
    if (s === 'False')
        return false;
    if (/^-?\d+$/.test(s))
        return Number(s);
    if (/^'.*'$/.test(s))
        return s.slice(1, -1);
    return undefined;
}
function parse(spec) {
    const names = [];
    const defaults = [];
    let star;
    let kwonlyFrom = Infinity;
    for (const raw of spec
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)) {
        if (raw === '*') {
            kwonlyFrom = names.length;
            continue;
        }
        if (raw.startsWith('*')) {
            star = raw.slice(1);
            kwonlyFrom = names.length;
            continue;
        }
        const [name, def] = raw.split('=').map((x) => x.trim());
        names.push(name);
        defaults.push(def === undefined ? undefined : parseDefault(def));
    }
    return { names, defaults, star, kwonlyFrom };
}
/** Binds args; a missing required argument raises TypeError; `*name` collects the rest as an array in `rest`. */
export function bind(fname, spec, args, kwargs) {
    let sig = cache.get(spec);
    if (!sig)
        cache.set(spec, (sig = parse(spec)));
    const out = {};
    const npos = Math.min(args.length, sig.kwonlyFrom, sig.names.length);
    for (let i = 0; i < npos; i++)
        out[sig.names[i]] = args[i];
    if (sig.star !== undefined)
        out.rest = args.slice(npos);
    for (let i = npos; i < sig.names.length; i++) {
        const n = sig.names[i];
        const kv = kwargs?.get(n);
        if (kv !== undefined)
            out[n] = kv;
        else if (sig.defaults[i] !== undefined)
            out[n] = sig.defaults[i];
        else if (!spec.includes(n + '='))
            throw new PyException('TypeError', `${fname}() missing required argument '${n}'`);
        else
            out[n] = null;
    }
    return out;
}
