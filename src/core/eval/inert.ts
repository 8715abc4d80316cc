// Code that cannot cost anything: skipping it on an unknown condition leaves every figure exact (no partial warning).
import type { Expr, Stmt } from '../python/ir';

/** A value read without computing: a name, a constant, an attribute chain, a string or an f-string of those. */
export function inertExpr(e: Expr): boolean {
  switch (e.k) {
    case 'name':
    case 'num':
    case 'str':
    case 'const':
      return true;
    case 'attr':
      return inertExpr(e.obj);
    case 'fstr':
      return e.parts.every((p) => typeof p === 'string' || inertExpr(p));
    default:
      return false;
  }
}

/**
 * Statements that raise, pass, or bind inert values: input validation (`elif not isinstance(...): raise`) and
 * bookkeeping (`name = obj.__name__`) that a condition the engine cannot decide may skip without losing any cost.
 * A `return` is not inert even of an inert value: skipping it costs what runs after it as if the function went on.
 */
export function inertBlock(stmts: readonly Stmt[]): boolean {
  return stmts.every((st) => {
    switch (st.k) {
      case 'raise':
      case 'pass':
      case 'assert':
        return true;
      case 'assign':
        return inertExpr(st.value) && st.targets.every((t) => t.k === 'name');
      default:
        return false;
    }
  });
}
