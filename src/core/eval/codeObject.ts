// A function's `__code__` as CPython 3.11 builds it: co_varnames (parameters, then plain locals in order of first
// use; locals a nested scope captures are cells, not listed), co_argcount, co_kwonlyargcount, co_name, co_filename.
import type { Expr, Param, Stmt } from '../python/ir';
import type { Interp } from './interpreter';
import { PyClass, PyFunction, PyInstance, PyTuple } from './values';

/** Names a scope binds and loads, each in order of first appearance. */
interface Names {
  readonly bound: string[];
  readonly seen: string[];
  readonly declared: Set<string>;
  /** Names nested scopes load that they do not bind themselves (free there, so cells here if local here). */
  readonly free: Set<string>;
}

function collect(params: readonly Param[], body: readonly Stmt[] | Expr): Names {
  const n: Names = { bound: [], seen: [], declared: new Set(), free: new Set() };
  const add = (list: string[], id: string) => {
    if (!list.includes(id)) list.push(id);
  };
  const bind = (id: string) => (add(n.bound, id), add(n.seen, id));
  const nested = (ps: readonly Param[], b: readonly Stmt[] | Expr) => {
    const inner = collect(ps, b);
    for (const id of [...inner.seen, ...inner.free])
      if (!inner.bound.includes(id) || inner.declared.has(id)) n.free.add(id);
  };
  const target = (t: Expr) => {
    if (t.k === 'name') bind(t.id);
    else if (t.k === 'seq') t.items.forEach(target);
    else if (t.k === 'star') target(t.x);
    else expr(t);
  };
  const expr = (e: Expr | undefined): void => {
    if (!e) return;
    switch (e.k) {
      case 'name':
        return add(n.seen, e.id);
      case 'walrus':
        bind(e.target);
        return expr(e.value);
      case 'lambda':
        e.params.forEach((p) => expr(p.def));
        return nested(e.params, e.body);
      case 'comp': {
        // The first iterable is evaluated here; the rest runs in the comprehension's own function scope.
        expr(e.clauses[0]?.iter);
        const stmts: Stmt[] = e.clauses.map((c, i) => ({
          k: 'for',
          target: c.target,
          iter: i ? c.iter : { k: 'const', v: 'None', s: 0, e: 0 },
          body: c.ifs.map((x) => ({ k: 'expr', x, s: 0, e: 0 })),
          orelse: [],
          s: 0,
          e: 0,
        }));
        stmts.push({ k: 'expr', x: e.elt, s: 0, e: 0 });
        if (e.value) stmts.push({ k: 'expr', x: e.value, s: 0, e: 0 });
        return nested([], stmts);
      }
      default:
        for (const v of Object.values(e))
          if (Array.isArray(v)) for (const x of v) child(x);
          else child(v);
    }
  };
  const child = (x: unknown) => {
    if (x && typeof x === 'object') {
      if ('k' in x) expr(x as Expr);
      else if ('value' in x) expr((x as { value: Expr }).value); // Arg, DictItem
      if ('key' in x) expr((x as { key?: Expr }).key);
    }
  };
  const stmts = (list: readonly Stmt[]) => list.forEach(stmt);
  const stmt = (s: Stmt): void => {
    switch (s.k) {
      case 'expr':
        return expr(s.x);
      case 'assign':
        expr(s.value);
        return s.targets.forEach(target);
      case 'aug':
        expr(s.value);
        return target(s.target);
      case 'ann':
        expr(s.value);
        return target(s.target);
      case 'if':
      case 'while':
        expr(s.test);
        stmts(s.body);
        return stmts(s.orelse);
      case 'for':
        expr(s.iter);
        target(s.target);
        stmts(s.body);
        return stmts(s.orelse);
      case 'def':
        s.decorators.forEach(expr);
        s.params.forEach((p) => expr(p.def));
        bind(s.name);
        return nested(s.params, s.body);
      case 'class':
        s.decorators.forEach(expr);
        s.bases.forEach((b) => expr(b.value));
        bind(s.name);
        return nested([], s.body);
      case 'return':
        return expr(s.value);
      case 'import':
        return s.names.forEach((x) => bind(x.alias ?? x.module.split('.')[0]));
      case 'from':
        return s.names.forEach((x) => x.name !== '*' && bind(x.alias ?? x.name));
      case 'try':
        stmts(s.body);
        for (const h of s.handlers) {
          expr(h.types);
          if (h.name) bind(h.name);
          stmts(h.body);
        }
        stmts(s.orelse);
        return stmts(s.final);
      case 'with':
        for (const it of s.items) {
          expr(it.ctx);
          if (it.target) target(it.target);
        }
        return stmts(s.body);
      case 'raise':
        return expr(s.x);
      case 'assert':
        expr(s.test);
        return expr(s.msg);
      case 'del':
        return s.targets.forEach(target);
      case 'scope':
        for (const id of s.names) n.declared.add(id);
    }
  };
  for (const p of params) bind(p.name);
  if (Array.isArray(body)) stmts(body);
  else expr(body as Expr);
  return n;
}

/** `fn.__code__`: an object with the co_* attributes model code reads (transformers' decorators test co_varnames). */
export function codeObject(ip: Interp, fn: PyFunction): PyInstance {
  const names = collect(fn.params, fn.body);
  const order = (kind: Param['kind']) => fn.params.filter((p) => p.kind === kind).map((p) => p.name);
  const args = [...order('pos'), ...order('kwonly'), ...order('star'), ...order('dstar')];
  const locals = names.bound.filter((id) => !args.includes(id) && !names.declared.has(id) && !names.free.has(id));
  // Locals appear in the order the compiler first meets them (a load before the store counts).
  const varnames = [...args, ...names.seen.filter((id) => locals.includes(id))];
  const code = new PyInstance(new PyClass('code', [ip.builtins.get('object') as PyClass], new Map()));
  code.attrs.set('co_varnames', new PyTuple(varnames));
  code.attrs.set('co_argcount', order('pos').length);
  code.attrs.set('co_kwonlyargcount', order('kwonly').length);
  code.attrs.set('co_nlocals', varnames.length);
  code.attrs.set('co_name', fn.name);
  code.attrs.set('co_filename', fn.file);
  code.native = fn; // types.FunctionType(code, ...) builds a function from it
  return code;
}
