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
