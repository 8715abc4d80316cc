import { Closure, JsClass, JsObject, Namespace, NativeFn, Unknown } from './values';
import { classMember } from './classes';
import { arrayMember, stringMember } from './arrayMethods';
import { Tensor } from '../model/tensor';
import { Layer } from './layer';
import { Model } from './model';
import { layerMember, modelMember, tensorMember } from './tfMembers';
export function getMember(ip, obj, key) {
    if (obj instanceof Unknown)
        return obj;
    if (typeof key !== 'string' && typeof key !== 'number')
        return new Unknown('computed property');
    const k = String(key);
    if (Array.isArray(obj))
        return arrayMember(ip, obj, key);
    if (typeof obj === 'string')
        return stringMember(obj, key);
    if (obj instanceof JsObject)
        return obj.props.has(k) ? obj.props.get(k) : obj.cls ? classMember(ip, obj, k) : undefined;
    if (obj instanceof JsClass)
        return obj.statics.props.has(k) ? obj.statics.props.get(k) : k === 'name' ? obj.name : undefined;
    if (obj instanceof Namespace)
        return obj.members.has(k) ? obj.members.get(k) : obj.fallback ? obj.fallback(k) : undefined;
    if (obj instanceof Tensor)
        return tensorMember(ip, obj, k);
    if (obj instanceof Layer)
        return layerMember(ip, obj, k);
    if (obj instanceof Model)
        return modelMember(ip, obj, k);
    if (obj instanceof Closure || obj instanceof NativeFn)
        return k === 'name' ? (obj instanceof Closure ? obj.name : obj.name) : new Unknown(`function property ${k}`);
    if (obj === null || obj === undefined)
        return new Unknown(`property ${k} of ${String(obj)}`);
    if (typeof obj === 'number' && k === 'toFixed')
        return new NativeFn('toFixed', () => new Unknown('toFixed'));
    return undefined;
}
