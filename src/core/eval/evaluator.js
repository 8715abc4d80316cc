export const evalExpr = (ip, e, scope) => ip.evaluator.evalExpr(ip, e, scope);
export const evalArgs = (ip, a, scope) => ip.evaluator.evalArgs(ip, a, scope);
export const callValue = (ip, fn, args, kw, site) => ip.evaluator.callValue(ip, fn, args, kw, site);
export const instantiate = (ip, cls, args, kw, site) => ip.evaluator.instantiate(ip, cls, args, kw, site);
