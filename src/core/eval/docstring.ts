// `__doc__` as CPython 3.11 sets it: the string literal that opens a function, class or module body, else None.
import type { Expr, Stmt } from '../python/ir';

export function docstringOf(body: readonly Stmt[] | Expr): string | null {
  if (!Array.isArray(body)) return null; // a lambda has no docstring
  const first = body[0];
  return first?.k === 'expr' && first.x.k === 'str' ? first.x.v : null;
}
