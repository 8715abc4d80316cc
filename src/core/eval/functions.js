import { evalExpr } from './expressions';
import { callValue } from './calls';
import { PyFunction, Unknown } from './values';
import { PyException } from './errors';
export function makeFunction(ip, st, scope) {
    const defaults = st.params.map((p) => (p.def ? evalExpr(ip, p.def, scope) : undefined));
    const file = ip.frames[ip.frames.length - 1].file;
    let fn = new PyFunction(st.name, st.params, defaults, st.body, scope, file, st.s);
    for (let i = st.decorators.length - 1; i >= 0; i--)
        fn = applyDecorator(ip, st.decorators[i], fn, scope);
    return fn;
}
export function makeLambda(ip, e, scope) {
    const defaults = e.params.map((p) => (p.def ? evalExpr(ip, p.def, scope) : undefined));
    return new PyFunction('<lambda>', e.params, defaults, e.body, scope, ip.frames[ip.frames.length - 1].file, e.s);
}
export function applyDecorator(ip, dec, target, scope) {
    const d = evalExpr(ip, dec, scope);
    if (d instanceof Unknown)
        return target;
    const depth = ip.frames.length;
    try {
        const out = callValue(ip, d, [target], undefined, ip.site);
        return out instanceof Unknown ? target : out;
    }
    catch (err) {
        if (err instanceof PyException) {
            ip.frames.length = depth;
            return target;
        }
        throw err;
    }
}
