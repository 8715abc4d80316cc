// The `re` module over JavaScript's RegExp (Python's syntax translated where it differs: (?P<n>), \A, \Z).
import { PyException } from './errors';
import { NativeFunction, PyClass, PyInstance, PyList, PyModule, PyTuple, Unknown } from './values';
import { callValue } from './calls';
const flagBits = { I: 2, IGNORECASE: 2, M: 8, MULTILINE: 8, S: 16, DOTALL: 16, X: 64, VERBOSE: 64, A: 256, ASCII: 256 };
function jsSource(pattern, verbose) {
    let p = pattern
        .replace(/\(\?P<(\w+)>/g, '(?<$1>')
        .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
        .replace(/\\A/g, '^')
        .replace(/\\Z/g, '$');
    if (verbose)
        p = p
            .replace(/\\#/g, '\u0000')
            .replace(/#.*$/gm, '')
            .replace(/\s+/g, '')
            .replace(/\u0000/g, '\\#');
    return p;
}
function compile(pattern, flags) {
    if (typeof pattern !== 'string')
        return undefined;
    const f = typeof flags === 'number' ? flags : 0;
    try {
        return new RegExp(jsSource(pattern, (f & 64) !== 0), `${f & 2 ? 'i' : ''}${f & 8 ? 'm' : ''}${f & 16 ? 's' : ''}u`);
    }
    catch {
        try {
            return new RegExp(jsSource(pattern, (f & 64) !== 0), `${f & 2 ? 'i' : ''}${f & 8 ? 'm' : ''}${f & 16 ? 's' : ''}`);
        }
        catch {
            throw new PyException('re.error', `cannot compile ${pattern}`);
        }
    }
}
export function reModule(ip) {
    const object = ip.builtins.get('object');
    const matchCls = new PyClass('Match', [object], new Map());
    const patternCls = new PyClass('Pattern', [object], new Map());
    const matchOf = (m) => {
        if (!m)
            return null;
        const inst = new PyInstance(matchCls);
        inst.native = m;
        return inst;
    };
    const exec = (re, s, mode) => {
        const r = mode === 'search'
            ? new RegExp(re.source, re.flags.replace('g', '').replace('y', ''))
            : new RegExp(re.source, re.flags + 'y');
        r.lastIndex = 0;
        const m = r.exec(s);
        return m && (mode !== 'full' || m[0].length === s.length) ? m : null;
    };
    const group = (m, g) => {
        const v = typeof g === 'string' ? m.groups?.[g] : m[typeof g === 'number' ? g : 0];
        return v ?? null;
    };
    const mset = (name, f) => matchCls.dict.set(name, new NativeFunction(name, ([self, ...args]) => self instanceof PyInstance && self.native ? f(self.native, args) : new Unknown(name)));
    mset('group', (m, args) => (args.length <= 1 ? group(m, args[0] ?? 0) : new PyTuple(args.map((a) => group(m, a)))));
    mset('groups', (m) => new PyTuple(m.slice(1).map((v) => v ?? null)));
    mset('__getitem__', (m, [g]) => group(m, g ?? 0));
    mset('start', (m) => m.index);
    mset('end', (m) => m.index + m[0].length);
    mset('span', (m) => new PyTuple([m.index, m.index + m[0].length]));
    mset('groupdict', () => new Unknown('groupdict'));
    // Functions taking (pattern, string, ...) at module level, or (string, ...) as Pattern methods.
    const ops = {
        search: (re, s) => matchOf(exec(re, s, 'search')),
        match: (re, s) => matchOf(exec(re, s, 'match')),
        fullmatch: (re, s) => matchOf(exec(re, s, 'full')),
        findall: (re, s) => new PyList([...s.matchAll(new RegExp(re.source, re.flags + 'g'))].map((m) => m.length > 2 ? new PyTuple(m.slice(1).map((v) => v ?? '')) : (m[1] ?? m[0]))),
        split: (re, s) => new PyList(s.split(new RegExp(re.source, re.flags + 'g'))),
        sub: (re, s, [repl]) => {
            const g = new RegExp(re.source, re.flags + 'g');
            if (typeof repl === 'string')
                return s.replace(g, repl.replace(/\\(\d)/g, '$$$1').replace(/\\g<(\w+)>/g, '$$<$1>'));
            return s.replace(g, (...a) => {
                // (match, ...groups, offset, string[, namedGroups]) -> an exec()-shaped array for the Match object.
                const at = a.findIndex((x) => typeof x === 'number');
                const arr = Object.assign(a.slice(0, at), { index: a[at] });
                const r = callValue(ip, repl ?? null, [matchOf(arr)], undefined, ip.site);
                return typeof r === 'string' ? r : '';
            });
        },
    };
    const m = new PyModule('re');
    for (const [k, v] of Object.entries(flagBits))
        m.attrs.set(k, v);
    for (const [name, op] of Object.entries(ops)) {
        // re.sub(pattern, repl, string): the replacement comes before the string.
        m.attrs.set(name, new NativeFunction(name, ([pat, a, b, ...rest], kw) => {
            const [s, extra] = name === 'sub' ? [b, [a]] : [a, [b]];
            const re = pat instanceof PyInstance && pat.native instanceof RegExp
                ? pat.native
                : compile(pat ?? null, kw?.get('flags') ?? (name === 'sub' ? rest[1] : b) ?? 0);
            return re && typeof s === 'string' ? op(re, s, [...extra, ...rest]) : new Unknown(`re.${name}`);
        }));
        patternCls.dict.set(name, new NativeFunction(name, ([self, a, b, ...rest]) => {
            const re = self instanceof PyInstance ? self.native : undefined;
            const [s, extra] = name === 'sub' ? [b, [a]] : [a, [b]];
            return re && typeof s === 'string' ? op(re, s, [...extra, ...rest]) : new Unknown(`re.${name}`);
        }));
    }
    m.attrs.set('compile', new NativeFunction('compile', ([pat, flags], kw) => {
        const re = compile(pat ?? null, kw?.get('flags') ?? flags ?? 0);
        if (!re)
            return new Unknown('re.compile');
        const inst = new PyInstance(patternCls);
        inst.native = re;
        inst.attrs.set('pattern', pat ?? null);
        return inst;
    }));
    m.attrs.set('escape', new NativeFunction('escape', ([s]) => typeof s === 'string' ? s.replace(/[.*+?^${}()|[\]\\\-#&~\s]/g, '\\$&') : new Unknown('re.escape')));
    m.attrs.set('Pattern', patternCls);
    m.attrs.set('Match', matchCls);
    m.attrs.set('error', new PyClass('error', [object], new Map()));
    return m;
}
