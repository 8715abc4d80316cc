// Built-in classes (object, int, float, str, list, ...) and the type of any value, for isinstance and type().
import { Tensor } from '../model/tensor';
import { toNum } from './operators';
import { unionMembers } from './unionType';
import {
  NativeFunction,
  PyClass,
  PyDict,
  PyComplex,
  PyFloat,
  PyFunction,
  PyInstance,
  PyList,
  PySet,
  PyTuple,
  SymInt,
  Unknown,
  BoundMethod,
  PyModule,
  type Value,
  force,
} from './values';

export class BuiltinTypes {
  readonly object = new PyClass('object', [], new Map());
  readonly type = this.make('type');
  readonly int = this.make('int');
  readonly bool = new PyClass('bool', [this.int], new Map());
  readonly float = this.make('float');
  readonly complex = this.make('complex');
  readonly str = this.make('str');
  readonly list = this.make('list');
  readonly tuple = this.make('tuple');
  readonly dict = this.make('dict');
  readonly set = this.make('set');
  readonly function = this.make('function');
  readonly module = this.make('module');
  readonly noneType = this.make('NoneType');
  /** Set by the torch module. */
  tensor?: PyClass;
  parameter?: PyClass;

  make(name: string, bases: PyClass[] = [this.object]): PyClass {
    return new PyClass(name, bases, new Map());
  }

  typeOf(v: Value): PyClass | undefined {
    v = force(v);
    if (v === null) return this.noneType;
    switch (typeof v) {
      case 'boolean':
        return this.bool;
      case 'number':
        return this.int;
      case 'string':
        return this.str;
    }
    if (v instanceof SymInt) return this.int;
    if (v instanceof PyFloat) return this.float;
    if (v instanceof PyComplex) return this.complex;
    if (v instanceof PyList) return this.list;
    if (v instanceof PyTuple) return this.tuple;
    if (v instanceof PyDict) return this.dict;
    if (v instanceof PySet) return this.set;
    if (v instanceof PyInstance) return v.cls;
    if (v instanceof PyClass) return this.type;
    if (v instanceof PyFunction || v instanceof NativeFunction || v instanceof BoundMethod) return this.function;
    if (v instanceof PyModule) return this.module;
    if (v instanceof Tensor) return v.role === 'param' ? this.parameter : this.tensor;
    if (v instanceof Unknown) return undefined;
    return this.object;
  }

  /** isinstance(v, cls); undefined when unknowable. */
  isInstance(v: Value, cls: Value): boolean | undefined {
    v = force(v);
    cls = force(cls);
    if (v instanceof Unknown || cls instanceof Unknown) return undefined;
    const union = unionMembers(cls)?.map((c) => c ?? this.noneType);
    if (cls instanceof PyTuple || union) {
      let unknown = false;
      for (const c of union ?? (cls as PyTuple).items) {
        const r = this.isInstance(v, c);
        if (r) return true;
        if (r === undefined) unknown = true;
      }
      return unknown ? undefined : false;
    }
    if (!(cls instanceof PyClass)) return undefined;
    if (cls.instanceCheck) {
      const r = cls.instanceCheck(v);
      if (r !== undefined) return r;
    }
    if (cls === this.float && toNum(v) !== undefined && typeof v !== 'boolean' && !(typeof v === 'number')) return true;
    const t = this.typeOf(v);
    return t ? t.isSubclassOf(cls) : undefined;
  }
}
