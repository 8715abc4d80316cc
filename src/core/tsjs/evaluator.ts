// The TS/JS evaluator's entry points as an interface: its modules call each other through the table an Interp carries
// instead of importing each other, so their imports form no cycle (as eval/evaluator.ts does for Python).
import type { Node } from './parse';
import type { Interp } from './interp';
import type { Scope } from './scope';
import type { JsClass, JsValue } from './values';

/** Installed on every Interp by interp.ts's caller (index.ts). */
export interface TsJsEvaluator {
  evalExpr(ip: Interp, n: Node, scope: Scope): JsValue;
  callValue(ip: Interp, fn: JsValue, args: JsValue[], self?: JsValue, keepThis?: boolean, home?: JsClass): JsValue;
  execBlockBody(ip: Interp, body: Node[], scope: Scope, isModule?: boolean): void;
}

export const evalExpr: TsJsEvaluator['evalExpr'] = (ip, n, scope) => ip.evaluator.evalExpr(ip, n, scope);
export const callValue: TsJsEvaluator['callValue'] = (ip, fn, args, self, keepThis, home) =>
  ip.evaluator.callValue(ip, fn, args, self, keepThis, home);
export const execBlockBody: TsJsEvaluator['execBlockBody'] = (ip, body, scope, isModule) =>
  ip.evaluator.execBlockBody(ip, body, scope, isModule);
