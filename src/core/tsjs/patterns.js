// Destructuring: binds identifiers, object/array patterns, defaults and rest elements to a value.
import { evalExpr } from './evaluator';
import { JsObject, Unknown } from './values';
import { getMember } from './members';
export function bindPattern(ip, p, v, scope, declare = true) {
    switch (p.type) {
        case 'Identifier':
            if (declare)
                scope.declare(p.name, v);
            else
                scope.set(p.name, v);
            return;
        case 'AssignmentPattern':
            bindPattern(ip, p.left, v === undefined ? evalExpr(ip, p.right, scope) : v, scope, declare);
            return;
        case 'ObjectPattern': {
            const used = [];
            for (const prop of p.properties) {
                if (prop.type === 'RestElement') {
                    const rest = new JsObject();
                    if (v instanceof JsObject)
                        for (const [k, x] of v.props)
                            if (!used.includes(k))
                                rest.props.set(k, x);
                    bindPattern(ip, prop.argument, v instanceof Unknown ? v : rest, scope, declare);
                    continue;
                }
                const key = prop.computed
                    ? String(evalExpr(ip, prop.key, scope))
                    : prop.key.type === 'Identifier'
                        ? prop.key.name
                        : String(prop.key.value);
                used.push(key);
                bindPattern(ip, prop.value, getMember(ip, v, key), scope, declare);
            }
            return;
        }
        case 'ArrayPattern':
            p.elements.forEach((el, i) => {
                if (!el)
                    return;
                if (el.type === 'RestElement')
                    bindPattern(ip, el.argument, Array.isArray(v) ? v.slice(i) : new Unknown('rest of unknown'), scope, declare);
                else
                    bindPattern(ip, el, Array.isArray(v) ? v[i] : v instanceof Unknown ? v : new Unknown('destructured non-array'), scope, declare);
            });
            return;
        case 'RestElement':
            bindPattern(ip, p.argument, v, scope, declare);
            return;
        case 'MemberExpression':
            assignMember(ip, p, v, scope);
            return;
        default:
            return;
    }
}
export function assignMember(ip, p, v, scope) {
    const obj = evalExpr(ip, p.object, scope);
    const key = p.computed
        ? evalExpr(ip, p.property, scope)
        : p.property.type === 'Identifier'
            ? p.property.name
            : undefined;
    if (obj instanceof JsObject && (typeof key === 'string' || typeof key === 'number'))
        obj.props.set(String(key), v);
    else if (Array.isArray(obj) && typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < 1e6)
        obj[key] = v;
}
