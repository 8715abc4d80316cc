// The layer table in torchinfo's layout (text, Markdown, CSV rows, JSON), cut at a depth: pure, shared by CLI and views.
import type { AnalysisResult, LayerRow } from '../core/api/result';
import { flopUnit, formatCount, formatExact, formatShare } from './format';
import type { JsonValue } from './json';
import { isPartial, partialText } from './partial';

/** torchinfo's default depth. */
export const defaultLayerDepth = 3;

/** A row as shown at a depth: params are its own when its children show, its subtree's when they are folded. */
export interface ShownLayer {
  readonly row: LayerRow;
  /** `1-5`: depth, then its place among its parent's shown children (torchinfo's numbering). */
  readonly index: string;
  /** Params it contributes to the column (each parameter once: the column sums to the model's total). */
  readonly params: bigint;
  /** True when its children are cut by the depth (its figures are the subtree's). */
  readonly folded: boolean;
  /** The child name (`conv2`), or the type for the model itself. */
  readonly name: string;
}

/** The rows at depth ≤ `depth`, with torchinfo's numbering and a params column that sums to the total. */
export function shownLayers(rows: readonly LayerRow[], depth: number): ShownLayer[] {
  const out: ShownLayer[] = [];
  const counters: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.depth > depth) continue;
    counters.length = row.depth + 1;
    counters[row.depth] = (counters[row.depth] ?? 0) + 1;
    let params = row.ownParams;
    let hasChildren = false;
    if (row.depth === depth)
      for (let j = i + 1; j < rows.length && rows[j].depth > row.depth; j++) {
        params += rows[j].ownParams;
        hasChildren = true;
      }
    const name = row.path ? row.path.slice(row.path.lastIndexOf('.') + 1) : row.type;
    out.push({ row, index: `${row.depth}-${counters[row.depth]}`, params, folded: hasChildren, name });
  }
  return out;
}

/** `[1, 256, 56, 56]`; several shapes: the first and how many (`[1, 64, 56, 56] +6 shapes`). */
export function shapeLabel(row: LayerRow): string {
  const first = row.outputShapes[0] ?? '--';
  return row.shapeCount > 1 ? `${first} +${row.shapeCount - 1} shape${row.shapeCount > 2 ? 's' : ''}` : first;
}

/** `×16 calls, 7 shapes`; '' for one call with one shape. */
export function callsLabel(row: LayerRow): string {
  const parts: string[] = [];
  if (row.calls > 1) parts.push(`×${row.calls} calls`);
  if (row.calls === 0) parts.push('not called');
  if (row.shapeCount > 1) parts.push(`${row.shapeCount} shapes`);
  return parts.join(', ');
}

function paramsCell(s: ShownLayer): string {
  if (s.params > 0n) return formatExact(s.params);
  return s.row.tiedWith ? `tied with ${s.row.tiedWith.replace(/\.[^.]*$/, '')}` : '--';
}

function treeName(s: ShownLayer): string {
  const r = s.row;
  const label = r.depth === 0 ? r.type : `${r.type} (${s.name})`;
  const branch = r.depth === 0 ? '' : `${'│    '.repeat(r.depth - 1)}${r.depth === 1 ? '├─' : '└─'}`;
  return `${branch}${label}${r.depth === 0 ? '' : `: ${s.index}`}`;
}

function header(r: AnalysisResult): string[] {
  const u = flopUnit(r.convention);
  return [
    'Layer (type (name): depth-idx)',
    'Output Shape',
    'Param #',
    'Params %',
    'MACs',
    u,
    `${u} %`,
    'Line',
    'Calls',
  ];
}

function cells(s: ShownLayer, r: AnalysisResult, name: string): string[] {
  const row = s.row;
  return [
    name,
    shapeLabel(row),
    paramsCell(s),
    formatShare(row.params, r.totals.params),
    formatCount(row.inclusive.macs),
    formatCount(row.inclusive.flops),
    formatShare(row.inclusive.flops, r.totals.flops),
    row.line !== undefined ? String(row.line) : '',
    row.calls === 1 ? '1' : callsLabel(row) || String(row.calls),
  ];
}

const mb = (bytes: bigint): string => (Number(bytes) / 1e6).toFixed(2);

/** torchinfo's footer: params, mult-adds, and the memory estimate in MB (10^6 bytes). */
export function layerFooter(r: AnalysisResult): string[] {
  const rows = r.layers ?? [];
  const inputBytes = inputSize(r);
  // torchinfo's rule: twice the outputs of the leaf modules that hold parameters (the output and its gradient).
  let leafOut = 0n;
  rows.forEach((row, i) => {
    if (row.params > 0n && !(rows[i + 1] && rows[i + 1].depth > row.depth)) leafOut += row.outputBytes;
  });
  const pass = leafOut * 2n;
  const paramBytes = r.memory.paramBytes;
  return [
    `Total params: ${formatExact(r.totals.params)}`,
    `Trainable params: ${formatExact(r.totals.trainableParams)}`,
    `Non-trainable params: ${formatExact(r.totals.frozenParams)}`,
    `Total mult-adds (G): ${(Number(r.totals.macs) / 1e9).toFixed(2)}`,
    '',
    `Input size (MB): ${mb(inputBytes)}`,
    `Forward/backward pass size (MB): ${mb(pass)}`,
    `Params size (MB): ${mb(paramBytes)}`,
    `Estimated Total Size (MB): ${mb(inputBytes + pass + paramBytes)}`,
    // Never a silent wrong number: a partial analysis says its figures are lower bounds.
    ...(isPartial(r) ? ['', `${partialText(r)} (figures are lower bounds)`] : []),
  ];
}

/** Bytes of the entry's inputs (a symbolic dim at its value in `dims`, default 1). */
function inputSize(r: AnalysisResult): bigint {
  let total = 0n;
  for (const i of r.inputs) {
    if (!i.dims || i.bytesPerElement === undefined) continue;
    let n = BigInt(i.bytesPerElement);
    for (const d of i.dims) n *= BigInt(typeof d === 'number' ? d : (r.dims[d] ?? 1));
    total += n;
  }
  return total;
}

/** The table as text lines, torchinfo's layout with our columns; empty when the result has no layers. */
export function layerTableText(r: AnalysisResult, depth: number): string[] {
  if (!r.layers?.length) return [];
  const shown = shownLayers(r.layers, depth);
  const head = header(r);
  const body = shown.map((s) => cells(s, r, treeName(s)));
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((c) => [...c[i]].length)));
  const right = head.map((_, i) => i >= 2 && i <= 7);
  const fmt = (c: string[]) =>
    c
      .map((x, i) => (right[i] ? x.padStart(widths[i]) : x + ' '.repeat(widths[i] - [...x].length)))
      .join('  ')
      .trimEnd();
  const rule = '='.repeat(fmt(head).length);
  return [rule, fmt(head), rule, ...body.map(fmt), rule, ...layerFooter(r), rule];
}

/** The table as Markdown lines (names indented by depth). */
export function layerTableMarkdown(r: AnalysisResult, depth: number, cell: (s: string) => string): string[] {
  if (!r.layers?.length) return [];
  const head = header(r);
  const out = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i >= 2 && i <= 7 ? '---:' : '---')).join('|')}|`];
  for (const s of shownLayers(r.layers, depth)) {
    const name = `${'&nbsp;&nbsp;'.repeat(s.row.depth)}${s.row.depth ? `${s.row.type} (${s.name})` : s.row.type}`;
    out.push(`| ${cells(s, r, name).map(cell).join(' | ')} |`);
  }
  out.push('', ...layerFooter(r).map((l) => (l ? `${cell(l)}  ` : '')));
  return out;
}

export const layerCsvHeader = [
  'path',
  'type',
  'depth',
  'line',
  'call_line',
  'calls',
  'output_shapes',
  'params',
  'own_params',
  'macs',
  'flops',
  'backward_flops',
  'params_share',
  'flops_share',
];

/** One CSV record per row at depth ≤ `depth` (exact integers; shapes space-separated). */
export function layerCsvRows(r: AnalysisResult, depth: number): (string | number | bigint)[][] {
  return (r.layers ?? [])
    .filter((l) => l.depth <= depth)
    .map((l) => [
      l.path,
      l.type,
      l.depth,
      l.line ?? '',
      l.callLine ?? '',
      l.calls,
      l.outputShapes.join(' '),
      l.params,
      l.ownParams,
      l.inclusive.macs,
      l.inclusive.flops,
      l.inclusive.backwardFlops,
      l.paramShare,
      l.flopShare,
    ]);
}

/** The layer table for the JSON report: every row (consumers cut by `depth`), exact integers, shapes as data. */
export function layersJson(r: AnalysisResult): JsonValue {
  return (r.layers ?? []).map((l) => ({
    path: l.path,
    type: l.type,
    depth: l.depth,
    line: l.line ?? null,
    callLine: l.callLine ?? null,
    calls: l.calls,
    outputShapes: l.outputDims.map((d) => (d ? [...d] : null)),
    outputShapesText: [...l.outputShapes],
    shapeCount: l.shapeCount,
    params: l.params,
    ownParams: l.ownParams,
    tiedWith: l.tiedWith,
    macs: l.inclusive.macs,
    flops: l.inclusive.flops,
    backwardFlops: l.inclusive.backwardFlops,
    outputBytes: l.outputBytes,
    paramShare: l.paramShare,
    flopShare: l.flopShare,
  }));
}
