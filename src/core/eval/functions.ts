// Function and lambda objects: defaults evaluated at definition, decorators applied (unknown ones leave the function as it was).
import { callValue, evalArgs, evalExpr } from './evaluator';
import type { Expr, Stmt } from '../python/ir';
import type { Interp } from './interpreter';
import type { Scope } from './scope';
import { PyFunction, Unknown, type Value } from './values';
import { PyException } from './errors';

export function makeFunction(ip: Interp, st: Extract<Stmt, { k: 'def' }>, scope: Scope): Value {
  const defaults = st.params.map((p) => (p.def ? evalExpr(ip, p.def, scope) : undefined));
  const file = ip.frames[ip.frames.length - 1].file;
  const f = new PyFunction(st.name, st.params, defaults, st.body, scope, file, st.s);
  f.qualname = scope.qualnamePrefix + st.name;
  // CPython's `__class__` cell: zero-argument super() works in a method under any decorator (`@torch.no_grad()`).
  if (scope.kind === 'class') (scope.classFunctions ??= []).push(f);
  let fn: Value = f;
  for (let i = st.decorators.length - 1; i >= 0; i--) fn = applyDecorator(ip, st.decorators[i], fn, scope);
  return fn;
}

export function makeLambda(ip: Interp, e: Extract<Expr, { k: 'lambda' }>, scope: Scope): Value {
  const defaults = e.params.map((p) => (p.def ? evalExpr(ip, p.def, scope) : undefined));
  const fn = new PyFunction('<lambda>', e.params, defaults, e.body, scope, ip.frames[ip.frames.length - 1].file, e.s);
  fn.qualname = scope.qualnamePrefix + '<lambda>';
  return fn;
}

export function applyDecorator(ip: Interp, dec: Expr, target: Value, scope: Scope): Value {
  // An unknown decorator factory (`@register_model()` from an unresolved import) leaves the target as it was, unused.
  const factory = dec.k === 'call' ? evalExpr(ip, dec.fn, scope) : undefined;
  if (factory instanceof Unknown) return target;
  const d =
    dec.k === 'call' && factory !== undefined
      ? callValue(ip, factory, ...argsOf(evalArgs(ip, dec.args, scope)), ip.site)
      : evalExpr(ip, dec, scope);
  if (d instanceof Unknown) return target;
  const depth = ip.frames.length;
  try {
    const out = callValue(ip, d, [target], undefined, ip.site);
    return out instanceof Unknown ? target : out;
  } catch (err) {
    if (err instanceof PyException) {
      ip.frames.length = depth;
      return target;
    }
    throw err;
  }
}

function argsOf(a: ReturnType<typeof evalArgs>): [Value[], Map<string, Value> | undefined] {
  return [a.args, a.kwargs];
}
