// Calling values: closures (parameters, defaults, rest, destructuring), natives with their evaluator hooks, and unknown callees.
import { evalExpr, execBlockBody } from './evaluator';
import { BudgetExceeded, Cancelled, TfError } from './context';
import { ConfigUnknown } from './config';
import { ReturnSignal } from './interp';
import { Scope } from './scope';
import { Closure, JsClass, NativeFn, Unknown } from './values';
import { bindPattern } from './patterns';
/** Calls `fn`; `self` is `this` for non-arrow functions (`keepThis` forces it for arrows, e.g. field initializers); `home` is the class of a constructor (for `super`). */
export function callValue(ip, fn, args, self = undefined, keepThis = false, home) {
    ip.ctx.step();
    if (fn instanceof NativeFn) {
        try {
            return fn.fn({ args, self, call: (f, a) => callValue(ip, f, a) });
        }
        catch (e) {
            // A TF.js error outside a layer build (e.g. a bad input shape in a config) or an undeterminable config value.
            if (e instanceof TfError) {
                ip.ctx.tfError(e.code, e.message);
                return new Unknown(fn.name);
            }
            if (e instanceof ConfigUnknown) {
                ip.ctx.unknownOp(`${fn.name} (${e.key} unknown)`);
                return new Unknown(fn.name);
            }
            throw e;
        }
    }
    if (fn instanceof Closure)
        return callClosure(ip, fn, args, self, keepThis, home);
    if (fn instanceof JsClass)
        return new Unknown(`class ${fn.name} called without new`);
    if (fn instanceof Unknown)
        return new Unknown(`result of ${fn.why}`);
    return new Unknown('call of a non-function');
}
function callClosure(ip, fn, args, self, keepThis, home) {
    if (ip.depth > 200)
        return new Unknown(`recursion too deep in ${fn.name}`);
    const scope = new Scope(fn.scope);
    if (fn.node.type !== 'ArrowFunctionExpression' || keepThis)
        scope.declare('this', self);
    if (home)
        scope.declare('%home', home);
    const params = fn.node.params;
    params.forEach((p, i) => {
        if (p.type === 'RestElement')
            bindPattern(ip, p.argument, args.slice(i), scope);
        else if (p.type === 'TSParameterProperty')
            bindPattern(ip, p.parameter, args[i], scope);
        else
            bindPattern(ip, p, args[i], scope);
    });
    const body = fn.node.body;
    if (!body)
        return undefined;
    ip.depth++;
    const file = ip.ctx.file;
    ip.ctx.file = fn.file;
    try {
        if (body.type !== 'BlockStatement')
            return evalExpr(ip, body, scope);
        execBlockBody(ip, body.body, scope);
        return undefined;
    }
    catch (e) {
        if (e instanceof ReturnSignal)
            return e.value;
        if (e instanceof BudgetExceeded || e instanceof Cancelled)
            throw e;
        throw e;
    }
    finally {
        ip.depth--;
        ip.ctx.file = file;
    }
}
