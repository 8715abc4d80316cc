// Assembles the AnalysisResult of a TS/JS analysis from the shared cost machinery: lines, totals, memory ledger, model tree, coverage.
import type { AnalysisResult, CostCounts, Diagnostic, ModuleNode } from '../api/result';
import type { AnalyzeOptions } from '../api/options';
import { DimValues } from '../result/evaluate';
import { buildLines } from '../result/lines';
import { backwardFlops, forwardFlops, optimizerRates } from '../result/conventions';
import { dimPoly, dimProd } from '../sym/dim';
import type { Poly } from '../sym/poly';
import type { EvalCtx } from './context';
import type { Layer } from './layer';
import type { Model } from './model';
import type { EntryOutcome } from './entry';

function counts(dims: DimValues, conv: AnalyzeOptions['convention'], c: { macs: Poly; flops: Poly; bwd: Poly }): CostCounts {
  const n = { macs: dims.poly(c.macs), extra: dims.poly(c.flops), bwdExtra: dims.poly(c.bwd) };
  return { macs: n.macs, flops: forwardFlops(conv, n), backwardFlops: backwardFlops(conv, n) };
}

function layerParams(l: Layer, dims: DimValues): bigint {
  return (l.weights ?? []).reduce((a, w) => a + dims.poly(dimPoly(dimProd(w))), 0n);
}

function modelNode(m: Model, dims: DimValues, conv: AnalyzeOptions['convention']): ModuleNode {
  const children = m.layers.map((l): ModuleNode => ({ name: l.name, type: l.spec.className, line: l.line, params: layerParams(l, dims), inclusive: counts(dims, conv, l), calls: l.applications, children: [] }));
  const sum = (k: keyof CostCounts) => children.reduce((a, c) => a + c.inclusive[k], 0n);
  return { name: m.name, type: m.className, line: m.line, params: children.reduce((a, c) => a + c.params, 0n), inclusive: { macs: sum('macs'), flops: sum('flops'), backwardFlops: sum('backwardFlops') }, calls: 1, children };
}

export function buildTsJsResult(ctx: EvalCtx, models: Model[], outcome: EntryOutcome, opts: AnalyzeOptions, extra: Diagnostic[], budgetExceeded: boolean): AnalysisResult {
  const rec = ctx.recorder;
  const dims = new DimValues(opts.dims);
  const conv = opts.convention;
  const inModels = new Set(models.flatMap((m) => m.layers));
  const layers = models.length ? ctx.builtLayers.filter((l) => inModels.has(l)) : ctx.builtLayers;
  const byLine = new Map<number, { count: bigint; bytes: bigint }>();
  let P = 0n;
  for (const l of layers) {
    const n = layerParams(l, dims);
    P += n;
    const e = byLine.get(l.line) ?? { count: 0n, bytes: 0n };
    e.count += n;
    e.bytes += n * BigInt(ctx.float.bytes);
    byLine.set(l.line, e);
  }
  const total = counts(dims, conv, rec.total);
  const opt = optimizerRates[opts.optimizer];
  const lines = buildLines(rec, byLine, dims, conv, new Map());
  const paramBytes = P * BigInt(ctx.float.bytes);
  const saved = dims.poly(rec.saved);
  let largest = 0n;
  for (const l of lines) for (const o of l.ops) { const per = o.calls ? o.outputBytes / BigInt(o.calls) : 0n; if (per > largest) largest = per; }
  const optimizerBytes = P * opt.stateBytesPerParam;
  const master = opts.precision === 'mixed' ? P * 4n : 0n;
  const m = outcome.model;
  const out = m?.outputs[0];
  const diagnostics = [...extra, ...ctx.diagnostics];
  if (budgetExceeded) diagnostics.push({ span: { start: 0, end: 1, line: 1 }, severity: 'information', code: 'budget', message: `flopscope: the step budget (${opts.maxSteps} steps) ran out; results cover what ran before it` });
  const unknown = [...rec.unknown.values()].map((u) => ({ name: u.name, line: u.line, count: u.count }));
  return {
    language: 'tsjs',
    entry: outcome.entry,
    inputs: (m?.inputs ?? []).map((t, i) => ({ name: m!.inputs.length > 1 ? `input${i}` : 'input', shape: t.shapeString(), dtype: t.dtype.name })),
    output: out ? { shape: out.shapeString(), dtype: out.dtype.name } : undefined,
    totals: { ...total, params: P, buffers: 0n, trainingFlops: total.flops + total.backwardFlops + opt.flopsPerParam * P },
    memory: {
      paramBytes, bufferBytes: 0n, activationBytes: dims.poly(rec.outBytes), savedBytes: saved, gradientBytes: paramBytes,
      optimizerBytes, masterWeightBytes: master, largestTransientBytes: largest, trainingBytes: paramBytes * 2n + optimizerBytes + master + saved + largest,
    },
    lines,
    modules: models.filter((x) => !models.some((y) => y !== x && y.layers.length > 0 && x.layers.length > 0 && x.layers.every((l) => y.layers.includes(l)) && y.layers.length > x.layers.length)).map((x) => modelNode(x, dims, conv)),
    diagnostics,
    coverage: { ops: rec.knownOps + rec.unknownOps, unknownOps: rec.unknownOps, unknown },
    dims: Object.fromEntries([...dims.used].filter((d) => /^[A-Za-z_]\w*$/.test(d)).map((d) => [d, opts.dims[d] ?? 1])),
    convention: conv,
    precision: opts.precision,
    steps: ctx.steps,
    budgetExceeded,
  };
}
