// Python's built-in functions and exception classes, installed into the interpreter's builtins.
import { makeComplex } from './complexNumbers';
import type { Interp } from './interpreter';
import { BuiltinTypes } from './builtinTypes';
import { callValue } from './calls';
import { lookupAttr, lookupAttrPlain, setAttr, storeAttr } from './attributes';
import { iterate, len, toStr, repr, truthy } from './protocols';
import { compare, toNum } from './operators';
import { sortItems } from './builtinMethods';
import { hashKey } from './keys';
import { PyException } from './errors';
import { isGenerator, resume } from './generators';
import { unionMembers } from './unionType';
import { Tensor } from '../model/tensor';
import {
  BoundMethod,
  ClassMethod,
  ELLIPSIS,
  NativeFunction,
  Property,
  PyClass,
  PyDict,
  PyComplex,
  PyFloat,
  PyFunction,
  PyInstance,
  PyList,
  PyModule,
  OpenList,
  PyRange,
  PySet,
  PySlice,
  PySuper,
  PyTuple,
  StaticMethod,
  SymInt,
  UNKNOWN,
  Unknown,
  identity,
  type Value,
} from './values';

import { installDictMethods } from './dictSubclass';
import { attrsDict } from './attrsDict';

type Impl = (args: Value[], kwargs: Map<string, Value> | undefined) => Value;

/** `name(...)` as a builtin function of `ip`. */
function definer(ip: Interp): (name: string, impl: Impl) => void {
  return (name, impl) => ip.builtins.set(name, new NativeFunction(name, impl));
}

/** Python's builtins, area by area (the builtins namespace keeps the order below). */
export function installBuiltins(ip: Interp, types: BuiltinTypes): void {
  installTypes(ip, types);
  installIterables(ip);
  installNumbers(ip);
  installIntrospection(ip, types);
  installValues(ip);
  installExceptions(ip, types);
}

/** The built-in classes (int, float, str, list, dict, ...) and what calling each one builds; object's own hooks. */
function installTypes(ip: Interp, types: BuiltinTypes): void {
  const b = ip.builtins;
  const native = (cls: PyClass, impl: Impl) =>
    cls.dict.set('__new__', new NativeFunction('__new__', (args, kw) => impl(args.slice(1), kw)));

  for (const [k, v] of Object.entries(types))
    if (v instanceof PyClass && k !== 'noneType' && k !== 'function' && k !== 'module') b.set(v.name, v);
  native(types.int, ([x, base]) => toInt(x, base));
  native(types.float, ([x]) =>
    x === undefined
      ? new PyFloat(0)
      : typeof x === 'string'
        ? new PyFloat(parseFloat(x))
        : toNum(x) !== undefined
          ? new PyFloat(toNum(x)!)
          : x instanceof Tensor && x.data?.length === 1
            ? new PyFloat(x.data[0])
            : UNKNOWN,
  );
  native(types.complex, ([re, im], kw) => makeComplex(re ?? kw?.get('real'), im ?? kw?.get('imag')));
  native(types.str, ([x]) => (x === undefined ? '' : toStr(ip, x)));
  native(types.bool, ([x]) => {
    const t = x === undefined ? false : truthy(ip, x);
    return t === undefined ? UNKNOWN : t;
  });
  native(types.list, ([x]) => {
    if (x === undefined) return new PyList([]);
    const it = iterate(ip, x);
    return it ? new PyList(it) : new Unknown('list');
  });
  native(types.tuple, ([x]) => {
    if (x === undefined) return new PyTuple([]);
    const it = iterate(ip, x);
    return it ? new PyTuple(it) : new Unknown('tuple');
  });
  native(types.set, ([x]) => {
    const s = new PySet();
    for (const i of x === undefined ? [] : (iterate(ip, x) ?? [])) s.map.set(hashKey(i), i);
    return s;
  });
  native(types.dict, ([x], kw) => {
    const d = new PyDict();
    if (x instanceof PyDict) for (const [h, kv] of x.map) d.map.set(h, kv);
    else if (x !== undefined)
      for (const it of iterate(ip, x) ?? []) {
        const p = iterate(ip, it);
        if (p?.length === 2) d.map.set(hashKey(p[0]), [p[0], p[1]]);
      }
    for (const [k, v] of kw ?? []) d.map.set(hashKey(k), [k, v]);
    return d;
  });
  native(types.type, ([x]) => types.typeOf(x) ?? UNKNOWN);
  installDictMethods(ip, types);
  types.object.dict.set('__init_subclass__', new ClassMethod(new NativeFunction('__init_subclass__', () => null)));
  types.object.dict.set(
    '__getattribute__',
    new NativeFunction('__getattribute__', ([self, name]) => {
      if (typeof name !== 'string') return UNKNOWN;
      const v = lookupAttrPlain(ip, self ?? null, name);
      if (v === undefined) throw new PyException('AttributeError', name);
      return v;
    }),
  );
  types.object.dict.set(
    '__setattr__',
    new NativeFunction('__setattr__', ([self, name, v]) => {
      if (typeof name === 'string') storeAttr(ip, self ?? null, name, v ?? null);
      return null;
    }),
  );
  b.set('frozenset', types.set);
}

/** Functions over iterables: len, range, enumerate, zip, sorted, map, filter, any, all, sum, min, max. */
function installIterables(ip: Interp): void {
  const fn = definer(ip);
  fn('len', ([x]) => (x instanceof OpenList ? new Unknown('len of a partly modelled dir()') : len(ip, x)));
  fn('range', (args) => {
    const ns = args.map((a) => (typeof a === 'boolean' ? Number(a) : a));
    if (!ns.every((n) => typeof n === 'number')) return new Unknown('range over symbolic bounds');
    const [a, c, s] = ns as number[];
    return ns.length === 1 ? new PyRange(0, a, 1) : new PyRange(a, c, s ?? 1);
  });
  fn('enumerate', ([x, start]) => {
    const it = iterate(ip, x);
    const s0 = typeof start === 'number' ? start : 0;
    return it ? new PyList(it.map((v, i) => new PyTuple([i + s0, v]))) : new Unknown('enumerate');
  });
  fn('zip', (args) => {
    const its = args.map((a) => iterate(ip, a));
    if (its.some((i) => !i)) return new Unknown('zip');
    const n = Math.min(...its.map((i) => i!.length));
    return new PyList(Array.from({ length: n }, (_, k) => new PyTuple(its.map((i) => i![k]))));
  });
  fn('reversed', ([x]) => {
    const it = iterate(ip, x);
    return it ? new PyList(it.reverse()) : new Unknown('reversed');
  });
  fn('sorted', ([x], kw) => {
    const it = iterate(ip, x);
    if (!it) return new Unknown('sorted');
    sortItems(ip, it, kw);
    return new PyList(it);
  });
  fn('map', ([f, ...xs]) => {
    const its = xs.map((a) => iterate(ip, a));
    if (its.some((i) => !i)) return new Unknown('map');
    const n = Math.min(...its.map((i) => i!.length));
    return new PyList(
      Array.from({ length: n }, (_, k) =>
        callValue(
          ip,
          f,
          its.map((i) => i![k]),
          undefined,
          ip.site,
        ),
      ),
    );
  });
  fn('filter', ([f, x]) => {
    const it = iterate(ip, x);
    return it
      ? new PyList(it.filter((v) => truthy(ip, f === null ? v : callValue(ip, f, [v], undefined, ip.site)) === true))
      : new Unknown('filter');
  });
  fn('any', ([x]) => {
    const it = iterate(ip, x);
    if (!it) return UNKNOWN;
    let unk = false;
    for (const v of it) {
      const t = truthy(ip, v);
      if (t) return true;
      if (t === undefined) unk = true;
    }
    return unk ? UNKNOWN : false;
  });
  fn('all', ([x]) => {
    const it = iterate(ip, x);
    if (!it) return UNKNOWN;
    let unk = false;
    for (const v of it) {
      const t = truthy(ip, v);
      if (t === false) return false;
      if (t === undefined) unk = true;
    }
    return unk ? UNKNOWN : true;
  });
  fn('sum', ([x, start]) => {
    const it = iterate(ip, x);
    if (!it) return new Unknown('sum');
    let acc: Value = start ?? 0;
    for (const v of it) acc = ip.binary('+', acc, v);
    return acc;
  });
  fn('min', (args, kw) => extreme(ip, '<', args, kw));
  fn('max', (args, kw) => extreme(ip, '>', args, kw));
}

/** Numeric functions: abs, round, pow, divmod. */
function installNumbers(ip: Interp): void {
  const fn = definer(ip);
  fn('abs', ([x]) =>
    typeof x === 'number'
      ? Math.abs(x)
      : x instanceof PyFloat
        ? new PyFloat(Math.abs(x.v))
        : x instanceof PyComplex
          ? new PyFloat(Math.hypot(x.re, x.im))
          : x instanceof SymInt
            ? x
            : UNKNOWN,
  );
  fn('round', ([x, nd]) => {
    const n = toNum(x ?? null);
    if (n === undefined) return UNKNOWN;
    if (typeof nd === 'number') return new PyFloat(Math.round(n * 10 ** nd) / 10 ** nd);
    return roundHalfEven(n);
  });
  fn('pow', ([a, c]) => ip.binary('**', a, c));
  fn('divmod', ([a, c]) => new PyTuple([ip.binary('//', a, c), ip.binary('%', a, c)]));
}

/** Types and attributes at run time: isinstance, issubclass, callable, getattr/setattr/hasattr, super, repr, id, hash. */
function installIntrospection(ip: Interp, types: BuiltinTypes): void {
  const fn = definer(ip);
  fn('isinstance', ([x, c]) => types.isInstance(x, c) ?? UNKNOWN);
  fn('issubclass', ([x, c]) =>
    x instanceof PyClass
      ? c instanceof PyTuple || unionMembers(c)
        ? (unionMembers(c) ?? (c as PyTuple).items).some((i) => i instanceof PyClass && x.isSubclassOf(i))
        : c instanceof PyClass
          ? x.isSubclassOf(c)
          : UNKNOWN
      : UNKNOWN,
  );
  fn(
    'callable',
    ([x]) =>
      x instanceof NativeFunction ||
      x instanceof PyFunction ||
      x instanceof BoundMethod ||
      x instanceof PyClass ||
      (x instanceof PyInstance && (x.cls.lookup('__call__') !== undefined || x.cls.hooks.call !== undefined)),
  );
  fn('getattr', ([o, n, d]) => {
    if (typeof n !== 'string') return UNKNOWN;
    const v = lookupAttr(ip, o, n);
    if (v !== undefined) return v;
    if (d !== undefined) return d;
    throw new PyException('AttributeError', n);
  });
  fn('setattr', ([o, n, v]) => {
    if (typeof n === 'string') setAttr(ip, o, n, v);
    return null;
  });
  fn('hasattr', ([o, n]) =>
    o instanceof Unknown || typeof n !== 'string' ? UNKNOWN : lookupAttr(ip, o, n) !== undefined,
  );
  fn('dir', ([o]) => dirOf(o));
  fn('super', ([c, self]) => (c instanceof PyClass ? new PySuper(c, self ?? null) : UNKNOWN));
  fn('print', () => null);
  fn('repr', ([x]) => repr(ip, x));
  fn('id', ([x]) => (typeof x === 'object' && x !== null ? identity(x) : 0));
  fn('hash', ([x]) => hashKey(x).length);
}

/**
 * dir(x): the sorted names of a module, class or instance. A modelled module (torch.nn.functional) gives the names
 * the engine knows as an OpenList, since real PyTorch has more: `'silu' in dir(F)` is true or unknown, never false.
 */
function dirOf(o: Value | undefined): Value {
  const names = new Set<string>();
  if (o instanceof PyModule) for (const k of o.attrs.keys()) names.add(k);
  else if (o instanceof PyClass || o instanceof PyInstance) {
    if (o instanceof PyInstance) for (const k of o.attrs.keys()) names.add(k);
    for (const c of (o instanceof PyClass ? o : o.cls).mro) for (const k of c.dict.keys()) names.add(k);
  } else return new Unknown('dir');
  const sorted = [...names].filter((k) => !k.includes(':')).sort();
  // Open: a modelled module (no file), or a class with native behaviour (hooks) whose names are not all in its dict.
  const open =
    o instanceof PyModule ? o.file === undefined : Object.keys((o instanceof PyClass ? o : o.cls).hooks).length > 0;
  return open ? new OpenList(sorted) : new PyList(sorted);
}

/** Iterators, namespaces, descriptors and constants: iter, next, vars, slice, chr, ord, property, globals, Ellipsis. */
function installValues(ip: Interp): void {
  const b = ip.builtins;
  const fn = definer(ip);
  fn('iter', ([x]) => {
    const it = iterate(ip, x);
    return it ? new PyList(it) : new Unknown('iter');
  });
  fn('next', ([x, d]) => {
    if (isGenerator(x ?? null)) {
      const v = resume(ip, x ?? null, null);
      if (v !== undefined) return v;
      if (d !== undefined) return d;
      throw new PyException('StopIteration', '');
    }
    const it = iterate(ip, x);
    return it && it.length ? it[0] : (d ?? new Unknown('next'));
  });
  fn('vars', ([x]) => {
    const d = new PyDict();
    if (x && typeof x === 'object' && 'attrs' in x)
      for (const [k, v] of (x as { attrs: Map<string, Value> }).attrs) d.map.set('s' + k, [k, v]);
    return d;
  });
  fn('slice', ([a, c, s]) => (c === undefined ? new PySlice(null, a, null) : new PySlice(a, c, s ?? null)));
  fn('chr', ([x]) => (typeof x === 'number' ? String.fromCharCode(x) : UNKNOWN));
  fn('ord', ([x]) => (typeof x === 'string' ? x.charCodeAt(0) : UNKNOWN));
  fn('property', ([g, s]) => new Property(g, s ?? undefined));
  fn('staticmethod', ([f]) => new StaticMethod(f));
  fn('classmethod', ([f]) => new ClassMethod(f));
  // The running code's module namespace, live (`globals()[name]`).
  fn('globals', () => {
    const f = ip.frames[ip.frames.length - 1];
    const m = f && ip.modules.get(f.file);
    return m ? attrsDict(m.attrs) : new PyDict();
  });
  fn('locals', () => new PyDict());
  fn('__import__', () => UNKNOWN);
  b.set('Ellipsis', ELLIPSIS);
  b.set('NotImplemented', new Unknown('NotImplemented'));
  b.set('__debug__', true);
}

/** BaseException, Exception and the standard exception classes. */
function installExceptions(ip: Interp, types: BuiltinTypes): void {
  const b = ip.builtins;
  const exc = types.make('BaseException');
  exc.dict.set(
    '__init__',
    new NativeFunction('__init__', ([self, ...args]) => {
      if (self && typeof self === 'object' && 'attrs' in self)
        (self as { attrs: Map<string, Value> }).attrs.set('args', new PyTuple(args));
      return null;
    }),
  );
  b.set('BaseException', exc);
  const exception = types.make('Exception', [exc]);
  b.set('Exception', exception);
  for (const name of [
    'ValueError',
    'TypeError',
    'KeyError',
    'IndexError',
    'AttributeError',
    'NotImplementedError',
    'RuntimeError',
    'AssertionError',
    'StopIteration',
    'ImportError',
    'ModuleNotFoundError',
    'Warning',
    'UserWarning',
    'DeprecationWarning',
    'FutureWarning',
    'ZeroDivisionError',
    'OSError',
    'LookupError',
    'ArithmeticError',
    'OverflowError',
    'RecursionError',
    'NameError',
  ]) {
    b.set(name, types.make(name, [exception]));
  }
}

function toInt(x: Value | undefined, base?: Value): Value {
  if (x === undefined) return 0;
  if (typeof x === 'number' || x instanceof SymInt) return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof PyFloat) return Math.trunc(x.v);
  if (typeof x === 'string') {
    const n = parseInt(x.trim(), typeof base === 'number' ? base : 10);
    return Number.isNaN(n) ? UNKNOWN : n;
  }
  // A one-element tensor whose value the engine holds (torch.tensor([3, 4])[0]) converts as .item() does.
  if (x instanceof Tensor) return x.data?.length === 1 ? Math.trunc(x.data[0]) : new Unknown('int() of a tensor value');
  return UNKNOWN;
}

function roundHalfEven(n: number): number {
  const f = Math.floor(n);
  const d = n - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

function extreme(ip: Interp, op: '<' | '>', args: Value[], kw?: Map<string, Value>): Value {
  const items = args.length === 1 ? iterate(ip, args[0]) : args;
  if (!items) return new Unknown(op === '<' ? 'min' : 'max');
  if (items.length === 0) {
    const d = kw?.get('default');
    if (d !== undefined) return d;
    throw new PyException('ValueError', 'empty sequence');
  }
  const key = kw?.get('key');
  const k = (v: Value) => (key && key !== null ? callValue(ip, key, [v], undefined, ip.site) : v);
  let best = items[0];
  let bestKey = k(best);
  for (const v of items.slice(1)) {
    const kv = k(v);
    const c = compare(
      op,
      kv,
      bestKey,
      () => undefined,
      () => UNKNOWN,
    );
    if (c instanceof Unknown) return new Unknown('min/max of symbolic values');
    if (c === true) {
      best = v;
      bestKey = kv;
    }
  }
  return best;
}
