// Assembles the AnalysisResult from a finished session: totals, memory ledger, lines, module tree, coverage.
import type { AnalysisResult, CostCounts, Diagnostic, ModuleNode } from '../api/result';
import type { ModuleAgg } from '../cost/recorder';
import type { AnalyzeOptions } from '../api/options';
import type { Session } from './session';
import type { EntryOutcome } from './entry';
import { DimValues } from '../result/evaluate';
import { buildLines } from '../result/lines';
import { costCounts, zeroCounts } from '../result/costCounts';
import { summarize } from '../result/summary';
import { distinctTensors, isModule } from '../torch/nn/moduleTree';
import { ParamCounts } from './paramCounts';
import { Tensor } from '../model/tensor';
import { PyInstance, type Value } from '../eval/values';
import { firstTensor } from '../torch/firstTensor';
import { describeValue, valueDtype, valueParams, valueShapeData } from './boundValue';
import { buildLayers } from './layerTable';
import { shapeDims } from '../result/shapeData';

export function buildResult(
  s: Session,
  outcome: EntryOutcome,
  opts: AnalyzeOptions,
  extraDiagnostics: Diagnostic[],
  budgetExceeded: boolean,
): AnalysisResult {
  const { ip } = s;
  const rec = ip.recorder;
  const dims = new DimValues(opts.dims);
  const conv = opts.convention;
  // The torch layer enters nn.Module instances on the recorder's module stack: its opaque refs are PyInstances here.
  const roots = rec.rootModules as PyInstance[];
  const counts = new ParamCounts(dims);
  const tensorsOf = (role: 'param' | 'buffer'): Iterable<Tensor> => {
    if (roots.length === 0) return rec.tensors.filter((t) => t.role === role);
    if (role === 'param' && roots.length === 1) return counts.distinct(roots[0]);
    const seen = new Set<Tensor>();
    for (const r of roots)
      if (role === 'param') for (const t of counts.distinct(r)) seen.add(t);
      else distinctTensors(r, role, seen);
    return seen;
  };
  const params = tensorsOf('param');
  const buffers = tensorsOf('buffer');
  const byLine = new Map<number, { count: bigint; bytes: bigint }>();
  for (const t of params) {
    if (t.line === undefined || !t.shape) continue;
    const e = byLine.get(t.line) ?? { count: 0n, bytes: 0n };
    const n = counts.numel(t);
    e.count += n;
    e.bytes += n * BigInt(t.dtype.bytes);
    byLine.set(t.line, e);
  }
  const lines = buildLines(rec, byLine, dims, conv, (v, line) => ({
    value: describeValue(v as Value),
    data: valueShapeData(v as Value),
    dtype: valueDtype(v as Value),
    params: valueParams(v as Value, counts, rec.boundParams.get(line) as ReadonlySet<Tensor> | undefined),
  }));
  const out = firstTensor(outcome.output);
  // A module's inclusive counts, shared by the module tree and the layer table.
  const inclusive = new Map<ModuleAgg, CostCounts>();
  const inclusiveOf = (agg: ModuleAgg): CostCounts => {
    let n = inclusive.get(agg);
    if (!n) inclusive.set(agg, (n = costCounts(agg.inclusive, dims, conv)));
    return n;
  };
  const summary = summarize(
    rec,
    lines,
    dims,
    opts,
    counts.weights(params, buffers),
    [...extraDiagnostics, ...ip.diagnostics],
    budgetExceeded,
  );
  const result: AnalysisResult = {
    language: 'python',
    entry: outcome.entry,
    inputs: outcome.inputs.map((i) => ({
      name: i.name,
      shape: i.tensor.shapeString(),
      dtype: i.tensor.dtype.name,
      dims: shapeDims(i.tensor),
      bytesPerElement: i.tensor.dtype.bytes,
    })),
    output: out ? { shape: out.shapeString(), dtype: out.dtype.name, dims: shapeDims(out) } : undefined,
    lines,
    modules: roots.map((r) => moduleNode(s, r, r.cls.name, new Set(), inclusiveOf, counts)),
    entryCandidates: outcome.candidates?.length ? outcome.candidates : undefined,
    layers: buildLayers(rec, roots, dims, conv, counts, summary.totals, inclusiveOf),
    steps: ip.steps,
    importedFiles: [...ip.modules.keys()].filter((k) => k.includes('/') && k !== ip.docFile),
    ...summary,
  };
  return result;
}

function moduleNode(
  s: Session,
  m: PyInstance,
  name: string,
  seen: Set<PyInstance>,
  inclusiveOf: (agg: ModuleAgg) => CostCounts,
  counts: ParamCounts,
): ModuleNode {
  seen.add(m);
  const agg = s.ip.recorder.modules.get(m);
  const inclusive = agg ? inclusiveOf(agg) : zeroCounts;
  // Each module once, as PyTorch's named_modules(): a module held under two names shows under the first.
  const children: ModuleNode[] = [];
  m.attrs.forEach((c, k) => {
    if (isModule(c) && !seen.has(c)) children.push(moduleNode(s, c, k, seen, inclusiveOf, counts));
  });
  return {
    name,
    type: m.cls.name,
    line: m.createdLine,
    params: counts.module(m),
    inclusive,
    calls: agg?.calls ?? 0,
    children,
  };
}
