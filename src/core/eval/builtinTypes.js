// Built-in classes (object, int, float, str, list, ...) and the type of any value, for isinstance and type().
import { Tensor } from '../model/tensor';
import { toNum } from './operators';
import { NativeFunction, PyClass, PyDict, PyFloat, PyFunction, PyInstance, PyList, PySet, PyTuple, SymInt, Unknown, BoundMethod, PyModule, force, } from './values';
export class BuiltinTypes {
    object = new PyClass('object', [], new Map());
    type = this.make('type');
    int = this.make('int');
    bool = new PyClass('bool', [this.int], new Map());
    float = this.make('float');
    str = this.make('str');
    list = this.make('list');
    tuple = this.make('tuple');
    dict = this.make('dict');
    set = this.make('set');
    function = this.make('function');
    module = this.make('module');
    noneType = this.make('NoneType');
    /** Set by the torch module. */
    tensor;
    parameter;
    make(name, bases = [this.object]) {
        return new PyClass(name, bases, new Map());
    }
    typeOf(v) {
        v = force(v);
        if (v === null)
            return this.noneType;
        switch (typeof v) {
            case 'boolean':
                return this.bool;
            case 'number':
                return this.int;
            case 'string':
                return this.str;
        }
        if (v instanceof SymInt)
            return this.int;
        if (v instanceof PyFloat)
            return this.float;
        if (v instanceof PyList)
            return this.list;
        if (v instanceof PyTuple)
            return this.tuple;
        if (v instanceof PyDict)
            return this.dict;
        if (v instanceof PySet)
            return this.set;
        if (v instanceof PyInstance)
            return v.cls;
        if (v instanceof PyClass)
            return this.type;
        if (v instanceof PyFunction || v instanceof NativeFunction || v instanceof BoundMethod)
            return this.function;
        if (v instanceof PyModule)
            return this.module;
        if (v instanceof Tensor)
            return v.role === 'param' ? this.parameter : this.tensor;
        if (v instanceof Unknown)
            return undefined;
        return this.object;
    }
    /** isinstance(v, cls); undefined when unknowable. */
    isInstance(v, cls) {
        v = force(v);
        cls = force(cls);
        if (v instanceof Unknown || cls instanceof Unknown)
            return undefined;
        if (cls instanceof PyTuple) {
            let unknown = false;
            for (const c of cls.items) {
                const r = this.isInstance(v, c);
                if (r)
                    return true;
                if (r === undefined)
                    unknown = true;
            }
            return unknown ? undefined : false;
        }
        if (!(cls instanceof PyClass))
            return undefined;
        if (cls.instanceCheck) {
            const r = cls.instanceCheck(v);
            if (r !== undefined)
                return r;
        }
        if (cls === this.float && toNum(v) !== undefined && typeof v !== 'boolean' && !(typeof v === 'number'))
            return true;
        const t = this.typeOf(v);
        return t ? t.isSubclassOf(cls) : undefined;
    }
}
