// Describes the value a statement bound: a tensor's shape, a tuple of shapes, and a module's parameter count.
import { Tensor } from '../model/tensor';
import { isModule } from '../torch/nn/moduleTree';
import { PyList, PyTuple } from '../eval/values';
import { shapeDims } from '../result/shapeData';
export function describeValue(v, depth = 0) {
    if (v instanceof Tensor)
        return v.shapeString();
    if ((v instanceof PyTuple || v instanceof PyList) && depth < 3 && v.items.length > 0 && v.items.length <= 8) {
        const parts = v.items.map((x) => describeValue(x, depth + 1));
        if (parts.every((p) => p !== undefined))
            return `(${parts.join(', ')})`;
    }
    return undefined;
}
export function valueParams(v, counts) {
    if (v instanceof Tensor && v.role === 'param')
        return v.shape ? counts.numel(v) : undefined;
    return isModule(v) ? counts.module(v) : undefined;
}
/** The data beside describeValue's text: a tensor's shape, or a tuple's items' (nested); undefined otherwise. */
export function valueShapeData(v, depth = 0) {
    if (v instanceof Tensor)
        return shapeDims(v);
    if ((v instanceof PyTuple || v instanceof PyList) && depth < 3 && v.items.length > 0 && v.items.length <= 8) {
        const parts = v.items.map((x) => valueShapeData(x, depth + 1));
        if (parts.every((p) => p !== undefined))
            return parts;
    }
    return undefined;
}
