// Expression evaluation and assignment targets.
import { inertExpr } from './inert';
import { checkSequence } from '../sym/limits';
import { callValue, evalArgs } from './evaluator';
import type { Expr } from '../python/ir';
import type { Interp } from './interpreter';
import { Scope } from './scope';
import { compare, containsKey, pyEquals, unaryOp, type UnaryOperator } from './operators';

import { getAttr, setAttr, delAttr } from './attributes';
import { starName } from './imports';
import { getItem, setItem, delItem, iterate, truthy, toStr } from './protocols';
import { hashKey } from './keys';
import { makeLambda } from './functions';
import { unknownStarCall } from './unknownStar';
import {
  force,
  PyInstance,
  PySuper,
  PyClass,
  ELLIPSIS,
  PyDict,
  PyComplex,
  PyFloat,
  PyList,
  PySet,
  PySlice,
  PyTuple,
  Unknown,
  UNKNOWN,
  type Value,
} from './values';
import { PyException } from './errors';

/** A snapshot of a scope's own names as a dict (bookkeeping entries such as `__class__`, `a:b` keys left out). */
function localsOf(scope: Scope): PyDict {
  const d = new PyDict();
  for (const [k, v] of scope.vars)
    if (!k.includes(':') && !(k.startsWith('__') && k.endsWith('__') && scope.kind === 'function'))
      d.map.set(hashKey(k), [k, v]);
  return d;
}

export function evalExpr(ip: Interp, e: Expr, scope: Scope): Value {
  switch (e.k) {
    case 'yield':
      // Generators step statements that are a yield (eval/generators.ts); one inside a larger expression is a gap.
      ip.recorder.unknownOp(ip, 'yield inside an expression (unsupported)');
      return UNKNOWN;
    case 'name': {
      let v = scope.lookup(e.id);
      if (v === undefined) v = starName(ip, scope.module.vars, e.id);
      if (v === undefined) {
        ip.report('information', 'unknown-name', `flopscope: '${e.id}' is not defined here; treated as unknown`, {
          s: e.s,
          e: e.e,
        });
        return new Unknown(`name ${e.id}`);
      }
      return v;
    }
    case 'num':
      return e.imag ? new PyComplex(0, e.v) : e.float ? new PyFloat(e.v) : e.v;
    case 'str':
      return e.v;
    case 'fstr':
      return checkedString(e.parts.map((p) => (typeof p === 'string' ? p : toStr(ip, evalExpr(ip, p, scope)))));
    case 'const':
      return e.v === 'None' ? null : e.v === 'True' ? true : e.v === 'False' ? false : ELLIPSIS;
    case 'attr':
      return getAttr(ip, evalExpr(ip, e.obj, scope), e.name);
    case 'index':
      return getItem(ip, evalExpr(ip, e.obj, scope), evalExpr(ip, e.index, scope));
    case 'slice':
      return new PySlice(
        e.lo ? evalExpr(ip, e.lo, scope) : null,
        e.hi ? evalExpr(ip, e.hi, scope) : null,
        e.step ? evalExpr(ip, e.step, scope) : null,
      );
    case 'call': {
      if (e.fn.k === 'name' && e.fn.id === 'super' && e.args.length === 0) return zeroArgSuper(scope);
      const fn = evalExpr(ip, e.fn, scope);
      // locals(): the calling scope's names (nest's `locals()[param_name]`); the builtin cannot see the scope.
      if (e.args.length === 0 && fn === ip.builtins.get('locals')) return localsOf(scope);
      const { args, kwargs, unknownStar } = evalArgs(ip, e.args, scope);
      const unknownCall = unknownStar ? unknownStarCall(ip, fn) : undefined;
      if (unknownCall) return unknownCall;
      const frame = ip.frames[ip.frames.length - 1];
      const saved = frame.pos;
      return callValue(ip, fn, args, kwargs, { file: frame.file, s: saved });
    }
    case 'bin':
      return ip.binary(e.op, evalExpr(ip, e.l, scope), evalExpr(ip, e.r, scope));
    case 'unary': {
      const x = evalExpr(ip, e.x, scope);
      if (e.op === 'not') {
        const t = truthy(ip, x);
        return t === undefined ? UNKNOWN : !t;
      }
      return unaryOp(e.op as UnaryOperator, x, ip.torch.unary);
    }
    case 'bool': {
      const l = evalExpr(ip, e.l, scope);
      const t = truthy(ip, l);
      if (t === undefined) {
        const r = evalExpr(ip, e.r, scope);
        // Decided by the right operand alone: `unknown or True` is truthy, `unknown and False` falsy (Mamba's
        // `use_scan and scan is not None and is_compiling()`).
        const rt = truthy(ip, r);
        return (e.op === 'or' && rt === true) || (e.op === 'and' && rt === false) ? r : UNKNOWN;
      }
      if (e.op === 'and') return t ? evalExpr(ip, e.r, scope) : l;
      return t ? l : evalExpr(ip, e.r, scope);
    }
    case 'cmp':
      return compare(e.op, evalExpr(ip, e.l, scope), evalExpr(ip, e.r, scope), (c, x) => contains(ip, c, x), ip.binary);
    case 'cond': {
      const t = truthy(ip, evalExpr(ip, e.test, scope));
      if (t === undefined && inertExpr(e.then) && inertExpr(e.orelse)) {
        // Nothing to cost on either side, but the value chosen is unknown unless both sides give the same one.
        const [a, b] = [evalExpr(ip, e.then, scope), evalExpr(ip, e.orelse, scope)];
        return pyEquals(a, b) === true ? a : new Unknown('a conditional on an unknown value');
      }
      if (t === undefined) ip.undecided('branch');
      return t === true ? evalExpr(ip, e.then, scope) : evalExpr(ip, e.orelse, scope);
    }
    case 'seq': {
      const items: Value[] = [];
      for (const it of e.items) {
        if (it.k === 'star') {
          const xs = iterate(ip, evalExpr(ip, it.x, scope));
          if (!xs) return new Unknown('starred unknown');
          checkSequence(items.length + xs.length, e.kind === 'tuple' ? 'tuple' : 'list');
          for (const x of xs) items.push(x);
        } else items.push(evalExpr(ip, it, scope));
      }
      if (e.kind === 'tuple') return new PyTuple(items);
      if (e.kind === 'list') return new PyList(items);
      const s = new PySet();
      for (const it of items) s.map.set(hashKey(it), it);
      return s;
    }
    case 'dict': {
      const d = new PyDict();
      for (const it of e.items) {
        const v = evalExpr(ip, it.value, scope);
        if (!it.key) {
          if (v instanceof PyDict) for (const [k, kv] of v.map) d.map.set(k, kv);
          continue;
        }
        const k = evalExpr(ip, it.key, scope);
        d.map.set(hashKey(k), [k, v]);
      }
      return d;
    }
    case 'comp':
      return comprehension(ip, e, scope);
    case 'lambda':
      return makeLambda(ip, e, scope);
    case 'star':
      return evalExpr(ip, e.x, scope);
    case 'walrus': {
      const v = evalExpr(ip, e.value, scope);
      scope.assign(e.target, v);
      return v;
    }
    case 'bad':
      return new Unknown('syntax');
  }
}

const COMPREHENSION_NAMES = { list: '<listcomp>', set: '<setcomp>', dict: '<dictcomp>', gen: '<genexpr>' };

function comprehension(ip: Interp, e: Extract<Expr, { k: 'comp' }>, outer: Scope): Value {
  const scope = new Scope('function', outer, outer.builtins);
  scope.qualname = outer.qualnamePrefix + COMPREHENSION_NAMES[e.kind];
  scope.comprehension = true;
  const out: Value[] = [];
  const dict = new PyDict();
  let unknown = false;
  const run = (i: number): void => {
    if (unknown) return;
    if (i === e.clauses.length) {
      if (e.kind === 'dict') {
        const k = evalExpr(ip, e.elt, scope);
        dict.map.set(hashKey(k), [k, evalExpr(ip, e.value!, scope)]);
      } else out.push(evalExpr(ip, e.elt, scope));
      return;
    }
    const c = e.clauses[i];
    const items = iterate(ip, evalExpr(ip, c.iter, i === 0 ? outer : scope));
    if (!items) {
      unknown = true;
      return;
    }
    for (const it of items) {
      ip.tick();
      assignTo(ip, c.target, it, scope);
      if (c.ifs.every((cond) => truthy(ip, evalExpr(ip, cond, scope)) === true)) run(i + 1);
    }
  };
  run(0);
  if (unknown) return new Unknown('comprehension over unknown');
  if (e.kind === 'dict') return dict;
  if (e.kind === 'set') {
    const s = new PySet();
    for (const v of out) s.map.set(hashKey(v), v);
    return s;
  }
  return e.kind === 'gen' ? new PyTuple(out) : new PyList(out);
}

export function assignTo(ip: Interp, t: Expr, v: Value, scope: Scope): void {
  switch (t.k) {
    case 'name':
      scope.assign(t.id, v);
      return;
    case 'attr':
      setAttr(ip, evalExpr(ip, t.obj, scope), t.name, v);
      return;
    case 'index':
      setItem(ip, evalExpr(ip, t.obj, scope), evalExpr(ip, t.index, scope), v);
      return;
    case 'seq':
      return unpack(ip, t.items, v, scope);
    case 'star':
      assignTo(ip, t.x, v, scope);
      return;
    default:
      return;
  }
}

function unpack(ip: Interp, targets: Expr[], v: Value, scope: Scope): void {
  const items = iterate(ip, v);
  const starAt = targets.findIndex((t) => t.k === 'star');
  if (!items) {
    for (const t of targets) assignTo(ip, t, new Unknown('unpacking unknown'), scope);
    return;
  }
  if (starAt < 0) {
    if (items.length !== targets.length)
      throw new PyException('ValueError', `cannot unpack ${items.length} values into ${targets.length}`);
    targets.forEach((t, i) => assignTo(ip, t, items[i], scope));
    return;
  }
  const after = targets.length - starAt - 1;
  targets.slice(0, starAt).forEach((t, i) => assignTo(ip, t, items[i], scope));
  assignTo(ip, targets[starAt], new PyList(items.slice(starAt, items.length - after)), scope);
  targets.slice(starAt + 1).forEach((t, i) => assignTo(ip, t, items[items.length - after + i], scope));
}

export function deleteTarget(ip: Interp, t: Expr, scope: Scope): void {
  if (t.k === 'name') scope.delete(t.id);
  else if (t.k === 'attr') delAttr(ip, evalExpr(ip, t.obj, scope), t.name);
  else if (t.k === 'index') delItem(ip, evalExpr(ip, t.obj, scope), evalExpr(ip, t.index, scope));
}

function zeroArgSuper(scope: Scope): Value {
  const cls = scope.lookup('__class__');
  const self = scope.lookup('__self_arg__');
  return cls instanceof PyClass && self !== undefined ? new PySuper(cls, self) : new Unknown('super()');
}

/** The parts of an f-string joined, within the string size limit (`s = f"{s}{s}"` doubles). */
function checkedString(parts: string[]): string {
  checkSequence(
    parts.reduce((n, p) => n + p.length, 0),
    'string',
  );
  return parts.join('');
}

/** `x in c`: built-in containers, then a class's `__contains__` (dict subclasses find dict's), else `__iter__`. */
function contains(ip: Interp, c: Value, x: Value): boolean | undefined {
  c = force(c);
  if (c instanceof PyInstance) {
    const f = c.cls.lookup('__contains__');
    if (f) return truthy(ip, callValue(ip, f, [c, x], undefined, ip.site));
    const items = iterate(ip, c);
    if (items) return containsKey(new PyList(items), x);
  }
  const r = containsKey(c, x);
  // A registry filled by modules a lazy star import has not run yet: run them, then look again.
  if (r === false && c instanceof PyDict && typeof x === 'string' && ip.pendingExporter(x, c)) return containsKey(c, x);
  return r;
}
