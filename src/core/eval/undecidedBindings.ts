// An `if` the engine cannot decide whose body only binds names: the else runs, and a name the body binds otherwise is unknown.
import type { Expr, Stmt } from '../python/ir';
import type { Interp } from './interpreter';
import type { Scope } from './scope';
import { PyException } from './errors';
import { assignTo, evalExpr } from './expressions';
import { pyEquals } from './operators';
import { Unknown, type Value } from './values';

type NameExpr = Expr & { k: 'name' };

/**
 * What an inert body (see `inertBlock`) would bind, evaluated before the else branch runs: name node → value. A body
 * that raises or returns leaves nothing to merge (the path that continues is the else branch alone).
 */
export function inertBodyBindings(ip: Interp, body: readonly Stmt[], scope: Scope): Map<string, [NameExpr, Value]> {
  const out = new Map<string, [NameExpr, Value]>();
  for (const st of body) {
    if (st.k === 'raise' || st.k === 'return') return new Map();
    if (st.k !== 'assign') continue;
    // A value that reads a name the body itself bound earlier would need the body's own scope: unknown.
    const value = readsAny(st.value, out)
      ? new Unknown('a value bound under an unknown condition')
      : valueOf(ip, st.value, scope);
    for (const t of st.targets) if (t.k === 'name') out.set(t.id, [t, value]);
  }
  return out;
}

/** After the else branch: each name the body would have bound to a different value becomes unknown. */
export function forgetDiffering(ip: Interp, would: Map<string, [NameExpr, Value]>, scope: Scope): void {
  for (const [, [target, value]] of would) {
    const now = valueOf(ip, target, scope);
    if (pyEquals(value, now) !== true)
      assignTo(ip, target, new Unknown('a value chosen by an unknown condition'), scope);
  }
}

function valueOf(ip: Interp, e: Expr, scope: Scope): Value {
  try {
    return evalExpr(ip, e, scope);
  } catch (err) {
    if (err instanceof PyException) return new Unknown('unbound under an unknown condition');
    throw err;
  }
}

function readsAny(e: Expr, names: Map<string, unknown>): boolean {
  switch (e.k) {
    case 'name':
      return names.has(e.id);
    case 'attr':
      return readsAny(e.obj, names);
    case 'fstr':
      return e.parts.some((p) => typeof p !== 'string' && readsAny(p, names));
    default:
      return false;
  }
}
