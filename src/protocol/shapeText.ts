// How a line's shapes read in the editor: a tuple of equal shapes (`q, k, v = x.split(...)`) as `3 × [B, T, 768]`.
import type { LineCost, ShapeData } from '../core/api/result';

/** One shape's display text; a tuple whose items are the same flat shape reads `N × [dims]`. */
export function displayShape(text: string, data: ShapeData | null | undefined): string {
  if (!Array.isArray(data) || data.length < 2) return text;
  const first: unknown = data[0];
  if (!Array.isArray(first) || first.some((d) => typeof d === 'object')) return text;
  const key = JSON.stringify(first);
  if (!data.every((d) => JSON.stringify(d) === key)) return text;
  return `${data.length} × [${first.join(', ')}]`;
}

/** The line's output shapes for display, index for index with `line.shapes`. */
export function lineShapes(line: Pick<LineCost, 'shapes' | 'shapeDims'>): string[] {
  return line.shapes.map((s, i) => displayShape(s, line.shapeDims?.[i]));
}
