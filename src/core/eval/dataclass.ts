// @dataclass: an __init__ built from the class annotations and defaults (field(default=..., default_factory=...)).
import type { Interp } from './interpreter';
import { callValue } from './calls';
import { hashKey } from './keys';
import { PyException } from './errors';
import { NativeFunction, PyClass, PyDict, PyInstance, PyList, PyTuple, Unknown, type Value } from './values';
import { deepCopy } from './deepCopy';
import { setAttr } from './attributes';

const dataclassFieldsKey = '__dataclass_fields__';

interface Field {
  name: string;
  def?: Value;
  factory?: Value;
}

function fieldsOf(cls: PyClass): Field[] {
  const out: Field[] = [];
  for (const c of [...cls.mro].reverse()) {
    for (const { name } of c.annotations) {
      const raw = c.dict.get(name);
      const f: Field = { name };
      if (raw instanceof PyDict && raw.map.has(hashKey('__field__'))) {
        f.def = raw.map.get(hashKey('default'))?.[1];
        f.factory = raw.map.get(hashKey('default_factory'))?.[1];
      } else if (raw !== undefined) f.def = raw;
      const i = out.findIndex((o) => o.name === name);
      if (i >= 0) out[i] = f;
      else out.push(f);
    }
  }
  return out;
}

function decorate(ip: Interp, cls: PyClass): PyClass {
  const fields = fieldsOf(cls);
  for (const f of fields)
    if (f.factory !== undefined || (f.def instanceof PyDict && f.def.map.has(hashKey('__field__'))))
      cls.dict.delete(f.name);
  cls.dict.set(dataclassFieldsKey, new PyTuple(fields.map((f) => f.name)));
  cls.dict.set(
    '__init__',
    new NativeFunction('__init__', ([self, ...args], kwargs) => {
      if (!(self instanceof PyInstance)) return null;
      fields.forEach((f, i) => {
        let v: Value | undefined = i < args.length ? args[i] : kwargs?.get(f.name);
        if (v === undefined) v = f.factory !== undefined ? callValue(ip, f.factory, [], undefined, ip.site) : f.def;
        if (v === undefined) throw new PyException('TypeError', `__init__() missing required argument '${f.name}'`);
        setAttr(ip, self, f.name, v);
      });
      const post = cls.lookup('__post_init__');
      if (post) callValue(ip, post, [self], undefined, ip.site);
      return null;
    }),
  );
  return cls;
}

/** dataclasses.MISSING: the default of a field that has none. */
const missingSentinels = new WeakMap<Interp, PyInstance>();
export function dataclassMissing(ip: Interp): PyInstance {
  let m = missingSentinels.get(ip);
  if (!m)
    missingSentinels.set(
      ip,
      (m = new PyInstance(new PyClass('_MISSING_TYPE', [ip.builtins.get('object') as PyClass], new Map()))),
    );
  return m;
}

export function isDataclassValue(v: Value): boolean {
  const cls = v instanceof PyClass ? v : v instanceof PyInstance ? v.cls : undefined;
  return cls?.lookup(dataclassFieldsKey) !== undefined;
}

export function dataclassDecorator(ip: Interp): NativeFunction {
  return new NativeFunction('dataclass', ([target]) => {
    if (target instanceof PyClass) return decorate(ip, target);
    if (target === undefined)
      return new NativeFunction('dataclass', ([c]) =>
        c instanceof PyClass ? decorate(ip, c) : new Unknown('dataclass'),
      );
    return new Unknown('dataclass');
  });
}

function isDataclass(v: Value): v is PyInstance {
  return v instanceof PyInstance && v.cls.lookup(dataclassFieldsKey) !== undefined;
}

/** dataclasses.asdict: the fields as a dict, nested dataclasses, lists and dicts converted, values deep-copied. */
export function asdict(ip: Interp, x: Value): Value {
  if (!isDataclass(x)) throw new PyException('TypeError', 'asdict() should be called on dataclass instances');
  const conv = (v: Value): Value => {
    if (isDataclass(v)) return asdict(ip, v);
    if (v instanceof PyList) return new PyList(v.items.map(conv));
    if (v instanceof PyTuple) return new PyTuple(v.items.map(conv));
    if (v instanceof PyDict) {
      const out = new PyDict();
      for (const [h, [k, e]] of v.map) out.map.set(h, [k, conv(e)]);
      return out;
    }
    return deepCopy(ip, v);
  };
  const d = new PyDict();
  for (const f of fieldsOf(x.cls)) d.map.set(hashKey(f.name), [f.name, conv(x.attrs.get(f.name) ?? null)]);
  return d;
}

/** dataclasses.replace(obj, **changes): a new instance built by the class from obj's fields and the changes. */
export function replaceDataclass(ip: Interp, x: Value, changes: Map<string, Value> | undefined): Value {
  if (!isDataclass(x)) throw new PyException('TypeError', 'replace() should be called on dataclass instances');
  const kw = new Map<string, Value>();
  for (const f of fieldsOf(x.cls))
    kw.set(f.name, changes?.has(f.name) ? changes.get(f.name)! : (x.attrs.get(f.name) ?? null));
  for (const k of changes?.keys() ?? [])
    if (!kw.has(k)) throw new PyException('TypeError', `replace() got an unexpected keyword argument '${k}'`);
  return callValue(ip, x.cls, [], kw, ip.site);
}

/** dataclasses.fields: objects with `.name` (and `.default` when set), in definition order. */
export function dataclassFields(ip: Interp, x: Value): Value {
  const cls = x instanceof PyClass ? x : x instanceof PyInstance ? x.cls : undefined;
  if (!cls || cls.lookup(dataclassFieldsKey) === undefined)
    throw new PyException('TypeError', 'must be called with a dataclass type or instance');
  const fieldCls = new PyClass('Field', [ip.builtins.get('object') as PyClass], new Map());
  return new PyTuple(
    fieldsOf(cls).map((f) => {
      const o = new PyInstance(fieldCls);
      o.attrs.set('name', f.name);
      o.attrs.set('default', f.def !== undefined ? f.def : dataclassMissing(ip));
      o.attrs.set('default_factory', f.factory !== undefined ? f.factory : dataclassMissing(ip));
      return o;
    }),
  );
}

/** dataclasses.field(...): a marker dict the class decorator reads (default, default_factory). */
export function fieldMarker(kw: Map<string, Value> | undefined): PyDict {
  const d = new PyDict();
  d.map.set(hashKey('__field__'), ['__field__', true]);
  for (const [k, v] of kw ?? []) d.map.set(hashKey(k), [k, v]);
  return d;
}
