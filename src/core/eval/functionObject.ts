// A Python function as an object: its attributes (`__doc__`, `__dict__`, `__defaults__`...), types.FunctionType copies
// and functools.update_wrapper, as CPython 3.11 has them.
import { codeObject } from './codeObject';
import { attrsDict } from './attrsDict';
import { lookupAttr } from './attributes';
import { docstringOf } from './docstring';
import type { Interp } from './interpreter';
import { hashKey } from './keys';
import {
  BoundMethod,
  NativeFunction,
  PyDict,
  PyFunction,
  PyInstance,
  PyTuple,
  Unknown,
  force,
  type Value,
} from './values';

/** A Python function's attributes: its `__dict__` first, then the ones CPython gives every function. */
export function functionAttr(ip: Interp, fn: PyFunction, name: string): Value | undefined {
  const own = fn.attrs?.get(name);
  if (own !== undefined) return own;
  switch (name) {
    case '__name__':
      return fn.name;
    case '__qualname__':
      return fn.qualname ?? fn.name;
    case '__module__':
      return fn.closure.module.vars.get('__name__') ?? null;
    case '__code__':
      return codeObject(ip, fn);
    case '__get__':
      // The descriptor protocol: `fn.__get__(obj)` binds fn to obj (transformers patches a cache's methods so);
      // `fn.__get__(None, cls)` is fn itself.
      return new NativeFunction('__get__', ([inst]) =>
        inst === undefined || inst === null ? fn : new BoundMethod(inst, fn),
      );
    case '__doc__':
      return docstringOf(fn.body);
    case '__dict__':
      return attrsDict((fn.attrs ??= new Map()));
    case '__globals__':
      return attrsDict(fn.closure.module.vars);
    case '__defaults__': {
      // The defaults of the positional parameters, which are always the last ones that have any.
      const d = fn.params.flatMap((p, i) =>
        p.kind === 'pos' && fn.defaults[i] !== undefined ? [fn.defaults[i]!] : [],
      );
      return d.length ? new PyTuple(d) : null;
    }
    case '__kwdefaults__': {
      const d = new PyDict();
      fn.params.forEach((p, i) => {
        if (p.kind === 'kwonly' && fn.defaults[i] !== undefined) d.map.set(hashKey(p.name), [p.name, fn.defaults[i]!]);
      });
      return d.map.size ? d : null;
    }
  }
  if (name === '__wrapped__' && fn.wrapped !== undefined) return fn.wrapped;
  // A plain name not in its __dict__ is missing (AttributeError, getattr's default); other dunders are not modelled.
  return name.startsWith('__') && name.endsWith('__') && name !== '__wrapped__'
    ? new Unknown(`attribute ${name}`)
    : undefined;
}

/** `fn.name = v`: stored in the function's `__dict__`; `__defaults__`/`__kwdefaults__` replace the defaults. */
export function setFunctionAttr(fn: PyFunction, name: string, v: Value): void {
  v = force(v);
  if (name === '__wrapped__') fn.wrapped = v;
  if (name === '__defaults__' || name === '__kwdefaults__') {
    const kw = name === '__kwdefaults__';
    const pos = fn.params.flatMap((p, i) => (p.kind === 'pos' ? [i] : []));
    fn.params.forEach((p, i) => {
      if (p.kind === (kw ? 'kwonly' : 'pos')) fn.defaults[i] = undefined;
    });
    if (kw && v instanceof PyDict)
      fn.params.forEach((p, i) => {
        const e = p.kind === 'kwonly' ? v.map.get(hashKey(p.name)) : undefined;
        if (e) fn.defaults[i] = e[1];
      });
    if (!kw && v instanceof PyTuple) v.items.forEach((d, j) => (fn.defaults[pos[pos.length - v.items.length + j]] = d));
    return;
  }
  (fn.attrs ??= new Map()).set(name, v);
}

/**
 * types.FunctionType(code, globals, name=None, argdefs=None, closure=None) of a code object taken from a Python
 * function: a new function with that body; its defaults are `argdefs` only (keyword-only ones unset, as CPython).
 * Undefined when the code object is not one the engine made.
 */
export function functionFromCode(code: Value, name: Value, argdefs: Value): PyFunction | undefined {
  const src = code instanceof PyInstance ? code.native : undefined;
  if (!(src instanceof PyFunction)) return undefined;
  const fn = new PyFunction(
    typeof name === 'string' ? name : src.name,
    src.params,
    src.params.map(() => undefined),
    src.body,
    src.closure,
    src.file,
    src.line0,
  );
  fn.definingClass = src.definingClass;
  fn.qualname = src.qualname; // CPython 3.11 takes it from the code object (co_qualname)
  if (argdefs instanceof PyTuple) setFunctionAttr(fn, '__defaults__', argdefs);
  return fn;
}

const WRAPPER_ASSIGNMENTS = ['__module__', '__name__', '__qualname__', '__doc__'];

/** functools.update_wrapper(wrapper, wrapped): copies `__module__`, `__name__`, `__qualname__`, `__doc__` and `__dict__`, sets `__wrapped__`. */
export function updateWrapper(ip: Interp, wrapper: Value, wrapped: Value): Value {
  if (!(wrapper instanceof PyFunction)) return wrapper;
  // What a native callable would give is not modelled: unknown, as CPython copies only the attributes that exist.
  for (const a of WRAPPER_ASSIGNMENTS) setFunctionAttr(wrapper, a, lookupAttr(ip, wrapped, a) ?? new Unknown(a));
  if (wrapped instanceof PyFunction)
    for (const [k, v] of wrapped.attrs ?? []) if (!WRAPPER_ASSIGNMENTS.includes(k)) setFunctionAttr(wrapper, k, v);
  wrapper.wrapped = wrapped;
  return wrapper;
}
