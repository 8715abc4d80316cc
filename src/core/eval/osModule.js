import { NativeFunction, PyDict, PyModule, PyTuple, Unknown } from './values';
const str = (v) => (typeof v === 'string' ? v : undefined);
/** os.path.join as POSIX does it: an absolute part restarts the path; separators are not normalized. */
function pathJoin(parts) {
    if (parts.some((p) => p === undefined))
        return new Unknown('os.path.join of a non-string');
    let out = '';
    for (const p of parts)
        out = p.startsWith('/') || out === '' ? p : out.endsWith('/') ? out + p : `${out}/${p}`;
    return out;
}
function osPath() {
    const m = new PyModule('os.path');
    const fn = (name, f) => m.attrs.set(name, new NativeFunction(name, (args) => f(args.map(str))));
    fn('join', pathJoin);
    fn('basename', ([p]) => (p === undefined ? new Unknown('basename') : p.slice(p.lastIndexOf('/') + 1)));
    fn('dirname', ([p]) => (p === undefined ? new Unknown('dirname') : p.slice(0, Math.max(0, p.lastIndexOf('/')))));
    fn('splitext', ([p]) => {
        if (p === undefined)
            return new Unknown('splitext');
        const base = p.slice(p.lastIndexOf('/') + 1);
        const dot = base.lastIndexOf('.');
        return dot <= 0 ? new PyTuple([p, '']) : new PyTuple([p.slice(0, p.length - base.length + dot), base.slice(dot)]);
    });
    m.attrs.set('sep', '/');
    return m;
}
export function registerOs(natives) {
    const path = osPath();
    natives.set('os.path', () => path);
    natives.set('os', () => {
        const m = new PyModule('os');
        // The analysis runs in no environment: every variable is unset, so code takes its defaults.
        m.attrs.set('environ', new PyDict());
        m.attrs.set('getenv', new NativeFunction('getenv', (args, kw) => args[1] ?? kw?.get('default') ?? null));
        m.attrs.set('path', path);
        m.attrs.set('sep', '/');
        m.attrs.set('name', 'posix');
        m.attrs.set('devnull', '/dev/null');
        m.attrs.set('linesep', '\n');
        return m;
    });
}
