// View models for the sidebar: AnalysisResult converted to JSON-safe data (bigints become decimal strings).
import type { AnalysisResult, ModuleNode } from '../core/api/result';
import { flopUnit, formatBytes, formatCount, formatExact, shareOf } from './format';
import { formatDims, formatInputs, type FileInputs } from './inputs';
import { computeRowCount, coverageText, summaryRows } from './report';
import { atLeast, partialReasons, partialText } from './partial';
import { layerRows, type LayerViewRow } from './layerView';
import { lineShapes } from './shapeText';

export interface SummaryItem {
  readonly label: string;
  readonly value: string;
  readonly exact: string;
}

export interface LineRow {
  readonly line: number;
  /** How the line is shown: its number, or `c2:14` (cell 2, line 14) in a notebook. */
  readonly label: string;
  readonly code: string;
  readonly shapes: string;
  /** Exact decimal strings, for sorting. */
  readonly flops: string;
  readonly memory: string;
  readonly params: string;
  readonly flopsText: string;
  /** FLOPs without the unit, for narrow table cells: `12.9 M`. */
  readonly flopsShort: string;
  readonly memoryText: string;
  readonly paramsText: string;
  readonly macsText: string;
  readonly calls: number;
  /** FLOPs of the calls made from this line (inclusive minus self), e.g. `17.2 MFLOPs`; empty when none. */
  readonly calleesText: string;
  /** Share of total forward FLOPs in [0, 1]. */
  readonly share: number;
}

export interface ModuleRow {
  readonly name: string;
  readonly type: string;
  readonly line?: number;
  readonly paramsText: string;
  readonly flopsText: string;
  readonly share: number;
  readonly children: readonly ModuleRow[];
}

/** One part of the training-step peak (weights, gradients, optimizer state, activations). */
export interface LedgerPart {
  readonly label: string;
  /** Fraction of the peak, 0-1. */
  readonly share: number;
  readonly text: string;
  readonly exact: string;
}

export interface Ledger {
  readonly parts: readonly LedgerPart[];
  readonly total: string;
  /** `25.6 M trainable · 0 frozen params`. */
  readonly params: string;
}

export interface ChartBar {
  readonly label: string;
  readonly line: number;
  readonly share: number;
  readonly text: string;
}

/** Shows a result line number: as is for a file, as cell and line for a notebook's joined program. */
export type LineLabel = (line: number) => string;

export interface ViewModel {
  readonly fileName: string;
  readonly language: string;
  /** The user's entry (empty: let the analyzer pick) and the one analyzed. */
  readonly entry: string;
  readonly analyzedEntry: string;
  readonly inputText: string;
  readonly analyzedInputs: string;
  /** The analyzed inputs in the editable syntax, as the input box placeholder. */
  readonly inputPlaceholder: string;
  /** The user's dims for this file (`B=32`), and the values analyzed, as placeholder. */
  readonly dimsText: string;
  readonly dimsPlaceholder: string;
  readonly output: string;
  readonly settings: string;
  readonly headline: SummaryItem[];
  readonly compute: SummaryItem[];
  readonly memory: SummaryItem[];
  /** The training-step peak as a stacked bar. */
  readonly ledger: Ledger;
  readonly lines: LineRow[];
  readonly modules: ModuleRow[];
  /** Entries the file offers when no model ran (`resnet50()`, ...). */
  readonly candidates?: readonly string[];
  /** The layer table (every module in call order); empty for results without one. */
  readonly layers: LayerViewRow[];
  readonly chart: ChartBar[];
  readonly diagnostics: {
    readonly line: number;
    readonly label: string;
    readonly severity: string;
    readonly message: string;
  }[];
  readonly coverage: string;
  /** `partial: 3 unknown ops (...)` when the totals are lower bounds; empty when the result is complete. */
  readonly partial: string;
  /** The same reasons one per item, for a list; [] when complete. */
  readonly partialReasons: string[];
}

/** The line's code without a trailing comment (Python `#`, JS `//`, with no quote after it), trimmed. */
export function withoutComment(text: string, language: string): string {
  return text.replace(language === 'python' ? /\s+#[^'"`]*$/ : /\s+\/\/[^'"`]*$/, '').trim();
}

function moduleRow(node: ModuleNode, total: bigint, unit: string): ModuleRow {
  return {
    name: node.name,
    type: node.type,
    line: node.line,
    paramsText: formatCount(node.params),
    flopsText: formatCount(node.inclusive.flops, unit),
    share: shareOf(node.inclusive.flops, total),
    children: node.children.map((c) => moduleRow(c, total, unit)),
  };
}

/** The training-step peak split into what holds it (gradients and activations as at the peak of backward). */
function ledger(r: AnalysisResult): Ledger {
  const m = r.memory;
  const total = m.trainingBytes;
  const part = (label: string, v: bigint): LedgerPart => ({
    label,
    share: shareOf(v, total),
    text: formatBytes(v),
    exact: `${formatExact(v)} B`,
  });
  const held = m.paramBytes + m.bufferBytes + m.optimizerBytes + m.gradientsAtPeakBytes + m.activationsAtPeakBytes;
  return {
    parts: [
      part('Weights', m.paramBytes + m.bufferBytes),
      part('Gradients', m.gradientsAtPeakBytes + (total > held ? total - held : 0n)),
      part('Optimizer', m.optimizerBytes),
      part('Activations', m.activationsAtPeakBytes),
    ],
    total: formatBytes(total),
    params: `${formatCount(r.totals.trainableParams)} trainable · ${formatCount(r.totals.frozenParams)} frozen params`,
  };
}

/** Top lines by FLOPs (at most `limit`), the rest folded into one "other" bar. */
function chartBars(r: AnalysisResult, lines: readonly LineRow[], limit = 8): ChartBar[] {
  const sorted = [...lines].filter((l) => l.flops !== '0').sort((a, b) => (BigInt(b.flops) > BigInt(a.flops) ? 1 : -1));
  const bars = sorted.slice(0, limit).map((l) => ({
    label: `${/^\d+$/.test(l.label) ? 'L' : ''}${l.label} ${l.code}`,
    line: l.line,
    share: l.share,
    text: l.flopsText,
  }));
  const rest = sorted.slice(limit).reduce((sum, l) => sum + BigInt(l.flops), 0n);
  if (rest > 0n)
    bars.push({
      label: `${sorted.length - limit} other lines`,
      line: 0,
      share: shareOf(rest, r.totals.flops),
      text: formatCount(rest, flopUnit(r.convention)),
    });
  return bars;
}

export function toViewModel(
  r: AnalysisResult,
  fileName: string,
  source: string,
  stored: FileInputs | undefined,
  label: LineLabel = String,
): ViewModel {
  const sourceLines = source.split(/\r?\n/);
  const unit = flopUnit(r.convention);
  const ge = atLeast(r);
  const rows = summaryRows(r).map(([label, value, exact]) => ({ label, value, exact }));
  const costed = r.lines.filter(
    (l) => l.shapes.length || l.inclusive.flops > 0n || l.params > 0n || l.activationBytes > 0n,
  );
  const lines: LineRow[] = costed.map((l) => ({
    line: l.line,
    label: label(l.line),
    code: withoutComment(sourceLines[l.line - 1] ?? '', r.language),
    shapes: lineShapes(l).join(', '),
    flops: l.flops.toString(),
    memory: l.activationBytes.toString(),
    params: l.params.toString(),
    flopsText: formatCount(l.flops, unit),
    flopsShort: formatCount(l.flops),
    memoryText: formatBytes(l.activationBytes),
    paramsText: formatCount(l.params),
    macsText: formatCount(l.macs, 'MACs'),
    calls: l.calls,
    calleesText: l.inclusive.flops > l.flops ? formatCount(l.inclusive.flops - l.flops, unit) : '',
    share: shareOf(l.flops, r.totals.flops),
  }));
  const dims = Object.entries(r.dims)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return {
    fileName,
    language: r.language,
    entry: stored?.entry ?? '',
    analyzedEntry: r.entry ?? '',
    inputText: stored ? formatInputs(stored.inputs) : '',
    analyzedInputs: r.inputs.map((i) => `${i.name} ${i.shape} ${i.dtype}`).join('; '),
    dimsText: formatDims(stored?.dims),
    dimsPlaceholder: dims || 'B=32',
    inputPlaceholder: r.inputs.map((i) => `${i.shape} ${i.dtype}`).join('; ') || '[B, 3, 224, 224] float32',
    output: r.output ? `${r.output.shape} ${r.output.dtype}` : '',
    settings: `${r.convention} · ${r.precision}${dims ? ` · ${dims}` : ''}`,
    headline: [
      { label: 'Params', value: ge + formatCount(r.totals.params), exact: ge + formatExact(r.totals.params) },
      ...(unit === 'MACs'
        ? []
        : [{ label: 'MACs', value: ge + formatCount(r.totals.macs), exact: ge + formatExact(r.totals.macs) }]),
      // The unit is the card's label (`6.42 M` over `MACs`), as for Params: with ≥ in front, `6.42 MMACs` did not fit.
      { label: unit, value: ge + formatCount(r.totals.flops), exact: ge + formatExact(r.totals.flops) },
      {
        label: 'Training memory',
        value: ge + formatBytes(r.memory.trainingBytes),
        exact: `${ge}${formatExact(r.memory.trainingBytes)} B`,
      },
    ],
    compute: rows.slice(0, computeRowCount),
    memory: rows.slice(computeRowCount),
    ledger: ledger(r),
    lines,
    modules: r.modules.map((m) => moduleRow(m, r.totals.flops, unit)),
    layers: layerRows(r),
    candidates: r.entryCandidates?.map((c) => c.expr),
    chart: chartBars(r, lines),
    diagnostics: r.diagnostics.map((d) => ({
      line: d.span.line,
      label: label(d.span.line),
      severity: d.severity,
      message: d.message,
    })),
    coverage: coverageText(r),
    partial: partialText(r),
    partialReasons: partialReasons(r),
  };
}
