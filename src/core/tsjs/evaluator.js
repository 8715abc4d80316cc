export const evalExpr = (ip, n, scope) => ip.evaluator.evalExpr(ip, n, scope);
export const callValue = (ip, fn, args, self, keepThis, home) => ip.evaluator.callValue(ip, fn, args, self, keepThis, home);
export const execBlockBody = (ip, body, scope, isModule) => ip.evaluator.execBlockBody(ip, body, scope, isModule);
