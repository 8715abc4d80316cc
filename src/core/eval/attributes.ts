// Attribute access: instances, classes (MRO and descriptors), modules, super(), and built-in values.
import { functionAttr, setFunctionAttr } from './functionObject';
import { Dtype } from '../model/dtype';
import { callValue } from './evaluator';
import type { Interp } from './interpreter';

import { builtinMethod } from './builtinMethods';
import { attrsDict } from './attrsDict';
import { starName } from './imports';
import { PyException } from './errors';
import { Tensor } from '../model/tensor';
import {
  force,
  BoundMethod,
  ClassMethod,
  NativeFunction,
  Property,
  PyClass,
  PyFunction,
  PyInstance,
  PyModule,
  PySuper,
  PyTuple,
  StaticMethod,
  Unknown,
  UnresolvedImport,
  type Value,
} from './values';

/** Binds a class attribute found on `cls` for access through `self` (an instance or the class itself). */
function bind(ip: Interp, v: Value, self: Value, cls: PyClass): Value {
  if (v instanceof PyFunction || v instanceof NativeFunction)
    return self instanceof PyClass ? v : new BoundMethod(self, v);
  if (v instanceof StaticMethod) return v.fn;
  if (v instanceof ClassMethod) return new BoundMethod(cls, v.fn);
  if (v instanceof Property) return self instanceof PyClass ? v : callValue(ip, v.fget, [self], undefined, ip.site);
  return v;
}

/** Attribute lookup; undefined when the attribute does not exist (for hasattr/getattr defaults). */
export function lookupAttr(ip: Interp, obj: Value, name: string): Value | undefined {
  obj = force(obj);
  if (obj instanceof UnresolvedImport)
    return new UnresolvedImport(`attribute ${name}`, obj.module, `${obj.label}.${name}`, obj.at);
  if (obj instanceof PyInstance) {
    // A class's own __getattribute__ (HF configs map attribute names through it); object's is the plain lookup.
    const ga = customGetattribute(obj.cls);
    if (ga) {
      try {
        return callValue(ip, ga, [obj, name], undefined, ip.site);
      } catch (e) {
        if (e instanceof PyException && e.type === 'AttributeError') return undefined;
        throw e;
      }
    }
  }
  return lookupAttrPlain(ip, obj, name);
}

const getattributeCache = new WeakMap<PyClass, PyFunction | null>();
function customGetattribute(cls: PyClass): PyFunction | undefined {
  let f = getattributeCache.get(cls);
  if (f === undefined) {
    const v = cls.lookup('__getattribute__');
    getattributeCache.set(cls, (f = v instanceof PyFunction ? v : null));
  }
  return f ?? undefined;
}

/** object.__getattribute__: instance attributes, the class (descriptors bound), then __getattr__. */
export function lookupAttrPlain(ip: Interp, obj: Value, name: string): Value | undefined {
  obj = force(obj);
  if (obj instanceof Unknown) return new Unknown(`attribute ${name}`);
  if (obj instanceof PyTuple && obj.names) {
    const i = obj.names.indexOf(name);
    if (i >= 0) return obj.items[i];
  }
  if (obj instanceof PyInstance) {
    const own = obj.attrs.get(name);
    if (own !== undefined) return own;
    if (name === '__class__') return obj.cls;
    if (name === '__dict__') return attrsDict(obj.attrs);
    const c = obj.cls.lookup(name);
    if (c !== undefined) return bind(ip, c, obj, obj.cls);
    const hooked = obj.cls.hooks.getattr?.(obj, name);
    if (hooked !== undefined) return hooked;
    const ga = obj.cls.lookup('__getattr__');
    if (ga) return callValue(ip, ga, [obj, name], undefined, ip.site);
    return undefined;
  }
  if (obj instanceof PyClass) {
    if (name === '__name__') return obj.name;
    if (name === '__qualname__') {
      const q = obj.dict.get('__qualname__');
      return typeof q === 'string' ? q : obj.name;
    }
    if (name === '__mro__') return new PyTuple([...obj.mro]);
    if (name === '__bases__') return new PyTuple([...obj.bases]);
    if (name === '__base__') return obj.bases[0] ?? null;
    if (name === '__dict__') return attrsDict(obj.dict);
    const c = obj.lookup(name);
    return c === undefined ? undefined : bind(ip, c, obj, obj);
  }
  if (obj instanceof PyModule) {
    if (name === '__dict__') return attrsDict(obj.attrs);
    const v = obj.attrs.get(name);
    return v !== undefined ? v : starName(ip, obj.attrs, name);
  }
  if (obj instanceof PySuper) {
    const selfCls = obj.self instanceof PyInstance ? obj.self.cls : obj.self instanceof PyClass ? obj.self : undefined;
    if (!selfCls) return undefined;
    const mro = selfCls.mro;
    for (let i = mro.indexOf(obj.cls) + 1; i > 0 && i < mro.length; i++) {
      const v = mro[i].dict.get(name);
      if (v !== undefined) return bind(ip, v, obj.self, selfCls);
    }
    return undefined;
  }
  if (obj instanceof Tensor) return ip.torch.attr(obj, name);
  if (obj instanceof Dtype) {
    if (name === 'is_floating_point') return obj.isFloat;
    if (name === 'itemsize') return obj.bytes;
    return undefined;
  }
  if (obj instanceof PyFunction) return functionAttr(ip, obj, name);
  if (obj instanceof BoundMethod && name === '__self__') return obj.self;
  if (obj instanceof Property) return propertyAttr(obj, name);
  return builtinMethod(ip, obj, name);
}

/** A property's own attributes: `fget`/`fset`, and `setter`/`getter`/`deleter`, which return a copy with that function. */
function propertyAttr(p: Property, name: string): Value | undefined {
  if (name === 'fget') return p.fget;
  if (name === 'fset') return p.fset ?? null;
  if (name === 'setter') return new NativeFunction(name, ([f]) => new Property(p.fget, f));
  if (name === 'getter') return new NativeFunction(name, ([f]) => new Property(f, p.fset));
  if (name === 'deleter') return new NativeFunction(name, () => p);
  return undefined;
}

export function getAttr(ip: Interp, obj: Value, name: string): Value {
  const v = lookupAttr(ip, obj, name);
  if (v !== undefined) return v;
  const what =
    obj instanceof PyInstance
      ? `'${obj.cls.name}' object`
      : obj instanceof PyModule
        ? `module '${obj.name}'`
        : obj instanceof PyClass
          ? `class '${obj.name}'`
          : 'value';
  ip.report(
    'information',
    'unknown-attribute',
    `flopscope: ${what} has no attribute '${name}' that flopscope knows; treated as unknown`,
  );
  return new Unknown(`attribute ${name}`);
}

export function setAttr(ip: Interp, obj: Value, name: string, v: Value): void {
  obj = force(obj);
  if (obj instanceof PyInstance) {
    // A class's own __setattr__ (object's is the plain store below).
    const custom = obj.cls.lookup('__setattr__');
    if (custom instanceof PyFunction) {
      callValue(ip, custom, [obj, name, v], undefined, ip.site);
      return;
    }
    storeAttr(ip, obj, name, v);
  } else if (obj instanceof PyClass) obj.dict.set(name, v);
  else if (obj instanceof PyFunction) setFunctionAttr(obj, name, v);
  else if (obj instanceof PyModule) obj.attrs.set(name, v);
  else if (obj instanceof Tensor && name === 'requires_grad' && typeof v === 'boolean') obj.requiresGrad = v;
}

/** object.__setattr__: properties, native hooks (nn.Module registers children), else the instance's own attributes. */
export function storeAttr(ip: Interp, obj: Value, name: string, v: Value): void {
  if (obj instanceof PyInstance) {
    const prop = obj.cls.lookup(name);
    if (prop instanceof Property && prop.fset) {
      callValue(ip, prop.fset, [obj, v], undefined, ip.site);
      return;
    }
    if (obj.cls.hooks.setattr?.(obj, name, v)) return;
    obj.attrs.set(name, v);
  }
}

export function delAttr(_ip: Interp, obj: Value, name: string): void {
  if (obj instanceof PyInstance) obj.attrs.delete(name);
  else if (obj instanceof PyClass) obj.dict.delete(name);
}
