// Class statements and instantiation: bases, class bodies, native subclass hooks, __new__/__init__.
import { callValue, evalExpr } from './evaluator';
import { docstringOf } from './docstring';
import type { Expr, Stmt } from '../python/ir';
import type { Interp } from './interpreter';
import { Scope } from './scope';

import { applyDecorator } from './functions';
import { useOfUnresolved } from './imports';
import {
  force,
  ClassMethod,
  NativeFunction,
  Property,
  PyClass,
  PyFunction,
  PyInstance,
  StaticMethod,
  Unknown,
  UnresolvedImport,
  type CallSite,
  type Value,
} from './values';

export function defineClass(ip: Interp, st: Extract<Stmt, { k: 'class' }>, scope: Scope): Value {
  const objectCls = ip.builtins.get('object') as PyClass;
  const bases: PyClass[] = [];
  const unresolvedBases: UnresolvedImport[] = [];
  for (const a of st.bases) {
    if (a.kind !== 'pos') continue;
    const b = force(evalExpr(ip, a.value, scope));
    if (b instanceof PyClass) bases.push(b);
    else if (b instanceof Unknown) {
      if (b instanceof UnresolvedImport) unresolvedBases.push(b);
      ip.report(
        'information',
        'unknown-base',
        `flopscope: base class of '${st.name}' is unknown; its behaviour is not modelled`,
        { s: st.s, e: st.s + 5 + st.name.length },
      );
    }
  }
  if (bases.length === 0) bases.push(objectCls);
  const body = new Scope('class', scope, scope.builtins);
  body.vars.set('__module__', scope.module.vars.get('__name__') ?? null);
  body.vars.set('__qualname__', scope.qualnamePrefix + st.name);
  body.vars.set('__doc__', docstringOf(st.body)); // None when the body opens with no string
  ip.execBlock(st.body, body);
  const dict = new Map<string, Value>();
  const annotations: { name: string }[] = [];
  for (const [k, v] of body.vars) {
    if (k.startsWith('__annotations__:')) annotations.push({ name: k.slice(16) });
    else dict.set(k, v);
  }
  let cls: Value = new PyClass(st.name, bases, dict);
  cls.annotations = annotations;
  cls.ownAnnotations = ownAnnotations(st.body, body);
  if (unresolvedBases.length) unresolvedBasesOf.set(cls, unresolvedBases);
  for (const f of body.classFunctions ?? []) if (f instanceof PyFunction) f.definingClass ??= cls;
  for (const v of dict.values()) {
    const fn = v instanceof StaticMethod || v instanceof ClassMethod ? v.fn : v instanceof Property ? v.fget : v;
    if (fn instanceof PyFunction) fn.definingClass ??= cls; // Python binds __class__ where the function is defined
  }
  cls.hooks.onSubclass?.(cls);
  initSubclass(ip, cls);
  for (let i = st.decorators.length - 1; i >= 0; i--) cls = applyDecorator(ip, st.decorators[i], cls, scope);
  return cls;
}

/** Classes derived from an import that could not be resolved: each instance built is a gap. */
const unresolvedBasesOf = new WeakMap<PyClass, UnresolvedImport[]>();

export function instantiate(
  ip: Interp,
  cls: PyClass,
  args: Value[],
  kwargs: Map<string, Value> | undefined,
  site: CallSite,
): Value {
  const newFn = cls.lookup('__new__');
  let inst: Value;
  if (newFn instanceof NativeFunction || newFn instanceof StaticMethod || newFn instanceof PyFunction) {
    inst = callValue(ip, newFn instanceof StaticMethod ? newFn.fn : newFn, [cls, ...args], kwargs, site);
    if (!(inst instanceof PyInstance) || !inst.cls.isSubclassOf(cls)) return inst;
  } else inst = new PyInstance(cls);
  inst.createdLine = ip.docLine();
  for (const c of cls.mro) for (const b of unresolvedBasesOf.get(c) ?? []) useOfUnresolved(ip, b);
  const init = cls.lookup('__init__');
  if (init) callValue(ip, init, [inst, ...args], kwargs, site);
  return inst;
}

/** type.__new__ calls the nearest base's `__init_subclass__` (an implicit classmethod) on the new class. */
function initSubclass(ip: Interp, cls: PyClass): void {
  for (const base of cls.mro.slice(1)) {
    const f = base.dict.get('__init_subclass__');
    if (f === undefined) continue;
    const fn = f instanceof ClassMethod ? f.fn : f;
    if (fn instanceof PyFunction) callValue(ip, fn, [cls], undefined, ip.site);
    return;
  }
}

/** The annotated names of a class body, in order; 'unknown' when an annotation sits inside a block. */
function ownAnnotations(stmts: Stmt[], scope: Scope): PyClass['ownAnnotations'] {
  const names: { name: string; ann: Expr }[] = [];
  for (const st of stmts) {
    if (st.k === 'if' || st.k === 'for' || st.k === 'while' || st.k === 'try' || st.k === 'with') {
      if (JSON.stringify(st).includes('"k":"ann"')) return 'unknown';
    } else if (st.k === 'ann' && st.target.k === 'name') names.push({ name: st.target.id, ann: st.ann });
  }
  return { names, scope };
}
