// Pure report renderer: AnalysisResult -> text table, Markdown, CSV or JSON (shared by the extension and the CLI).
import type { AnalysisResult, LineCost, ModuleNode } from '../core/api/result';
import { flopUnit, formatBytes, formatCount, formatExact, formatShare } from './format';
import { toJson, type JsonValue } from './json';
import { atLeast, isPartial, partialText } from './partial';
import { conventionRules } from '../core/api/options';
import {
  defaultLayerDepth,
  layerCsvHeader,
  layerCsvRows,
  layerTableMarkdown,
  layerTableText,
  layersJson,
} from './layerTable';

/** `full (full FLOPs: 2 per MAC + element-wise, norms, softmax)`: the convention named for what it counts. */
export function conventionText(convention: string): string {
  const label = (conventionRules as Record<string, { label: string } | undefined>)[convention]?.label;
  return label ? `${convention} (${label})` : convention;
}

/** Version of the JSON report's layout (schema/report.schema.json); 2 = shapes as data, `layers`. */
export const reportVersion = 2;

export type ReportFormat = 'table' | 'markdown' | 'csv' | 'json';

export interface ReportContext {
  /** Display name of the analyzed file. */
  readonly fileName?: string;
  /** Source text, to quote each costed line in table and Markdown reports. */
  readonly source?: string;
  /** A line under the header, e.g. how a notebook's cells map to the analyzed program's lines. */
  readonly note?: string;
  /** Deepest layer-table depth shown (table, Markdown; CSV prints the layer table instead of lines when set). */
  readonly depth?: number;
}

export function renderReport(result: AnalysisResult, format: ReportFormat, context: ReportContext = {}): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'csv':
      return context.depth !== undefined ? renderLayerCsv(result, context.depth) : renderCsv(result);
    case 'markdown':
      return renderMarkdown(result, context);
    default:
      return renderTable(result, context);
  }
}

/** The JSON report: exact integers, stable keys, shapes as data beside their text (schema/report.schema.json). */
export function renderJson(r: AnalysisResult): string {
  return (
    toJson({
      version: reportVersion,
      language: r.language,
      entry: r.entry ?? null,
      inputs: r.inputs.map((i) => ({ name: i.name, shape: i.dims ?? null, shapeText: i.shape, dtype: i.dtype })),
      output: r.output ? { shape: r.output.dims ?? null, shapeText: r.output.shape, dtype: r.output.dtype } : null,
      convention: r.convention,
      precision: r.precision,
      dims: { ...r.dims },
      totals: {
        params: r.totals.params,
        trainableParams: r.totals.trainableParams,
        frozenParams: r.totals.frozenParams,
        buffers: r.totals.buffers,
        macs: r.totals.macs,
        backwardMacs: r.totals.backwardMacs,
        backwardElements: r.totals.backwardElements,
        flops: r.totals.flops,
        backwardFlops: r.totals.backwardFlops,
        trainingFlops: r.totals.trainingFlops,
      },
      memory: { ...r.memory },
      savedTensorsModel: r.savedTensorsModel ?? null,
      lines: r.lines.map((l) => ({
        line: l.line,
        shapes: l.shapes.map((_, i) => (l.shapeDims?.[i] ?? null) as JsonValue),
        shapesText: [...l.shapes],
        macs: l.macs,
        flops: l.flops,
        inclusiveFlops: l.inclusive.flops,
        backwardFlops: l.backwardFlops,
        params: l.params,
        activationBytes: l.activationBytes,
        calls: l.calls,
        formula: l.formula,
      })),
      layers: layersJson(r),
      diagnostics: r.diagnostics.map((d) => ({
        line: d.span.line,
        severity: d.severity,
        code: d.code,
        message: d.message,
      })),
      coverage: {
        ops: r.coverage.ops,
        unknownOps: r.coverage.unknownOps,
        unknown: r.coverage.unknown.map((u) => ({ ...u })),
        complete: r.coverage.complete,
        reasons: r.coverage.reasons.map((x) => ({ ...x })),
      },
      steps: r.steps,
      budgetExceeded: r.budgetExceeded,
      importedFiles: r.importedFiles ?? [],
    }) + '\n'
  );
}

function csvCell(value: string | number | bigint): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(r: AnalysisResult): string {
  const header = [
    'line',
    'shapes',
    'dtypes',
    'macs',
    'flops',
    'backward_flops',
    'inclusive_flops',
    'params',
    'activation_bytes',
    'calls',
    'formula',
  ];
  const rows = r.lines.map((l) => [
    l.line,
    l.shapes.join(' '),
    l.dtypes.join(' '),
    l.macs,
    l.flops,
    l.backwardFlops,
    l.inclusive.flops,
    l.params,
    l.activationBytes,
    l.calls,
    l.formula,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** The layer table as CSV: one record per module at depth ≤ `depth`. */
export function renderLayerCsv(r: AnalysisResult, depth: number): string {
  return [layerCsvHeader, ...layerCsvRows(r, depth)].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** Summary rows (label, engineering value, exact value) shared by the table and Markdown reports. */
export function summaryRows(r: AnalysisResult): [string, string, string][] {
  const m = r.memory;
  const ge = atLeast(r);
  const count = (v: bigint, unit: string): [string, string] => [ge + formatCount(v, unit), ge + formatExact(v)];
  const bytes = (v: bigint): [string, string] => [ge + formatBytes(v), `${ge}${formatExact(v)} B`];
  return [...computeRows(r, count), ...memoryRows(m, bytes)];
}

/** How many of summaryRows' rows are compute (the rest are memory). */
export const computeRowCount = 9;

type Cell = (v: bigint, unit: string) => [string, string];

function computeRows(r: AnalysisResult, count: Cell): [string, string, string][] {
  const t = r.totals;
  const u = flopUnit(r.convention);
  return [
    ['Params', ...count(t.params, '')],
    ['Trainable params', ...count(t.trainableParams, '')],
    ['Frozen params', ...count(t.frozenParams, '')],
    ['Buffers', ...count(t.buffers, '')],
    ['MACs', ...count(t.macs, 'MACs')],
    ['Backward MACs', ...count(t.backwardMacs, 'MACs')],
    [`${u} forward`, ...count(t.flops, u)],
    [`${u} backward`, ...count(t.backwardFlops, u)],
    [`${u} training step`, ...count(t.trainingFlops, u)],
  ];
}

/** The memory ledger: persistent weights and state, what backward keeps, and the peaks. */
function memoryRows(m: AnalysisResult['memory'], bytes: (v: bigint) => [string, string]): [string, string, string][] {
  return [
    ['Weights', ...bytes(m.paramBytes)],
    ['Buffers memory', ...bytes(m.bufferBytes)],
    ['Activations (forward)', ...bytes(m.activationBytes)],
    ['Saved for backward', ...bytes(m.savedBytes)],
    ['Gradients', ...bytes(m.gradientBytes)],
    ['Optimizer state', ...bytes(m.optimizerBytes)],
    ['Largest transient', ...bytes(m.largestTransientBytes)],
    ['Activations at peak', ...bytes(m.activationsAtPeakBytes)],
    ['Gradients at peak', ...bytes(m.gradientsAtPeakBytes)],
    ['Training memory (peak)', ...bytes(m.trainingBytes)],
    ['Inference memory (estimate)', ...bytes(m.inferenceBytes)],
  ];
}

export function coverageText(r: AnalysisResult): string {
  const c = r.coverage;
  const known = c.ops - c.unknownOps;
  const unknown = c.unknown.map((u) => `${u.name} (line ${u.line}${u.count > 1 ? `, ×${u.count}` : ''})`).join(', ');
  return `${known} of ${c.ops} ops known${unknown ? `; unknown: ${unknown}` : ''}`;
}

function headerLines(r: AnalysisResult, context: ReportContext): string[] {
  const inputs = r.inputs.map((i) => `${i.name} ${i.shape} ${i.dtype}`).join(', ') || 'none';
  const dims =
    Object.entries(r.dims)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || 'none';
  return [
    `File: ${context.fileName ?? '(unnamed)'}`,
    `Entry: ${r.entry ?? 'none found'} · Inputs: ${inputs} · Output: ${r.output ? `${r.output.shape} ${r.output.dtype}` : 'none'}`,
    `Convention: ${conventionText(r.convention)} · Precision: ${r.precision} · Dims: ${dims}`,
    ...(context.note ? [context.note] : []),
    ...(isPartial(r) ? [`${partialText(r)} (totals are lower bounds)`] : []),
  ];
}

/** The source's lines, split once per report (a split per row made reports quadratic in file size). */
function sourceLines(source: string | undefined): readonly string[] {
  return source ? source.split(/\r?\n/) : [];
}

function lineText(lines: readonly string[], line: number): string {
  const text = (lines[line - 1] ?? '').trim();
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

function pad(cells: string[], widths: number[], right: boolean[]): string {
  return cells
    .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
}

function lineCells(l: LineCost, r: AnalysisResult, lines: readonly string[]): string[] {
  return [
    String(l.line),
    l.shapes.join(' ') || '-',
    formatCount(l.macs),
    formatCount(l.flops),
    formatCount(l.inclusive.flops),
    formatBytes(l.activationBytes),
    formatCount(l.params),
    String(l.calls),
    formatShare(l.flops, r.totals.flops),
    lineText(lines, l.line),
  ];
}

function lineHeader(r: AnalysisResult): string[] {
  const u = flopUnit(r.convention);
  return ['Line', 'Shape', 'MACs', u, `Incl. ${u}`, 'Activations', 'Params', 'Calls', 'Share', 'Code'];
}

function moduleLines(nodes: readonly ModuleNode[], depth: number, out: string[], unit: string): void {
  for (const n of nodes) {
    const where = n.line ? ` (line ${n.line})` : '';
    out.push(
      `${'  '.repeat(depth + 1)}${n.name}: ${n.type}${where} · ${formatCount(n.params)} params · ${formatCount(n.inclusive.flops, unit)} · ${n.calls} call${n.calls === 1 ? '' : 's'}`,
    );
    moduleLines(n.children, depth + 1, out, unit);
  }
}

export function renderTable(r: AnalysisResult, context: ReportContext = {}): string {
  const out = ['flopscope report', ...headerLines(r, context), '', 'Totals'];
  const rows = summaryRows(r);
  const labelWidth = Math.max(...rows.map((row) => row[0].length));
  const valueWidth = Math.max(...rows.map((row) => row[1].length));
  for (const [label, value, exact] of rows)
    out.push(`  ${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}  ${exact}`);
  if (r.savedTensorsModel) out.push(`  Saved for backward follows ${r.savedTensorsModel}`);
  const layers = layerTableText(r, context.depth ?? defaultLayerDepth);
  if (layers.length) out.push('', 'Layers', ...layers);
  out.push('', 'Per line');
  const header = lineHeader(r);
  const lines = sourceLines(context.source);
  const cells = [header, ...r.lines.map((l) => lineCells(l, r, lines))];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const right = header.map((_, i) => (i >= 2 && i <= 8) || i === 0);
  for (const c of cells) out.push(`  ${pad(c, widths, right)}`);
  if (r.modules.length && !layers.length) {
    out.push('', 'Modules');
    moduleLines(r.modules, 0, out, flopUnit(r.convention));
  }
  out.push('', 'Diagnostics');
  if (!r.diagnostics.length) out.push('  none');
  for (const d of r.diagnostics) out.push(`  line ${d.span.line}: ${d.severity}: ${d.message} [${d.code}]`);
  out.push('', `Coverage: ${coverageText(r)}`);
  if (r.importedFiles?.length) out.push('', 'Imported files', ...r.importedFiles.map((f) => `  ${f}`));
  if (r.budgetExceeded) out.push(`Step budget exceeded after ${r.steps} steps: results are partial.`);
  return out.join('\n') + '\n';
}

/** Markdown text that renders as itself: what could start HTML, a link, emphasis or code is escaped (shapes keep `[`). */
export function mdCell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_<>|!#~{}]/g, (c) => `\\${c}`)
    .replace(/\]([([:])/g, ']\\$1') // `[text](url)`, `[text][ref]`, `[ref]: url` never form a link
    .replace(/&/g, '&amp;')
    .replace(/:\/\//g, '\\://') // no bare-URL autolink (GFM)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`);
}

/** A code span holding `text` as is: fenced by one more backtick than its longest run (GFM still needs `\|`). */
function mdCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const body = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

export function renderMarkdown(r: AnalysisResult, context: ReportContext = {}): string {
  const out = [
    `# flopscope report: ${mdCell(context.fileName ?? '(unnamed)')}`,
    '',
    ...headerLines(r, context)
      .slice(1)
      .map((l) => `${mdCell(l)}  `),
    '',
    '## Totals',
    '',
    '| | Value | Exact |',
    '|---|---:|---:|',
  ];
  for (const [label, value, exact] of summaryRows(r)) out.push(`| ${label} | ${value} | ${exact} |`);
  if (r.savedTensorsModel) out.push('', mdCell(`Saved for backward follows ${r.savedTensorsModel}.`));
  const layers = layerTableMarkdown(r, context.depth ?? defaultLayerDepth, mdCell);
  if (layers.length) out.push('', '## Layers', '', ...layers);
  out.push(
    '',
    '## Per line',
    '',
    `| ${lineHeader(r).join(' | ')} |`,
    `|${lineHeader(r)
      .map((_, i) => (i >= 2 && i <= 8 ? '---:' : '---'))
      .join('|')}|`,
  );
  const lines = sourceLines(context.source);
  for (const l of r.lines)
    out.push(
      `| ${lineCells(l, r, lines)
        .map((c, i) => (i === 9 && c ? mdCode(c) : mdCell(c)))
        .join(' | ')} |`,
    );
  if (r.modules.length && !layers.length) {
    const mods: string[] = [];
    moduleLines(r.modules, 0, mods, flopUnit(r.convention));
    out.push(
      '',
      '## Modules',
      '',
      ...mods.map((m) => `${'  '.repeat((m.length - m.trimStart().length) / 2 - 1)}- ${mdCell(m.trim())}`),
    );
  }
  out.push('', '## Diagnostics', '');
  if (!r.diagnostics.length) out.push('None.');
  for (const d of r.diagnostics)
    out.push(`- line ${d.span.line}: **${d.severity}**: ${mdCell(d.message)} (${mdCode(d.code)})`);
  out.push('', `**Coverage:** ${mdCell(coverageText(r))}`);
  if (r.importedFiles?.length) out.push('', '## Imported files', '', ...r.importedFiles.map((f) => `- ${mdCell(f)}`));
  return out.join('\n') + '\n';
}
