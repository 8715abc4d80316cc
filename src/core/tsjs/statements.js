// Statements of the JS subset: declarations, blocks, if, loops (for, for-of, for-in, while), return/break/continue, imports, exports.
import { evalExpr } from './evaluator';
import { BreakSignal, ContinueSignal, JsThrow, ReturnSignal } from './interp';
import { Scope } from './scope';
import { Closure, JsObject, Unknown, truthy } from './values';
import { Tensor } from '../model/tensor';
import { bindPattern } from './patterns';
import { makeClass } from './classes';
import { exportNames, importModule } from './imports';
/** Loops stop after this many iterations even inside the step budget (a model-building loop never needs more). */
const maxIterations = 100_000;
export function execBlockBody(ip, body, scope, isModule = false) {
    for (let s of body) {
        if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration)
            s = s.declaration;
        if (s.type === 'FunctionDeclaration' && s.id)
            scope.declare(s.id.name, new Closure(s, scope, s.id.name, ip.ctx.file));
    }
    for (const s of body) {
        execStmt(ip, s, scope);
        if (isModule)
            exportNames(ip, s, scope);
    }
}
function loopBody(ip, body, scope, label) {
    try {
        execStmt(ip, body, scope);
    }
    catch (e) {
        if (e instanceof BreakSignal && (!e.label || e.label === label))
            return 'break';
        if (e instanceof ContinueSignal && (!e.label || e.label === label))
            return 'continue';
        throw e;
    }
    return 'continue';
}
/** The shape a document statement binds (`const x = layer.apply(input)` -> `[B, 64]`), for hovers and annotations. */
function showValue(ip, s, v) {
    if (!(v instanceof Tensor) || !v.shape || !ip.ctx.inDoc)
        return;
    ip.ctx.recorder.bindValue(s.loc.start.line, s.loc.end.line, v);
}
export function execStmt(ip, s, scope, label) {
    ip.ctx.step();
    switch (s.type) {
        case 'ExpressionStatement': {
            const v = evalExpr(ip, s.expression, scope);
            if (s.expression.type === 'AssignmentExpression')
                showValue(ip, s, v);
            return;
        }
        case 'VariableDeclaration':
            for (const d of s.declarations) {
                const v = d.init ? evalExpr(ip, d.init, scope) : undefined;
                bindPattern(ip, d.id, v, scope);
                if (s.declarations.length === 1)
                    showValue(ip, s, v);
            }
            return;
        case 'FunctionDeclaration':
            if (s.id && !scope.has(s.id.name))
                scope.declare(s.id.name, new Closure(s, scope, s.id.name, ip.ctx.file));
            return;
        case 'BlockStatement':
            execBlockBody(ip, s.body, new Scope(scope));
            return;
        case 'IfStatement': {
            const t = truthy(evalExpr(ip, s.test, scope));
            if (t === undefined) {
                ip.ctx.skipped(s, 'if: condition unknown');
                return;
            } // neither branch runs: counted, never guessed
            if (t)
                execStmt(ip, s.consequent, scope);
            else if (s.alternate)
                execStmt(ip, s.alternate, scope);
            return;
        }
        case 'ForStatement': {
            const loop = new Scope(scope);
            if (s.init) {
                if (s.init.type === 'VariableDeclaration')
                    execStmt(ip, s.init, loop);
                else
                    evalExpr(ip, s.init, loop);
            }
            for (let i = 0; i < maxIterations; i++) {
                const t = s.test ? truthy(evalExpr(ip, s.test, loop)) : true;
                if (t === undefined) {
                    ip.ctx.skipped(s, 'for: loop condition unknown');
                    break;
                }
                if (!t)
                    break;
                const iter = new Scope(loop);
                if (loopBody(ip, s.body, iter, label) === 'break')
                    break;
                if (s.update)
                    evalExpr(ip, s.update, loop);
            }
            return;
        }
        case 'ForOfStatement':
        case 'ForInStatement': {
            const v = evalExpr(ip, s.right, scope);
            const items = s.type === 'ForOfStatement'
                ? Array.isArray(v)
                    ? [...v]
                    : typeof v === 'string'
                        ? [...v]
                        : undefined
                : v instanceof JsObject
                    ? [...v.props.keys()]
                    : Array.isArray(v)
                        ? v.map((_, i) => String(i))
                        : undefined;
            if (!items) {
                ip.ctx.skipped(s, `${s.type === 'ForOfStatement' ? 'for-of' : 'for-in'}: iterable unknown`);
                return;
            }
            for (const item of items) {
                const iter = new Scope(scope);
                const target = s.left.type === 'VariableDeclaration' ? s.left.declarations[0].id : s.left;
                bindPattern(ip, target, item, iter, s.left.type === 'VariableDeclaration');
                if (loopBody(ip, s.body, iter, label) === 'break')
                    break;
            }
            return;
        }
        case 'WhileStatement':
        case 'DoWhileStatement': {
            for (let i = 0; i < maxIterations; i++) {
                const t = s.type === 'WhileStatement' || i > 0 ? truthy(evalExpr(ip, s.test, scope)) : true;
                if (t === undefined) {
                    ip.ctx.skipped(s, 'while: condition unknown');
                    break;
                }
                if (!t)
                    break;
                if (loopBody(ip, s.body, new Scope(scope), label) === 'break')
                    break;
            }
            return;
        }
        case 'LabeledStatement':
            try {
                execStmt(ip, s.body, scope, s.label.name);
            }
            catch (e) {
                if (!(e instanceof BreakSignal && e.label === s.label.name))
                    throw e;
            }
            return;
        case 'ReturnStatement':
            throw new ReturnSignal(s.argument ? evalExpr(ip, s.argument, scope) : undefined);
        case 'BreakStatement':
            throw new BreakSignal(s.label?.name);
        case 'ContinueStatement':
            throw new ContinueSignal(s.label?.name);
        case 'ThrowStatement':
            throw new JsThrow(ip.ctx.span(s));
        case 'TryStatement':
            try {
                execStmt(ip, s.block, scope);
            }
            catch (e) {
                if (!(e instanceof JsThrow))
                    throw e;
            }
            if (s.finalizer)
                execStmt(ip, s.finalizer, scope);
            return;
        case 'SwitchStatement': {
            const d = evalExpr(ip, s.discriminant, scope);
            if (d instanceof Unknown) {
                ip.ctx.skipped(s, 'switch: value unknown');
                return;
            }
            let on = false;
            try {
                for (const c of s.cases) {
                    if (!on && (!c.test || evalExpr(ip, c.test, scope) === d))
                        on = true;
                    if (on)
                        for (const st of c.consequent)
                            execStmt(ip, st, scope);
                }
            }
            catch (e) {
                if (!(e instanceof BreakSignal) || e.label)
                    throw e;
            }
            return;
        }
        case 'ClassDeclaration':
            if (s.id)
                scope.declare(s.id.name, makeClass(ip, s, scope));
            return;
        case 'ImportDeclaration':
            importModule(ip, s, scope);
            return;
        case 'ExportNamedDeclaration':
            if (s.declaration)
                execStmt(ip, s.declaration, scope);
            return;
        case 'ExportDefaultDeclaration':
            if (s.declaration.type === 'FunctionDeclaration' ||
                s.declaration.type === 'ClassDeclaration' ||
                s.declaration.type === 'VariableDeclaration')
                execStmt(ip, s.declaration, scope);
            else
                scope.declare('default', evalExpr(ip, s.declaration, scope));
            return;
        default:
            return; // types, interfaces, classes, empty statements: nothing to evaluate
    }
}
