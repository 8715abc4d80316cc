// Assembles the AnalysisResult from a finished session: totals, memory ledger, lines, module tree, coverage.
import type { AnalysisResult, Diagnostic, ModuleNode } from '../api/result';
import type { AnalyzeOptions } from '../api/options';
import type { Session } from '../engine/session';
import type { EntryOutcome } from '../engine/entry';
import { DimValues } from './evaluate';
import { buildLines } from './lines';
import { backwardFlops, forwardFlops } from './conventions';
import { summarize } from './summary';
import { distinctParams, namedChildren, namedTensors } from '../torch/nn/moduleTree';
import { Tensor } from '../torch/tensor';
import { PyInstance, PyTuple, PyList, type Value } from '../eval/values';

function firstTensor(v: Value | undefined): Tensor | undefined {
  if (v instanceof Tensor) return v;
  if (v instanceof PyTuple || v instanceof PyList) for (const x of v.items) { const t = firstTensor(x); if (t) return t; }
  return undefined;
}

export function buildResult(s: Session, outcome: EntryOutcome, opts: AnalyzeOptions, extraDiagnostics: Diagnostic[], budgetExceeded: boolean): AnalysisResult {
  const { ip } = s;
  const rec = ip.recorder;
  const dims = new DimValues(opts.dims);
  const conv = opts.convention;
  const roots = rec.rootModules;
  const memo = new Map<PyInstance, Set<Tensor>>();
  const tensorsOf = (role: 'param' | 'buffer') => {
    if (roots.length === 0) return rec.tensors.filter((t) => t.role === role);
    const seen = new Set<Tensor>();
    for (const r of roots) for (const t of role === 'param' ? distinctParams(r, memo) : namedTensors(r, role).map(([, x]) => x)) seen.add(t);
    return [...seen];
  };
  const params = tensorsOf('param');
  const buffers = tensorsOf('buffer');
  const count = (ts: Tensor[]) => ts.reduce((n, t) => n + (t.shape ? dims.poly(t.numelPoly()!) : 0n), 0n);
  const bytes = (ts: Tensor[]) => ts.reduce((n, t) => n + (t.shape ? dims.poly(t.numelPoly()!) * BigInt(t.dtype.bytes) : 0n), 0n);
  const byLine = new Map<number, { count: bigint; bytes: bigint }>();
  for (const t of params) {
    if (t.line === undefined || !t.shape) continue;
    const e = byLine.get(t.line) ?? { count: 0n, bytes: 0n };
    e.count += dims.poly(t.numelPoly()!);
    e.bytes += dims.poly(t.numelPoly()!) * BigInt(t.dtype.bytes);
    byLine.set(t.line, e);
  }
  const lines = buildLines(rec, byLine, dims, conv, memo);
  const out = firstTensor(outcome.output);
  const result: AnalysisResult = {
    language: 'python',
    entry: outcome.entry,
    inputs: outcome.inputs.map((i) => ({ name: i.name, shape: i.tensor.shapeString(), dtype: i.tensor.dtype.name })),
    output: out ? { shape: out.shapeString(), dtype: out.dtype.name } : undefined,
    lines,
    modules: roots.map((r) => moduleNode(s, r, r.cls.name, new Set(), dims, conv, memo)),
    steps: ip.steps,
    ...summarize(rec, lines, dims, opts, { params: count(params), paramBytes: bytes(params), buffers: count(buffers), bufferBytes: bytes(buffers) }, [...extraDiagnostics, ...ip.diagnostics], budgetExceeded),
  };
  return result;
}

function moduleNode(s: Session, m: PyInstance, name: string, seen: Set<PyInstance>, dims: DimValues, conv: AnalyzeOptions['convention'], memo: Map<PyInstance, Set<Tensor>>): ModuleNode {
  seen.add(m);
  const agg = s.ip.recorder.modules.get(m);
  const n = agg ? { macs: dims.poly(agg.inclusive.macs), extra: dims.poly(agg.inclusive.flops), bwdExtra: dims.poly(agg.inclusive.bwd) } : { macs: 0n, extra: 0n, bwdExtra: 0n };
  let params = 0n;
  for (const t of distinctParams(m, memo)) if (t.shape) params += dims.poly(t.numelPoly()!);
  const children = namedChildren(m).filter(([, c]) => !seen.has(c)).map(([k, c]) => moduleNode(s, c, k, seen, dims, conv, memo));
  return { name, type: m.cls.name, line: m.createdLine, params, inclusive: { macs: n.macs, flops: forwardFlops(conv, n), backwardFlops: backwardFlops(conv, n) }, calls: agg?.calls ?? 0, children };
}
