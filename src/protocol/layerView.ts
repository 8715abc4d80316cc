// The sidebar's Layers view model: the layer table as JSON-safe rows (labels ready, bigints as text), cut nowhere.
import type { AnalysisResult } from '../core/api/result';
import { flopUnit, formatCount, formatExact, shareOf } from './format';
import { callsLabel, shapeLabel } from './layerTable';

export interface LayerViewRow {
  readonly path: string;
  /** The child name (`conv2`), or the type for the model. */
  readonly name: string;
  readonly type: string;
  readonly depth: number;
  /** True when the next rows are its descendants. */
  readonly hasChildren: boolean;
  /** Line that built the module, and line of its first call (0 when unknown). */
  readonly line: number;
  readonly callLine: number;
  readonly shape: string;
  /** Every distinct output shape, for the tooltip. */
  readonly shapesTitle: string;
  /** `×16 calls, 7 shapes`; `not called` for a container; '' for one call. */
  readonly calls: string;
  readonly paramsText: string;
  readonly paramsExact: string;
  readonly flopsText: string;
  readonly macsText: string;
  readonly tiedWith: string;
  /** Share of total forward FLOPs in [0, 1]. */
  readonly share: number;
}

export function layerRows(r: AnalysisResult): LayerViewRow[] {
  const rows = r.layers ?? [];
  const unit = flopUnit(r.convention);
  return rows.map((l, i) => ({
    path: l.path,
    name: l.path ? l.path.slice(l.path.lastIndexOf('.') + 1) : l.type,
    type: l.type,
    depth: l.depth,
    hasChildren: (rows[i + 1]?.depth ?? -1) > l.depth,
    line: l.line ?? 0,
    callLine: l.callLine ?? 0,
    shape: shapeLabel(l),
    shapesTitle: `${l.outputShapes.join('\n')}${l.shapeCount > l.outputShapes.length ? `\n… ${l.shapeCount} shapes in all` : ''}`,
    calls: callsLabel(l),
    paramsText: formatCount(l.params),
    paramsExact: formatExact(l.params),
    flopsText: formatCount(l.inclusive.flops, unit),
    macsText: formatCount(l.inclusive.macs, 'MACs'),
    tiedWith: l.tiedWith ?? '',
    share: shareOf(l.inclusive.flops, r.totals.flops),
  }));
}

/**
 * Lines that built one module per call, each with the same parameters (`nn.Linear(768, 2304)` in a loop of 12): the
 * count per module, by line. A line whose modules differ (conv3x3 at 16 widths) is not listed.
 */
export function paramsPerCall(r: AnalysisResult): Map<number, bigint> {
  const built = new Map<number, bigint[]>();
  for (const l of r.layers ?? [])
    if (l.line !== undefined) {
      const list = built.get(l.line);
      if (list) list.push(l.params);
      else built.set(l.line, [l.params]);
    }
  const out = new Map<number, bigint>();
  for (const line of r.lines) {
    const each = built.get(line.line);
    if (!each || line.calls < 2 || each.length !== line.calls || line.params === 0n) continue;
    if (each.every((p) => p === each[0]) && each[0] * BigInt(line.calls) === line.params) out.set(line.line, each[0]);
  }
  return out;
}
