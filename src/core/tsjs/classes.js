// Classes: declarations with constructors, methods, getters and fields; `new`, `this`, `super(...)` and `super.method()`.
import { callValue, evalExpr } from './evaluator';
import { Closure, JsClass, JsObject, Unknown } from './values';
function keyOf(ip, m, scope) {
    if (m.computed) {
        const k = evalExpr(ip, m.key, scope);
        return typeof k === 'string' || typeof k === 'number' ? String(k) : undefined;
    }
    return m.key.type === 'Identifier' ? m.key.name : m.key.type === 'Literal' ? String(m.key.value) : undefined;
}
export function makeClass(ip, n, scope) {
    const parent = n.superClass ? evalExpr(ip, n.superClass, scope) : undefined;
    const cls = new JsClass(n.id?.name ?? 'anonymous', parent instanceof JsClass ? parent : parent === undefined ? undefined : new Unknown('base class'), scope);
    for (const m of n.body.body) {
        if (m.type === 'MethodDefinition' && m.value.type === 'FunctionExpression') {
            const key = keyOf(ip, m, scope);
            if (key === undefined)
                continue;
            const fn = new Closure(m.value, scope, key, ip.ctx.file);
            if (m.kind === 'constructor')
                cls.ctor = fn;
            else if (m.static)
                cls.statics.props.set(key, fn);
            else if (m.kind === 'get')
                cls.getters.set(key, fn);
            else if (m.kind === 'method')
                cls.methods.set(key, fn);
        }
        else if (m.type === 'PropertyDefinition' && !m.static)
            cls.fields.push(m);
        else if (m.type === 'PropertyDefinition' && m.static) {
            const key = keyOf(ip, m, scope);
            if (key !== undefined)
                cls.statics.props.set(key, m.value ? evalExpr(ip, m.value, scope) : undefined);
        }
    }
    return cls;
}
/** Field initializers run with `this` bound, base class first. */
function initFields(ip, cls, self) {
    if (cls.parent instanceof JsClass)
        initFields(ip, cls.parent, self);
    for (const f of cls.fields) {
        const key = keyOf(ip, f, cls.scope);
        if (key === undefined)
            continue;
        self.props.set(key, f.value
            ? callValue(ip, new Closure({ type: 'ArrowFunctionExpression', params: [], body: f.value }, cls.scope, key, ip.ctx.file), [], self, true)
            : undefined);
    }
}
/** Runs `cls`'s constructor (or its base's, when it has none) on `self`. */
export function runConstructor(ip, cls, self, args) {
    if (cls.ctor)
        return callValue(ip, cls.ctor, args, self, false, cls);
    if (cls.parent instanceof JsClass)
        return runConstructor(ip, cls.parent, self, args);
    return undefined;
}
export function construct(ip, callee, args) {
    if (!(callee instanceof JsClass))
        return new Unknown(callee instanceof Unknown ? `new ${callee.why}` : 'new');
    const self = new JsObject();
    self.cls = callee;
    initFields(ip, callee, self);
    const r = runConstructor(ip, callee, self, args);
    return r instanceof JsObject ? r : self;
}
/** A method or getter from the instance's class chain, or undefined. */
export function classMember(ip, obj, key) {
    for (let c = obj.cls; c; c = c instanceof JsClass ? c.parent : undefined) {
        if (c instanceof Unknown)
            return new Unknown(`${key} from ${c.why}`);
        const g = c.getters.get(key);
        if (g)
            return callValue(ip, g, [], obj);
        const m = c.methods.get(key);
        if (m)
            return m;
    }
    return undefined;
}
