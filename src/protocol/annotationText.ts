// The text of an inline annotation (`→ [32, 256] · 12.9 MFLOPs · 32 KiB`), and which lines have nothing to say.
import type { LineCost } from '../core/api/result';
import { formatBytes, formatCount } from './format';
import { lineShapes } from './shapeText';

export type AnnotationField = 'shape' | 'flops' | 'macs' | 'memory' | 'params';
export const annotationFields: readonly AnnotationField[] = ['shape', 'flops', 'macs', 'memory', 'params'];

/** Lines that cost nothing (`torch.randn`, `view`, `return`): `shape` shows only the shape, `hide` nothing, `full` 0s. */
export type CostFreeLines = 'shape' | 'hide' | 'full';
export const costFreeModes: readonly CostFreeLines[] = ['shape', 'hide', 'full'];

/** All shapes when short; else the first and the last (a Sequential's input stage and its result), saying how many. */
export function shapeSummary(shapes: readonly string[], calls = 1): string {
  const all = shapes.join(', ');
  if (shapes.length === 1 || (shapes.length <= 3 && all.length <= 48)) return all;
  const what = calls > 1 ? `×${calls} calls, ${shapes.length} shapes` : `${shapes.length} shapes`;
  return `${shapes[0]} … ${shapes[shapes.length - 1]} (${what})`;
}

/** `21.3 M params (12 × 1.77 M)` when the line built one module per call, each with `each` parameters (a loop). */
export function paramsText(params: bigint, calls: number, each?: bigint): string {
  return each ? `${formatCount(params)} params (${calls} × ${formatCount(each)})` : `${formatCount(params)} params`;
}

/** No FLOPs (its own or in calls), no memory and no parameters: only a shape to show. */
export function isCostFree(line: LineCost): boolean {
  return (
    line.flops === 0n &&
    line.macs === 0n &&
    line.inclusive.flops === 0n &&
    line.activationBytes === 0n &&
    line.params === 0n &&
    line.ops.every((o) => o.known)
  );
}

export interface AnnotationOptions {
  readonly fields: readonly AnnotationField[];
  readonly unit?: 'FLOPs' | 'MACs';
  /** Parameters of each module the line built, when it built one per call (a loop). */
  readonly paramsEach?: bigint;
  readonly costFree?: CostFreeLines;
  /** Some op on the line was not counted (coverage.unknown): its zeros are lower bounds, so it always shows. */
  readonly uncounted?: boolean;
}

/** The annotation text of one line, fields in the configured order ('' when there is nothing to show). */
export function annotationText(line: LineCost, options: AnnotationOptions): string {
  const { fields, unit = 'FLOPs', paramsEach, costFree = 'shape', uncounted = false } = options;
  const free = costFree !== 'full' && !uncounted && isCostFree(line);
  if (free && costFree === 'hide') return '';
  const parts: string[] = [];
  for (const field of fields) {
    if (field === 'shape' && line.shapes.length) parts.push(`→ ${shapeSummary(lineShapes(line), line.calls)}`);
    if (free) continue;
    if (field === 'flops') {
      const callees = line.inclusive.flops - line.flops;
      if (line.flops > 0n || (line.shapes.length && callees <= 0n)) parts.push(formatCount(line.flops, unit));
      if (callees > 0n) parts.push(`${formatCount(callees, unit)} in calls`);
    }
    if (field === 'macs' && line.macs > 0n && !(unit === 'MACs' && fields.includes('flops')))
      parts.push(formatCount(line.macs, 'MACs'));
    if (field === 'memory' && line.activationBytes > 0n) parts.push(formatBytes(line.activationBytes));
    if (field === 'params' && line.params > 0n) parts.push(paramsText(line.params, line.calls, paramsEach));
  }
  return parts.join(' · ');
}
