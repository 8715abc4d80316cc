// Runs a program: the top level, then the entry (an explicit expression, or a model-building function found by name), and picks the model.
import { BudgetExceeded, Cancelled } from './context';
import { BreakSignal, ContinueSignal, JsThrow, ReturnSignal } from './interp';
import { Scope } from './scope';
import { parseExpression } from './parse';
import { Closure, Unknown } from './values';
import { execStmt } from './statements';
import { evalExpr } from './expressions';
import { callValue } from './calls';
import { Model } from './model';
function runGuarded(ip, f) {
    try {
        f();
    }
    catch (e) {
        if (e instanceof BudgetExceeded || e instanceof Cancelled)
            throw e;
        if (e instanceof JsThrow) {
            ip.ctx.report('warning', 'evaluation-stopped', 'flopscope: evaluation stopped here: the code throws', e.span);
            return;
        }
        if (e instanceof ReturnSignal || e instanceof BreakSignal || e instanceof ContinueSignal)
            return;
        throw e;
    }
}
const modelName = /model|network|^build$|^create$|^make$/i;
const buildsModel = /\b(sequential|model|input)\s*\(|\blayers\s*\.\s*\w+\s*\(/;
/** Top-level functions that may build a model, best first: a model-like name, then code that calls tf.sequential/tf.model/tf.layers. */
function entryCandidates(program, source) {
    const named = [], building = [];
    const add = (name, node) => {
        if (modelName.test(name))
            named.push(name);
        else if (buildsModel.test(source.slice(node.range[0], node.range[1])))
            building.push(name);
    };
    for (let s of program.body) {
        if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration)
            s = s.declaration;
        if (s.type === 'FunctionDeclaration' && s.id)
            add(s.id.name, s);
        if (s.type === 'VariableDeclaration')
            for (const d of s.declarations)
                if (d.id.type === 'Identifier' &&
                    d.init &&
                    (d.init.type === 'ArrowFunctionExpression' || d.init.type === 'FunctionExpression'))
                    add(d.id.name, d.init);
    }
    return [...named, ...building];
}
/** Arguments for an entry found by name: `tf` for a parameter named tf, the default for defaulted ones, unknown otherwise. */
function argsFor(fn, tf) {
    return fn.node.params.map((p) => p.type === 'Identifier' && p.name === 'tf'
        ? tf
        : p.type === 'AssignmentPattern'
            ? undefined
            : new Unknown(p.type === 'Identifier' ? p.name : 'parameter'));
}
function paramName(p) {
    return p.type === 'Identifier'
        ? p.name
        : p.type === 'AssignmentPattern' && p.left.type === 'Identifier'
            ? p.left.name
            : '…';
}
export function runProgram(ip, program, entry) {
    const scope = new Scope(ip.globals);
    const body = program.body;
    for (const s of body)
        if (s.type === 'FunctionDeclaration' && s.id)
            scope.declare(s.id.name, new Closure(s, scope, s.id.name, ip.ctx.file));
    for (const s of body)
        runGuarded(ip, () => execStmt(ip, s, scope));
    const tf = ip.globals.get('tf');
    const box = { result: undefined };
    let label = ip.models.length ? 'top-level' : undefined;
    if (entry) {
        label = entry;
        runGuarded(ip, () => {
            const expr = parseExpression(entry);
            if (!expr) {
                ip.ctx.report('warning', 'entry', `flopscope: the entry \`${entry}\` is not an expression`);
                return;
            }
            box.result = evalExpr(ip, expr, scope);
        });
    }
    else if (ip.models.length === 0) {
        for (const name of entryCandidates(program, ip.ctx.source)) {
            const fn = scope.get(name);
            if (!(fn instanceof Closure))
                continue;
            const before = ip.models.length, unknownBefore = ip.ctx.recorder.unknownOps;
            const args = argsFor(fn, tf);
            runGuarded(ip, () => {
                box.result = callValue(ip, fn, args);
            });
            if (ip.models.length > before || box.result instanceof Model) {
                const params = fn.node.params.map(paramName);
                label = `${name}(${params.join(', ')})`;
                const unknownArgs = params.filter((_, i) => args[i] instanceof Unknown);
                if (unknownArgs.length && ip.ctx.recorder.unknownOps > unknownBefore) {
                    ip.ctx.report('information', 'entry', `flopscope: analyzed ${label} with unknown ${unknownArgs.join(', ')}; give values with a comment like \`// flopscope: entry ${name}(${params.map(() => '…').join(', ')})\` or the Set Entry command`, ip.ctx.lineSpan(fn.node.loc.start.line));
                }
                break;
            }
        }
    }
    const model = box.result instanceof Model ? box.result : ip.models[ip.models.length - 1];
    return { entry: label, model };
}
