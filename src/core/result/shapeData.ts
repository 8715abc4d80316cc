// Shapes as data for the result: integers, and display strings for symbolic dims (`["B", 1000]`).
import type { ShapeDims } from '../api/result';
import { dimStr } from '../sym/dim';
import type { Tensor } from '../model/tensor';

/** A tensor's shape as data; null when its rank is unknown. */
export function shapeDims(t: Tensor | undefined): ShapeDims | null {
  if (!t?.shape) return null;
  return t.shape.map((d) => (typeof d === 'number' ? d : dimStr(d)));
}
