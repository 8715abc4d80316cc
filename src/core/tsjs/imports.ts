// Imports: `@tensorflow/tfjs*` modules bind the tf namespace (namespace, default or named); other modules give unknown values.
import type { Interp } from './interp';
import type { Scope } from './scope';
import type { TSESTree } from './parse';
import { Namespace, NativeFn, Unknown, type JsValue } from './values';

export function isTfModule(name: string): boolean {
  return /^@tensorflow\/tfjs(-node(-gpu)?|-layers|-core)?$/.test(name);
}

function member(ns: JsValue, name: string): JsValue {
  if (ns instanceof Namespace) return ns.members.get(name) ?? (ns.fallback ? ns.fallback(name) : undefined);
  return new Unknown(name);
}

export function importModule(ip: Interp, s: TSESTree.ImportDeclaration, scope: Scope): void {
  const from = String(s.source.value);
  const tf = isTfModule(from) ? ip.globals.get('tf') as JsValue : new Unknown(`import from ${from}`);
  for (const sp of s.specifiers) {
    if (sp.type === 'ImportNamespaceSpecifier' || sp.type === 'ImportDefaultSpecifier') scope.declare(sp.local.name, tf);
    else scope.declare(sp.local.name, member(tf, sp.imported.type === 'Identifier' ? sp.imported.name : String(sp.imported.value)));
  }
}

export function requireFn(ip: Interp): NativeFn {
  return new NativeFn('require', ({ args: [name] }) => (typeof name === 'string' && isTfModule(name) ? ip.globals.get('tf') as JsValue : new Unknown(`require(${String(name)})`)));
}
