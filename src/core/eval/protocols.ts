// Python protocols over values: truthiness, iteration, indexing, len, str().
import { complexRepr } from './complexNumbers';
import { Dtype } from '../model/dtype';
import { callValue } from './evaluator';
import type { Interp } from './interpreter';

import { hashKey } from './keys';
import { Tensor } from '../model/tensor';
import { dimStr } from '../sym/dim';
import { checkSequence } from '../sym/limits';
import { PyException } from './errors';
import {
  ELLIPSIS,
  NativeFunction,
  PyClass,
  PyDict,
  PyComplex,
  PyFloat,
  PyFunction,
  PyInstance,
  PyList,
  PyModule,
  PyRange,
  PySet,
  PySlice,
  PyTuple,
  SymInt,
  Unknown,
  type Value,
  force,
} from './values';

export function truthy(ip: Interp, v: Value): boolean | undefined {
  v = force(v);
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof Unknown) return undefined;
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof PyComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof SymInt) return true; // symbolic dims are positive
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict || v instanceof PySet) return v.map.size > 0;
  if (v instanceof PyRange) return rangeLength(v) > 0;
  // A one-element tensor whose value is known (`if mask.any():` over a known mask); otherwise data-dependent.
  if (v instanceof Tensor) return v.data?.length === 1 ? v.data[0] !== 0 : undefined;
  if (v instanceof PyInstance) {
    const b = v.cls.lookup('__bool__') ?? v.cls.lookup('__len__');
    if (b && !v.cls.hooks.len) return truthy(ip, callValue(ip, b, [v], undefined, ip.site));
    const n = v.cls.hooks.len?.(v);
    return n === undefined ? true : n > 0;
  }
  return true;
}

export function rangeLength(r: PyRange): number {
  return Math.max(0, Math.ceil((r.stop - r.start) / r.step));
}

/** The items of an iterable, or undefined when they cannot be known. */
export function iterate(ip: Interp, v: Value): Value[] | undefined {
  v = force(v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.slice();
  if (v instanceof PyDict) return [...v.map.values()].map((kv) => kv[0]);
  if (v instanceof PySet) return [...v.map.values()];
  if (typeof v === 'string') return [...v];
  if (v instanceof PyRange) {
    const n = rangeLength(v);
    if (n > ip.maxSteps) return undefined;
    const out: Value[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = v.start + i * v.step;
    return out;
  }
  if (v instanceof PyInstance) {
    const h = v.cls.hooks.iter?.(v);
    if (h) return h;
    const it = v.cls.lookup('__iter__');
    if (it) return iterate(ip, callValue(ip, it, [v], undefined, ip.site));
    return undefined;
  }
  if (v instanceof PyClass) {
    const members = v.dict.get('__members__');
    if (members instanceof PyDict) return [...members.map.values()].map((kv) => kv[1]);
    return undefined;
  }
  if (v instanceof Tensor) return ip.torch.iterate(v);
  return undefined;
}

export function len(ip: Interp, v: Value): Value {
  v = force(v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict || v instanceof PySet) return v.map.size;
  if (typeof v === 'string') return v.length;
  if (v instanceof PyRange) return rangeLength(v);
  if (v instanceof Tensor) return v.shape?.[0] ?? new Unknown('len of unknown shape');
  if (v instanceof PyInstance) {
    const n = v.cls.hooks.len?.(v);
    if (n !== undefined) return n;
    const f = v.cls.lookup('__len__');
    if (f) return callValue(ip, f, [v], undefined, ip.site);
  }
  const items = iterate(ip, v);
  return items ? items.length : new Unknown('len');
}

function normIndex(i: number, n: number): number {
  return i < 0 ? i + n : i;
}

export function sliceBounds(s: PySlice, n: number): [number, number, number] | undefined {
  const step = s.step === null ? 1 : s.step;
  if (typeof step !== 'number' || step === 0) return undefined;
  const bound = (v: Value, def: number): number | undefined => {
    if (v === null) return def;
    if (typeof v !== 'number') return undefined;
    const x = v < 0 ? v + n : v;
    return step > 0 ? Math.min(Math.max(x, 0), n) : Math.min(Math.max(x, -1), n - 1);
  };
  const lo = bound(s.lo, step > 0 ? 0 : n - 1);
  const hi = bound(s.hi, step > 0 ? n : -1);
  if (lo === undefined || hi === undefined) return undefined;
  return [lo, hi, step];
}

function sliceItems(items: Value[], s: PySlice): Value[] | undefined {
  const b = sliceBounds(s, items.length);
  if (!b) return undefined;
  const [lo, hi, step] = b;
  const out: Value[] = [];
  if (step > 0) for (let i = lo; i < hi; i += step) out.push(items[i]);
  else for (let i = lo; i > hi; i += step) out.push(items[i]);
  return out;
}

export function getItem(ip: Interp, obj: Value, key: Value): Value {
  obj = force(obj);
  key = force(key);
  if (obj instanceof Tensor) return ip.torch.index(obj, key);
  if (obj instanceof Unknown) return obj;
  if (obj instanceof PyList || obj instanceof PyTuple) {
    if (key instanceof PySlice) {
      const items = sliceItems(obj.items, key);
      if (!items) return new Unknown('slice');
      return obj instanceof PyList ? new PyList(items) : new PyTuple(items);
    }
    if (typeof key === 'number' || typeof key === 'boolean') {
      const i = normIndex(Number(key), obj.items.length);
      if (i < 0 || i >= obj.items.length) throw new PyException('IndexError', 'index out of range');
      return obj.items[i];
    }
    return new Unknown('index');
  }
  if (typeof obj === 'string') {
    if (typeof key === 'number') return obj[normIndex(key, obj.length)] ?? new Unknown('index');
    if (key instanceof PySlice) {
      const items = sliceItems([...obj], key);
      return items ? items.join('') : new Unknown('slice');
    }
  }
  if (obj instanceof PyDict) {
    const kv = obj.map.get(hashKey(key));
    if (kv) return kv[1];
    if (key instanceof Unknown) return key;
    if (typeof key === 'string' && ip.pendingExporter(key, obj)) {
      const again = obj.map.get(hashKey(key));
      if (again) return again[1];
    }
    throw new PyException('KeyError', toStr(ip, key));
  }
  if (obj instanceof PyRange && typeof key === 'number') return obj.start + normIndex(key, rangeLength(obj)) * obj.step;
  if (obj instanceof PyInstance) {
    const h = obj.cls.hooks.index?.(obj, key);
    if (h !== undefined) return h;
    const f = obj.cls.lookup('__getitem__');
    if (f) return callValue(ip, f, [obj, key], undefined, ip.site);
  }
  if (obj instanceof PyClass) {
    const members = obj.dict.get('__members__');
    if (members instanceof PyDict && typeof key === 'string')
      return members.map.get(hashKey(key))?.[1] ?? new Unknown('enum member');
    return new Unknown(`${obj.name}[...]`); // typing generics: List[int], Optional[Tensor]
  }
  return new Unknown('subscript');
}

export function setItem(ip: Interp, obj: Value, key: Value, v: Value): void {
  obj = force(obj);
  if (typeof key === 'boolean') key = Number(key);
  if (obj instanceof PyList && typeof key === 'number') {
    const i = normIndex(key, obj.items.length);
    if (i < 0 || i >= obj.items.length) throw new PyException('IndexError', 'list assignment index out of range');
    obj.items[i] = v;
    return;
  }
  if (obj instanceof PyList && key instanceof PySlice) {
    setSlice(ip, obj, key, v);
    return;
  }
  if (obj instanceof PyList) {
    // Which item changed is unknown: every item is.
    ip.recorder.unknownOp(ip, 'list item assignment at an unknown index');
    obj.items = obj.items.map(() => new Unknown('list item'));
    return;
  }
  if (obj instanceof PyDict) {
    obj.map.set(hashKey(key), [key, v]);
    return;
  }
  if (obj instanceof Tensor) {
    ip.torch.setIndex(obj, key, v);
    return;
  }
  if (obj instanceof PyInstance) {
    const f = obj.cls.lookup('__setitem__');
    if (f) callValue(ip, f, [obj, key, v], undefined, ip.site);
  }
}

/** `xs[lo:hi] = it` (the list grows or shrinks), `xs[::k] = it` (as many items as the slice has). */
function setSlice(ip: Interp, obj: PyList, key: PySlice, v: Value): void {
  const items = iterate(ip, v);
  const b = sliceBounds(key, obj.items.length);
  if (!items || !b) {
    ip.recorder.unknownOp(ip, 'list slice assignment of unknown bounds or items');
    obj.items = obj.items.map(() => new Unknown('list item'));
    return;
  }
  const [lo, hi, step] = b;
  if (step === 1) {
    checkSequence(obj.items.length + items.length, 'list');
    obj.items.splice(lo, Math.max(0, hi - lo), ...items);
    return;
  }
  const at: number[] = [];
  if (step > 0) for (let i = lo; i < hi; i += step) at.push(i);
  else for (let i = lo; i > hi; i += step) at.push(i);
  if (at.length !== items.length)
    throw new PyException(
      'ValueError',
      `attempt to assign sequence of size ${items.length} to extended slice of size ${at.length}`,
    );
  at.forEach((i, k) => (obj.items[i] = items[k]));
}

export function delItem(ip: Interp, obj: Value, key: Value): void {
  const f = obj instanceof PyInstance ? obj.cls.lookup('__delitem__') : undefined;
  if (f) callValue(ip, f, [obj, key], undefined, ip.site);
  else if (obj instanceof PyDict) obj.map.delete(hashKey(key));
  else if (obj instanceof PyList && typeof key === 'number') obj.items.splice(normIndex(key, obj.items.length), 1);
}

export function toStr(ip: Interp, v: Value): string {
  v = force(v);
  if (v === null) return 'None';
  switch (typeof v) {
    case 'boolean':
      return v ? 'True' : 'False';
    case 'number':
      return String(v);
    case 'string':
      return v;
  }
  if (v instanceof PyFloat) return Number.isInteger(v.v) ? v.v.toFixed(1) : String(v.v);
  if (v instanceof PyComplex) return complexRepr(v);
  if (v instanceof SymInt) return dimStr(v);
  if (v instanceof PyList) return '[' + v.items.map((x) => repr(ip, x)).join(', ') + ']';
  if (v instanceof PyTuple)
    return '(' + v.items.map((x) => repr(ip, x)).join(', ') + (v.items.length === 1 ? ',)' : ')');
  if (v instanceof PyDict)
    return '{' + [...v.map.values()].map(([k, x]) => `${repr(ip, k)}: ${repr(ip, x)}`).join(', ') + '}';
  if (v instanceof PyClass) return `<class '${v.name}'>`;
  if (v instanceof PyFunction) return `<function ${v.name}>`;
  if (v instanceof PyModule) return `<module '${v.name}'>`;
  if (v instanceof Dtype) return `torch.${v.name}`;
  if (v instanceof Tensor) return `tensor(shape=${v.shapeString()})`;
  if (v === ELLIPSIS) return 'Ellipsis';
  if (v instanceof PyInstance) {
    const f = v.cls.lookup('__str__') ?? v.cls.lookup('__repr__');
    if (f instanceof PyFunction || f instanceof NativeFunction) {
      const r = callValue(ip, f, [v], undefined, ip.site);
      if (typeof r === 'string') return r;
    }
    const name = v.attrs.get('_name_');
    if (typeof name === 'string') return `${v.cls.name}.${name}`;
    return `<${v.cls.name} object>`;
  }
  return '?';
}

export function repr(ip: Interp, v: Value): string {
  return typeof v === 'string' ? `'${v}'` : toStr(ip, v);
}
