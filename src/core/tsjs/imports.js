// Imports: `@tensorflow/tfjs*` bind the tf namespace; relative modules are read through the injected reader and run once; others are unknown.
import { execBlockBody } from './evaluator';
import { BreakSignal, ContinueSignal, JsThrow, ReturnSignal } from './interp';
import { Scope } from './scope';
import { parseSource } from './parse';
import { JsObject, Namespace, NativeFn, Unknown } from './values';
import { candidates, isRelative } from './modulePath';
export function isTfModule(name) {
    return /^@tensorflow\/tfjs(-node(-gpu)?|-layers|-core)?$/.test(name);
}
function member(ns, name) {
    if (ns instanceof Namespace)
        return ns.members.get(name) ?? (ns.fallback ? ns.fallback(name) : undefined);
    if (ns instanceof JsObject)
        return ns.props.has(name) ? ns.props.get(name) : new Unknown(`${name} (not exported)`);
    return new Unknown(name);
}
/** Runs a relative module (once; a cycle sees the exports made so far) and returns its exports object. */
function loadModule(ip, spec) {
    if (!ip.readFile || ip.moduleDepth > 8)
        return new Unknown(`import from ${spec}`);
    for (const path of candidates(ip.ctx.file, spec)) {
        const cached = ip.modules.get(path);
        if (cached)
            return cached.props.get('exports') ?? cached;
        const text = ip.readFile(path);
        if (text === undefined)
            continue;
        const module = new JsObject([['exports', new JsObject()]]);
        ip.modules.set(path, module);
        const parsed = parseSource(text, path);
        if (!parsed.program)
            return new Unknown(`syntax error in ${path}`);
        const scope = new Scope(ip.globals);
        scope.declare('module', module);
        scope.declare('exports', module.props.get('exports'));
        const file = ip.ctx.file;
        ip.ctx.file = path;
        ip.moduleDepth++;
        try {
            execBlockBody(ip, parsed.program.body, scope, true);
        }
        catch (e) {
            // A module that throws or returns at its top level stops there; its exports so far stay usable.
            if (!(e instanceof JsThrow ||
                e instanceof ReturnSignal ||
                e instanceof BreakSignal ||
                e instanceof ContinueSignal))
                throw e;
        }
        finally {
            ip.ctx.file = file;
            ip.moduleDepth--;
        }
        return module.props.get('exports');
    }
    return new Unknown(`import from ${spec}`);
}
export function resolveModule(ip, spec) {
    if (isTfModule(spec))
        return ip.globals.get('tf');
    if (isRelative(spec))
        return loadModule(ip, spec);
    return new Unknown(`import from ${spec}`);
}
export function importModule(ip, s, scope) {
    if (s.importKind === 'type')
        return;
    const mod = resolveModule(ip, String(s.source.value));
    for (const sp of s.specifiers) {
        if (sp.type === 'ImportNamespaceSpecifier')
            scope.declare(sp.local.name, mod);
        else if (sp.type === 'ImportDefaultSpecifier')
            scope.declare(sp.local.name, mod instanceof JsObject && mod.props.has('default') ? mod.props.get('default') : mod);
        else
            scope.declare(sp.local.name, member(mod, sp.imported.type === 'Identifier' ? sp.imported.name : String(sp.imported.value)));
    }
}
/** Records a module's exports as its statements run (`export const`, `export function`, `export { a as b }`, `export default`). */
export function exportNames(ip, s, scope) {
    const exportsObj = scope.get('exports');
    if (!(exportsObj instanceof JsObject))
        return;
    if (s.type === 'ExportNamedDeclaration') {
        const d = s.declaration;
        const names = [];
        if (d?.type === 'VariableDeclaration')
            for (const v of d.declarations) {
                if (v.id.type === 'Identifier')
                    names.push(v.id.name);
            }
        else if (d && 'id' in d && d.id && d.id.type === 'Identifier')
            names.push(d.id.name);
        for (const n of names)
            exportsObj.props.set(n, scope.get(n));
        const from = s.source ? resolveModule(ip, String(s.source.value)) : undefined;
        for (const sp of s.specifiers) {
            const local = sp.local.type === 'Identifier' ? sp.local.name : String(sp.local.value);
            const exported = sp.exported.type === 'Identifier' ? sp.exported.name : String(sp.exported.value);
            exportsObj.props.set(exported, from !== undefined ? member(from, local) : scope.get(local));
        }
    }
    else if (s.type === 'ExportDefaultDeclaration') {
        const d = s.declaration;
        exportsObj.props.set('default', 'id' in d && d.id && d.id.type === 'Identifier'
            ? scope.get(d.id.name)
            : scope.get('default'));
    }
}
export function requireFn(ip) {
    return new NativeFn('require', ({ args: [name] }) => typeof name === 'string' ? resolveModule(ip, name) : new Unknown('require(…)'));
}
