// Calling values: argument evaluation, parameter binding, Python functions, classes, bound methods.
import { evalExpr, instantiate } from './evaluator';
import type { Arg, Stmt } from '../python/ir';
import { isGeneratorBody, makeGenerator } from './generators';
import type { Interp } from './interpreter';
import { Signal } from './signal';
import { Scope } from './scope';

import { getItem, iterate } from './protocols';
import { lookupAttr } from './attributes';
import { useOfUnresolved } from './imports';
import { PyException } from './errors';
import { Tensor } from '../model/tensor';
import {
  force,
  LazyImport,
  BoundMethod,
  ClassMethod,
  NativeFunction,
  PyClass,
  PyDict,
  PyFunction,
  PyInstance,
  PyTuple,
  StaticMethod,
  Unknown,
  UnresolvedImport,
  type CallSite,
  type Value,
} from './values';

export function evalArgs(
  ip: Interp,
  argExprs: Arg[],
  scope: Scope,
): { args: Value[]; kwargs?: Map<string, Value>; unknownStar?: boolean } {
  const args: Value[] = [];
  let kwargs: Map<string, Value> | undefined;
  let unknownStar = false;
  for (const a of argExprs) {
    const v = evalExpr(ip, a.value, scope);
    if (a.kind === 'pos') args.push(v);
    else if (a.kind === 'kw') (kwargs ??= new Map()).set(a.name!, v);
    else if (a.kind === 'star') {
      const items = iterate(ip, v);
      // An unknown *args is most often a pass-through of the caller's own (empty) arguments: pass nothing to Python
      // functions; a native (torch op, builtin) called so gives an unknown value (see unknownStarCall).
      if (items) for (const it of items) args.push(it);
      else unknownStar = true;
    } else if (v instanceof PyDict) {
      kwargs ??= new Map();
      for (const [k, val] of v.map.values()) if (typeof k === 'string') kwargs.set(k, val);
    } else {
      // Any other mapping gives its keys() and items, as Python's `**`; one the engine cannot read is unknown like an
      // unknown *args (it was dropped: `OrderedDict(**{"a": 1}, **unknown)` gave a one-key dict).
      const m = force(v);
      const keysFn = m instanceof PyInstance ? lookupAttr(ip, m, 'keys') : undefined;
      const keys = keysFn === undefined ? undefined : iterate(ip, callValue(ip, keysFn, [], undefined, ip.site));
      if (keys && keys.every((k) => typeof k === 'string')) {
        kwargs ??= new Map();
        for (const k of keys) kwargs.set(k as string, getItem(ip, m, k));
      } else unknownStar = true;
    }
  }
  return unknownStar ? { args, kwargs, unknownStar } : { args, kwargs };
}

export function callValue(
  ip: Interp,
  fn: Value,
  args: Value[],
  kwargs: Map<string, Value> | undefined,
  site: CallSite,
): Value {
  ip.tick();
  fn = force(fn);
  if (fn instanceof NativeFunction) {
    if (fn.passThrough) return fn.impl(args, kwargs, site);
    // Native code inspects its arguments: resolve lazy imports first.
    for (let i = 0; i < args.length; i++) if (args[i] instanceof LazyImport) args[i] = force(args[i]);
    if (kwargs) for (const [k, v] of kwargs) if (v instanceof LazyImport) kwargs.set(k, force(v));
    return fn.impl(args, kwargs, site);
  }
  if (fn instanceof PyFunction) return callFunction(ip, fn, args, kwargs);
  if (fn instanceof BoundMethod) return callValue(ip, fn.fn, [fn.self, ...args], kwargs, site);
  if (fn instanceof PyClass) return instantiate(ip, fn, args, kwargs, site);
  if (fn instanceof PyInstance) {
    if (fn.cls.hooks.call) return fn.cls.hooks.call(fn, args, kwargs, site);
    const m = fn.cls.lookup('__call__');
    if (m) return callValue(ip, m, [fn, ...args], kwargs, site);
  }
  if (fn instanceof StaticMethod || fn instanceof ClassMethod) return callValue(ip, fn.fn, args, kwargs, site);
  if (fn instanceof UnresolvedImport) {
    useOfUnresolved(ip, fn);
    return new UnresolvedImport(fn.why, fn.module, `${fn.label}()`, fn.at);
  }
  const hasTensor =
    args.some((a) => a instanceof Tensor) || [...(kwargs?.values() ?? [])].some((a) => a instanceof Tensor);
  if (hasTensor) ip.recorder.unknownOp(ip, describeCallee(fn));
  return fn instanceof Unknown ? fn : new Unknown('call of non-callable');
}

function describeCallee(fn: Value): string {
  if (fn instanceof Unknown) return fn.why.replace(/^(name|attribute) /, '');
  if (fn instanceof PyInstance) return `${fn.cls.name} instance (not callable)`;
  return 'call';
}

export function callFunction(ip: Interp, fn: PyFunction, args: Value[], kwargs: Map<string, Value> | undefined): Value {
  if (ip.frames.length > 300) throw new PyException('RecursionError', 'maximum recursion depth exceeded');
  const scope = new Scope('function', fn.closure, fn.closure.builtins);
  scope.qualname = fn.qualname;
  bindParams(fn, args, kwargs, scope);
  if (fn.definingClass) {
    scope.vars.set('__class__', fn.definingClass);
    if (args.length) scope.vars.set('__self_arg__', args[0]);
  }
  const body = fn.body;
  // A generator function's call binds its arguments and returns the generator; its body runs on next().
  if (isGeneratorBody(body)) return makeGenerator(ip, body as Stmt[], scope, fn.file, fn.line0, fn.name);
  return ip.withFrame(fn.file, fn.line0, () => {
    try {
      if (!Array.isArray(body)) return evalExpr(ip, body, scope);
      ip.retVal = null;
      const sig = ip.execBlock(body, scope);
      const r = sig === Signal.Return ? ip.retVal : null;
      ip.retVal = null;
      return r;
    } catch (e) {
      // The traceback grows as the exception unwinds: this frame at the statement that was running.
      if (e instanceof PyException && e.frames.length < 64) {
        const top = ip.frames[ip.frames.length - 1];
        e.frames.push({ file: top.file, pos: top.pos, name: fn.name });
      }
      throw e;
    }
  });
}

function bindParams(fn: PyFunction, args: Value[], kwargs: Map<string, Value> | undefined, scope: Scope): void {
  const params = fn.params;
  let ai = 0;
  const used = new Set<string>();
  let extraKw: PyDict | undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p.kind === 'pos') {
      if (ai < args.length) {
        scope.vars.set(p.name, args[ai++]);
        used.add(p.name);
        continue;
      }
      const kv = kwargs?.get(p.name);
      if (kv !== undefined) {
        scope.vars.set(p.name, kv);
        used.add(p.name);
        continue;
      }
      const d = fn.defaults[i];
      if (d === undefined) throw new PyException('TypeError', `${fn.name}() missing required argument '${p.name}'`);
      scope.vars.set(p.name, d);
    } else if (p.kind === 'star') {
      scope.vars.set(p.name, new PyTuple(args.slice(ai)));
      ai = args.length;
    } else if (p.kind === 'kwonly') {
      const kv = kwargs?.get(p.name);
      if (kv !== undefined) {
        scope.vars.set(p.name, kv);
        used.add(p.name);
        continue;
      }
      const d = fn.defaults[i];
      if (d === undefined) throw new PyException('TypeError', `${fn.name}() missing keyword-only argument '${p.name}'`);
      scope.vars.set(p.name, d);
    } else {
      extraKw = new PyDict();
      scope.vars.set(p.name, extraKw);
    }
  }
  if (ai < args.length && !params.some((p) => p.kind === 'star'))
    throw new PyException(
      'TypeError',
      `${fn.name}() takes ${params.filter((p) => p.kind === 'pos').length} positional arguments but ${args.length} were given`,
    );
  if (kwargs) {
    for (const [k, v] of kwargs) {
      if (used.has(k)) continue;
      if (params.some((p) => p.name === k && (p.kind === 'pos' || p.kind === 'kwonly'))) continue;
      if (extraKw) extraKw.map.set('s' + k, [k, v]);
      else throw new PyException('TypeError', `${fn.name}() got an unexpected keyword argument '${k}'`);
    }
  }
}
