// Shapes as data for the result: integers, and display strings for symbolic dims (`["B", 1000]`); tuples nest.
import type { ShapeData, ShapeDims } from '../api/result';
import { dimStr } from '../sym/dim';
import { Tensor } from '../torch/tensor';
import { PyList, PyTuple, type Value } from '../eval/values';

/** A tensor's shape as data; null when its rank is unknown. */
export function shapeDims(t: Tensor | undefined): ShapeDims | null {
  if (!t?.shape) return null;
  return t.shape.map((d) => (typeof d === 'number' ? d : dimStr(d)));
}

/** The data beside describeValue's text: a tensor's shape, or a tuple's items' (nested); undefined otherwise. */
export function valueShapeData(v: Value, depth = 0): ShapeData | null | undefined {
  if (v instanceof Tensor) return shapeDims(v);
  if ((v instanceof PyTuple || v instanceof PyList) && depth < 3 && v.items.length > 0 && v.items.length <= 8) {
    const parts = v.items.map((x) => valueShapeData(x, depth + 1));
    if (parts.every((p) => p !== undefined)) return parts as (ShapeData | null)[];
  }
  return undefined;
}
