// Expressions of the JS subset: literals, names, arrays/objects with spread, operators, conditionals, functions, calls, members, assignments.
import { checkSequence } from '../sym/limits';
import { callValue } from './evaluator';
import { missing } from './scope';
import { Closure, JsClass, JsObject, Unknown, isUnknown, truthy } from './values';
import { construct, makeClass, runConstructor } from './classes';
import { binary, unary } from './operators';
import { getMember } from './members';
import { assignMember, bindPattern } from './patterns';
export function evalExpr(ip, n, scope) {
    ip.ctx.step();
    switch (n.type) {
        case 'Literal':
            if ('regex' in n && n.regex)
                return new Unknown('regex');
            if (typeof n.value === 'bigint')
                return Number(n.value);
            return n.value;
        case 'Identifier': {
            if (n.name === 'undefined')
                return undefined;
            const v = scope.get(n.name);
            return v === missing ? new Unknown(n.name) : v;
        }
        case 'TemplateLiteral': {
            let s = n.quasis[0].value.cooked ?? '';
            for (let i = 0; i < n.expressions.length; i++) {
                const v = evalExpr(ip, n.expressions[i], scope);
                if (isUnknown(v))
                    return v;
                s += String(v) + (n.quasis[i + 1].value.cooked ?? '');
            }
            return s;
        }
        case 'ArrayExpression': {
            const out = [];
            for (const el of n.elements) {
                if (!el)
                    out.push(undefined);
                else if (el.type === 'SpreadElement') {
                    const v = evalExpr(ip, el.argument, scope);
                    if (!Array.isArray(v))
                        return new Unknown('spread of unknown');
                    checkSequence(out.length + v.length, 'list');
                    for (const x of v)
                        out.push(x);
                }
                else
                    out.push(evalExpr(ip, el, scope));
            }
            return out;
        }
        case 'ObjectExpression': {
            const o = new JsObject();
            for (const p of n.properties) {
                if (p.type === 'SpreadElement') {
                    const v = evalExpr(ip, p.argument, scope);
                    if (v instanceof JsObject)
                        for (const [k, x] of v.props)
                            o.props.set(k, x);
                    continue;
                }
                const key = p.computed
                    ? evalExpr(ip, p.key, scope)
                    : p.key.type === 'Identifier'
                        ? p.key.name
                        : p.key.value;
                if (typeof key !== 'string' && typeof key !== 'number')
                    continue;
                o.props.set(String(key), evalExpr(ip, p.value, scope));
            }
            return o;
        }
        case 'BinaryExpression':
            if (n.left.type === 'PrivateIdentifier')
                return new Unknown('private');
            return binary(n.operator, evalExpr(ip, n.left, scope), evalExpr(ip, n.right, scope));
        case 'LogicalExpression': {
            const l = evalExpr(ip, n.left, scope);
            if (n.operator === '??')
                return l === null || l === undefined ? evalExpr(ip, n.right, scope) : l;
            const t = truthy(l);
            if (t === undefined)
                return l;
            if (n.operator === '&&')
                return t ? evalExpr(ip, n.right, scope) : l;
            return t ? l : evalExpr(ip, n.right, scope);
        }
        case 'UnaryExpression':
            if (n.operator === 'typeof' && n.argument.type === 'Identifier' && !scope.has(n.argument.name))
                return 'undefined';
            return unary(n.operator, evalExpr(ip, n.argument, scope));
        case 'ConditionalExpression': {
            const t = truthy(evalExpr(ip, n.test, scope));
            if (t === undefined)
                return new Unknown('condition');
            return evalExpr(ip, t ? n.consequent : n.alternate, scope);
        }
        case 'ArrowFunctionExpression':
        case 'FunctionExpression':
            return new Closure(n, scope, n.type === 'FunctionExpression' && n.id ? n.id.name : 'anonymous', ip.ctx.file);
        case 'CallExpression':
            return evalCall(ip, n, scope);
        case 'NewExpression': {
            const callee = evalExpr(ip, n.callee, scope);
            return construct(ip, callee, evalArgs(ip, n.arguments, scope));
        }
        case 'ThisExpression': {
            const v = scope.get('this');
            return v === missing ? undefined : v;
        }
        case 'ClassExpression':
            return makeClass(ip, n, scope);
        case 'MemberExpression': {
            const obj = evalExpr(ip, n.object, scope);
            if (n.optional && (obj === null || obj === undefined))
                return undefined;
            return getMember(ip, obj, memberKey(ip, n, scope));
        }
        case 'ChainExpression':
            return evalExpr(ip, n.expression, scope);
        case 'AssignmentExpression':
            return assign(ip, n, scope);
        case 'UpdateExpression': {
            const old = evalExpr(ip, n.argument, scope);
            const nv = binary(n.operator === '++' ? '+' : '-', typeof old === 'number' ? old : new Unknown('update'), 1);
            store(ip, n.argument, nv, scope);
            return n.prefix ? nv : old;
        }
        case 'SequenceExpression': {
            let v;
            for (const e of n.expressions)
                v = evalExpr(ip, e, scope);
            return v;
        }
        case 'AwaitExpression':
            return evalExpr(ip, n.argument, scope);
        case 'TSAsExpression':
        case 'TSNonNullExpression':
        case 'TSSatisfiesExpression':
        case 'TSTypeAssertion':
        case 'TSInstantiationExpression':
            return evalExpr(ip, n.expression, scope);
        default:
            return new Unknown(n.type);
    }
}
function memberKey(ip, n, scope) {
    if (n.computed)
        return evalExpr(ip, n.property, scope);
    return n.property.type === 'Identifier' ? n.property.name : new Unknown('private');
}
function store(ip, target, v, scope) {
    if (target.type === 'Identifier')
        scope.set(target.name, v);
    else if (target.type === 'MemberExpression')
        assignMember(ip, target, v, scope);
    else
        bindPattern(ip, target, v, scope, false);
}
function assign(ip, n, scope) {
    if (n.operator === '=') {
        const v = evalExpr(ip, n.right, scope);
        store(ip, n.left, v, scope);
        return v;
    }
    const old = evalExpr(ip, n.left, scope);
    const op = n.operator.slice(0, -1);
    let v;
    if (op === '&&' || op === '||' || op === '??') {
        const keep = op === '??' ? old !== null && old !== undefined : op === '&&' ? !truthy(old) : truthy(old);
        if (keep)
            return old;
        v = evalExpr(ip, n.right, scope);
    }
    else
        v = binary(op, old, evalExpr(ip, n.right, scope));
    store(ip, n.left, v, scope);
    return v;
}
function evalArgs(ip, args, scope) {
    const out = [];
    for (const a of args) {
        if (a.type === 'SpreadElement') {
            const v = evalExpr(ip, a.argument, scope);
            if (Array.isArray(v)) {
                checkSequence(out.length + v.length, 'list');
                for (const x of v)
                    out.push(x);
            }
            else
                out.push(new Unknown('spread'));
        }
        else
            out.push(evalExpr(ip, a, scope));
    }
    return out;
}
/** `super(...)` in a constructor: the base constructor on the same `this`. */
function callSuper(ip, n, scope) {
    const home = scope.get('%home'), self = scope.get('this');
    const args = evalArgs(ip, n.arguments, scope);
    if (home instanceof JsClass && home.parent instanceof JsClass && self instanceof JsObject)
        runConstructor(ip, home.parent, self, args);
    return undefined;
}
function evalCall(ip, n, scope) {
    const { ctx } = ip;
    let fn, self;
    if (n.callee.type === 'Super')
        return callSuper(ip, n, scope);
    if (n.callee.type === 'MemberExpression' && n.callee.object.type === 'Super') {
        self = scope.get('this');
        const home = scope.get('%home');
        const key = memberKey(ip, n.callee, scope);
        const base = home instanceof JsClass ? home.parent : undefined;
        fn =
            base instanceof JsClass && typeof key === 'string'
                ? (base.methods.get(key) ?? new Unknown(`super.${key}`))
                : new Unknown('super');
    }
    else if (n.callee.type === 'MemberExpression') {
        self = evalExpr(ip, n.callee.object, scope);
        if (n.callee.optional && (self === null || self === undefined))
            return undefined;
        fn = getMember(ip, self, memberKey(ip, n.callee, scope));
    }
    else
        fn = evalExpr(ip, n.callee, scope);
    if (n.optional && (fn === null || fn === undefined))
        return undefined;
    ctx.callLines.push(ctx.inDoc ? n.loc.start.line : 0);
    ctx.callSpans.push(ctx.span(n));
    try {
        const args = evalArgs(ip, n.arguments, scope);
        return callValue(ip, fn, args, self);
    }
    finally {
        ctx.callLines.pop();
        ctx.callSpans.pop();
    }
}
