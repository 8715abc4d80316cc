import { PyClass, PyFunction, PyList, PyTuple } from '../eval/values';
/** True when calling it with no arguments binds every parameter (`self` aside for a method). */
function callableBare(fn, skip) {
    if (!(fn instanceof PyFunction))
        return false;
    return fn.params.slice(skip).every((p) => p.kind === 'star' || p.kind === 'dstar' || p.def !== undefined);
}
function isModuleClass(c) {
    return c.mro.some((k) => k.name === 'Module');
}
/** A class builds with no arguments: its __init__ (found in the MRO; a native one takes none) needs none. */
function buildsBare(c) {
    const init = c.lookup('__init__');
    return !(init instanceof PyFunction) || callableBare(init, 1);
}
/** Candidates in the file's order: `__all__`'s factories and module classes first, then the file's other module classes. */
export function entryCandidates(mod, parsed, line) {
    const defs = new Map();
    for (const st of parsed.body)
        if (st.k === 'def' || st.k === 'class')
            defs.set(st.name, st);
    const all = mod.attrs.get('__all__');
    const exported = all instanceof PyList || all instanceof PyTuple ? all.items.filter((x) => typeof x === 'string') : [];
    const out = [];
    const add = (name) => {
        const st = defs.get(name);
        const v = mod.attrs.get(name);
        if (!st || out.some((c) => c.expr === `${name}()`))
            return;
        const ok = st.k === 'def' ? callableBare(v ?? null, 0) : v instanceof PyClass && isModuleClass(v) && buildsBare(v);
        if (ok)
            out.push({ expr: `${name}()`, line: line(st.s) });
    };
    for (const name of exported)
        add(name);
    for (const st of parsed.body)
        if (st.k === 'class')
            add(st.name);
    return out.sort((a, b) => a.line - b.line);
}
