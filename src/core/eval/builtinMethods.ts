// Methods of built-in values: str, list, tuple, dict, set.
import { complexAttr } from './complexNumbers';
import { checkSequence } from '../sym/limits';
import { callValue } from './evaluator';
import type { Interp } from './interpreter';
import { hashKey } from './keys';
import { iterate, toStr } from './protocols';

import { compare, pyEquals } from './operators';
import { PyException } from './errors';
import { NativeFunction, PyDict, PyList, PySet, PyTuple, PyFloat, PyComplex, Unknown, type Value } from './values';

type Method = (ip: Interp, self: any, args: Value[], kwargs?: Map<string, Value>) => Value; // eslint-disable-line @typescript-eslint/no-explicit-any

const strMethods: Record<string, Method> = {
  join: (ip, s: string, [xs]) => {
    const items = iterate(ip, xs);
    if (!items || !items.every((i) => typeof i === 'string')) return new Unknown('join');
    checkSequence(
      items.reduce((n, i) => n + (i as string).length + s.length, 0),
      'string',
    );
    return items.join(s);
  },
  format: (ip, s: string, args, kw) => {
    let i = 0;
    return s.replace(/\{([^{}]*)\}/g, (_m, k: string) => {
      const name = k.split(/[:!]/)[0];
      const v = name === '' ? args[i++] : /^\d+$/.test(name) ? args[+name] : kw?.get(name);
      return v === undefined ? '' : toStr(ip, v);
    });
  },
  split: (_ip, s: string, args, kw) => splitCall(s, args, kw, false),
  rsplit: (_ip, s: string, args, kw) => splitCall(s, args, kw, true),
  replace: (_ip, s: string, [a, b]) =>
    typeof a === 'string' && typeof b === 'string' ? replaced(s, a, b) : new Unknown('replace'),
  startswith: (_ip, s: string, [p]) =>
    typeof p === 'string'
      ? s.startsWith(p)
      : p instanceof PyTuple
        ? p.items.some((x) => typeof x === 'string' && s.startsWith(x))
        : new Unknown('startswith'),
  endswith: (_ip, s: string, [p]) => (typeof p === 'string' ? s.endsWith(p) : new Unknown('endswith')),
  lower: (_ip, s: string) => s.toLowerCase(),
  upper: (_ip, s: string) => s.toUpperCase(),
  strip: (_ip, s: string) => s.trim(),
  lstrip: (_ip, s: string) => s.trimStart(),
  rstrip: (_ip, s: string) => s.trimEnd(),
  find: (_ip, s: string, [x]) => (typeof x === 'string' ? s.indexOf(x) : -1),
  count: (_ip, s: string, [x]) => (typeof x === 'string' && x ? s.split(x).length - 1 : 0),
  isdigit: (_ip, s: string) => /^\d+$/.test(s),
  isalpha: (_ip, s: string) => /^\p{L}+$/u.test(s),
  isalnum: (_ip, s: string) => /^[\p{L}\p{N}]+$/u.test(s),
  partition: (_ip, s: string, [sep]) => {
    if (typeof sep !== 'string' || !sep) return new Unknown('partition');
    const i = s.indexOf(sep);
    return new PyTuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (_ip, s: string, [sep]) => {
    if (typeof sep !== 'string' || !sep) return new Unknown('rpartition');
    const i = s.lastIndexOf(sep);
    return new PyTuple(i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (_ip, s: string, [p]) => (typeof p === 'string' && s.startsWith(p) ? s.slice(p.length) : s),
  removesuffix: (_ip, s: string, [p]) => (typeof p === 'string' && p && s.endsWith(p) ? s.slice(0, -p.length) : s),
  title: (_ip, s: string) => s.replace(/\b\w/g, (c) => c.toUpperCase()),
};

/** str.split / str.rsplit (sep=None splits on whitespace runs; maxsplit counts from the right for rsplit). */
function splitCall(s: string, [sep0, max0]: Value[], kw: Map<string, Value> | undefined, fromRight: boolean): Value {
  const sep = sep0 ?? kw?.get('sep') ?? null;
  const max = max0 ?? kw?.get('maxsplit') ?? -1;
  if ((sep !== null && typeof sep !== 'string') || typeof max !== 'number') return new Unknown('split');
  if (sep === '') throw new PyException('ValueError', 'empty separator');
  const parts = sep === null ? s.trim().split(/\s+/).filter(Boolean) : s.split(sep);
  if (max < 0 || parts.length <= max + 1) return new PyList(parts);
  // Whitespace splitting with a limit keeps the rest's own spacing: not modelled.
  if (sep === null) return new Unknown('split on whitespace with maxsplit');
  const joiner = sep;
  return new PyList(
    fromRight
      ? [parts.slice(0, parts.length - max).join(joiner), ...parts.slice(parts.length - max)]
      : [...parts.slice(0, max), parts.slice(max).join(joiner)],
  );
}

const listMethods: Record<string, Method> = {
  append: (_ip, l: PyList, [x]) => {
    l.items.push(x);
    return null;
  },
  // collections.deque is a list here; its left-end methods:
  appendleft: (_ip, l: PyList, [x]) => {
    l.items.unshift(x);
    return null;
  },
  popleft: (_ip, l: PyList) => {
    if (!l.items.length) throw new PyException('IndexError', 'pop from an empty deque');
    return l.items.shift()!;
  },
  extendleft: (ip, l: PyList, [x]) => {
    for (const v of iterate(ip, x) ?? []) l.items.unshift(v);
    return null;
  },
  extend: (ip, l: PyList, [x]) => {
    const items = iterate(ip, x);
    if (items) {
      checkSequence(l.items.length + items.length, 'list');
      ip.build(items.length);
      for (const it of items) l.items.push(it);
    }
    return null;
  },
  insert: (_ip, l: PyList, [i, x]) => {
    if (typeof i === 'number') l.items.splice(i < 0 ? Math.max(0, l.items.length + i) : i, 0, x);
    return null;
  },
  pop: (_ip, l: PyList, [i]) => {
    const idx = typeof i === 'number' ? (i < 0 ? l.items.length + i : i) : l.items.length - 1;
    if (idx < 0 || idx >= l.items.length) throw new PyException('IndexError', 'pop from empty list');
    return l.items.splice(idx, 1)[0];
  },
  remove: (_ip, l: PyList, [x]) => {
    const i = l.items.findIndex((y) => pyEquals(x, y) === true);
    if (i >= 0) l.items.splice(i, 1);
    return null;
  },
  index: (_ip, l: PyList | PyTuple, [x]) => {
    const i = l.items.findIndex((y) => pyEquals(x, y) === true);
    if (i < 0) throw new PyException('ValueError', 'not in list');
    return i;
  },
  count: (_ip, l: PyList | PyTuple, [x]) => l.items.filter((y) => pyEquals(x, y) === true).length,
  copy: (_ip, l: PyList) => new PyList(l.items.slice()),
  clear: (_ip, l: PyList) => {
    l.items.length = 0;
    return null;
  },
  reverse: (_ip, l: PyList) => {
    l.items.reverse();
    return null;
  },
  sort: (ip, l: PyList, _a, kw) => {
    sortItems(ip, l.items, kw);
    return null;
  },
};

export function sortItems(ip: Interp, items: Value[], kw?: Map<string, Value>): void {
  const key = kw?.get('key');
  const keyed = items.map((v) => [key && key !== null ? callValue(ip, key, [v], undefined, ip.site) : v, v] as const);
  keyed.sort((a, b) =>
    compare(
      '<',
      a[0],
      b[0],
      () => undefined,
      () => new Unknown(''),
    ) === true
      ? -1
      : compare(
            '<',
            b[0],
            a[0],
            () => undefined,
            () => new Unknown(''),
          ) === true
        ? 1
        : 0,
  );
  if (kw?.get('reverse') === true) keyed.reverse();
  keyed.forEach((kv, i) => (items[i] = kv[1]));
}

const dictMethods: Record<string, Method> = {
  get: (_ip, d: PyDict, [k, def]) => d.map.get(hashKey(k))?.[1] ?? (def === undefined ? null : def),
  items: (_ip, d: PyDict) => new PyList([...d.map.values()].map(([k, v]) => new PyTuple([k, v]))),
  // A set view, in insertion order (`d.keys() | other` is a set operation).
  keys: (_ip, d: PyDict) => {
    const s = new PySet();
    for (const [h, [k]] of d.map) s.map.set(h, k);
    return s;
  },
  values: (_ip, d: PyDict) => new PyList([...d.map.values()].map(([, v]) => v)),
  update: (ip, d: PyDict, [o], kw) => {
    if (o instanceof PyDict) for (const [h, kv] of o.map) d.map.set(h, kv);
    else if (o !== undefined)
      for (const it of iterate(ip, o) ?? []) {
        const p = iterate(ip, it);
        if (p?.length === 2) d.map.set(hashKey(p[0]), [p[0], p[1]]);
      }
    for (const [k, v] of kw ?? []) d.map.set(hashKey(k), [k, v]);
    return null;
  },
  pop: (_ip, d: PyDict, [k, def]) => {
    const h = hashKey(k);
    const kv = d.map.get(h);
    d.map.delete(h);
    if (kv) return kv[1];
    if (def === undefined) throw new PyException('KeyError', String(k));
    return def;
  },
  setdefault: (_ip, d: PyDict, [k, def]) => {
    const h = hashKey(k);
    const kv = d.map.get(h);
    if (kv) return kv[1];
    d.map.set(h, [k, def ?? null]);
    return def ?? null;
  },
  copy: (_ip, d: PyDict) => {
    const c = new PyDict();
    for (const [h, kv] of d.map) c.map.set(h, kv);
    return c;
  },
};

const setMethods: Record<string, Method> = {
  add: (_ip, s: PySet, [x]) => {
    s.map.set(hashKey(x), x);
    return null;
  },
  update: (ip, s: PySet, [x]) => {
    for (const i of iterate(ip, x) ?? []) s.map.set(hashKey(i), i);
    return null;
  },
  discard: (_ip, s: PySet, [x]) => {
    s.map.delete(hashKey(x));
    return null;
  },
  remove: (_ip, s: PySet, [x]) => {
    s.map.delete(hashKey(x));
    return null;
  },
  // Set algebra against any iterables (transformers' `set(rope_parameters.keys()).isdisjoint(layer_types)`).
  isdisjoint: (ip, s: PySet, [x]) => setOf(ip, x, (o) => [...o.keys()].every((k) => !s.map.has(k))),
  issubset: (ip, s: PySet, [x]) => setOf(ip, x, (o) => [...s.map.keys()].every((k) => o.has(k))),
  issuperset: (ip, s: PySet, [x]) => setOf(ip, x, (o) => [...o.keys()].every((k) => s.map.has(k))),
  union: (ip, s: PySet, xs) => combine(ip, s, xs, (out, o) => o.forEach((v, k) => out.set(k, v))),
  intersection: (ip, s: PySet, xs) =>
    combine(ip, s, xs, (out, o) => [...out.keys()].forEach((k) => o.has(k) || out.delete(k))),
  difference: (ip, s: PySet, xs) => combine(ip, s, xs, (out, o) => o.forEach((_, k) => out.delete(k))),
  symmetric_difference: (ip, s: PySet, xs) =>
    combine(ip, s, xs.slice(0, 1), (out, o) => o.forEach((v, k) => (out.has(k) ? out.delete(k) : out.set(k, v)))),
  copy: (ip, s: PySet) => combine(ip, s, [], () => undefined),
  clear: (_ip, s: PySet) => (s.map.clear(), null),
};

/** The items of an iterable as a set's map (hash key -> value), or unknown. */
function itemsOf(ip: Interp, x: Value | undefined): Map<string, Value> | undefined {
  const items = x === undefined ? undefined : iterate(ip, x);
  return items ? new Map(items.map((i) => [hashKey(i), i])) : undefined;
}

function setOf(ip: Interp, x: Value | undefined, f: (o: Map<string, Value>) => boolean): Value {
  const o = itemsOf(ip, x);
  return o ? f(o) : new Unknown('set method of an unknown iterable');
}

/** A new set: `s` with each iterable in `xs` applied by `step`. */
function combine(
  ip: Interp,
  s: PySet,
  xs: Value[],
  step: (out: Map<string, Value>, o: Map<string, Value>) => void,
): Value {
  const out = new PySet();
  s.map.forEach((v, k) => out.map.set(k, v));
  for (const x of xs) {
    const o = itemsOf(ip, x);
    if (!o) return new Unknown('set method of an unknown iterable');
    step(out.map, o);
  }
  return out;
}

export function builtinMethod(ip: Interp, obj: Value, name: string): Value | undefined {
  const table =
    typeof obj === 'string'
      ? strMethods
      : obj instanceof PyList
        ? listMethods
        : obj instanceof PyTuple
          ? { index: listMethods.index, count: listMethods.count }
          : obj instanceof PyDict
            ? dictMethods
            : obj instanceof PySet
              ? setMethods
              : undefined;
  if (typeof obj === 'number' && name === 'bit_length')
    return new NativeFunction(name, () => (obj === 0 ? 0 : Math.floor(Math.log2(Math.abs(obj))) + 1));
  if (obj instanceof PyComplex) return complexAttr(obj, name);
  if (obj instanceof PyFloat && name === 'is_integer') return new NativeFunction(name, () => Number.isInteger(obj.v));
  const m = table?.[name];
  if (!m) return undefined;
  return new NativeFunction(name, (args, kwargs) => m(ip, obj, args, kwargs));
}

/** str.replace within the string size limit (`s.replace('a', s)` can square a string's length). */
function replaced(s: string, a: string, b: string): string {
  const parts = s.split(a);
  checkSequence(s.length + (parts.length - 1) * (b.length - a.length), 'string');
  return parts.join(b);
}
