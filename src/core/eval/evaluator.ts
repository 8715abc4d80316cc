// The evaluator's entry points as an interface (pyright's typeEvaluatorTypes.ts): the interpreter's modules call each other
// through the table an Interp carries instead of importing each other, so their imports form no cycle.
import type { Arg, Expr } from '../python/ir';
import type { Interp } from './interpreter';
import type { Scope } from './scope';
import type { CallSite, PyClass, Value } from './values';

/** What statements, calls, attributes and protocols need from each other; installed on every Interp by evaluatorTable.ts. */
export interface Evaluator {
  evalExpr(ip: Interp, e: Expr, scope: Scope): Value;
  evalArgs(
    ip: Interp,
    argExprs: Arg[],
    scope: Scope,
  ): { args: Value[]; kwargs?: Map<string, Value>; unknownStar?: boolean };
  callValue(ip: Interp, fn: Value, args: Value[], kwargs: Map<string, Value> | undefined, site: CallSite): Value;
  instantiate(ip: Interp, cls: PyClass, args: Value[], kwargs: Map<string, Value> | undefined, site: CallSite): Value;
}

export const evalExpr: Evaluator['evalExpr'] = (ip, e, scope) => ip.evaluator.evalExpr(ip, e, scope);
export const evalArgs: Evaluator['evalArgs'] = (ip, a, scope) => ip.evaluator.evalArgs(ip, a, scope);
export const callValue: Evaluator['callValue'] = (ip, fn, args, kw, site) =>
  ip.evaluator.callValue(ip, fn, args, kw, site);
export const instantiate: Evaluator['instantiate'] = (ip, cls, args, kw, site) =>
  ip.evaluator.instantiate(ip, cls, args, kw, site);
