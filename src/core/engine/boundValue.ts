// Describes the value a statement bound: a tensor's shape and dtype, a tuple of shapes, a module's parameter count.
import { Tensor } from '../model/tensor';
import { distinctParams, isModule } from '../torch/nn/moduleTree';
import { PyList, PyTuple, type PyInstance, type Value } from '../eval/values';
import type { ParamCounts } from './paramCounts';
import type { ShapeData } from '../api/result';
import { shapeDims } from '../result/shapeData';

export function describeValue(v: Value, depth = 0): string | undefined {
  if (v instanceof Tensor) return v.shapeString();
  if ((v instanceof PyTuple || v instanceof PyList) && depth < 3 && v.items.length > 0 && v.items.length <= 8) {
    const parts = v.items.map((x) => describeValue(x, depth + 1));
    if (parts.every((p) => p !== undefined)) return `(${parts.join(', ')})`;
  }
  return undefined;
}

/** The dtype of the first tensor in a bound value (tuples and lists searched depth-first), as the line oracle reads it. */
export function valueDtype(v: Value, depth = 0): string | undefined {
  if (v instanceof Tensor) return v.dtype.name;
  if ((v instanceof PyTuple || v instanceof PyList) && depth < 3)
    for (const x of v.items) {
      const d = valueDtype(x, depth + 1);
      if (d !== undefined) return d;
    }
  return undefined;
}

/** A bound value's parameters: a parameter's elements, or a module's as they were when bound (`atBind`), if given. */
export function valueParams(v: Value, counts: ParamCounts, atBind?: ReadonlySet<Tensor>): bigint | undefined {
  if (v instanceof Tensor && v.role === 'param') return v.shape ? counts.numel(v) : undefined;
  if (!isModule(v)) return undefined;
  if (!atBind) return counts.module(v);
  let n = 0n;
  for (const t of atBind) n += counts.numel(t);
  return n;
}

/** The distinct parameters of a module now (for a statement's params as of when it ran); undefined for other values. */
export function paramSnapshot(v: unknown): ReadonlySet<Tensor> | undefined {
  return isModule(v as Value) ? new Set(distinctParams(v as PyInstance, new Map())) : undefined;
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
