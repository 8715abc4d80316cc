// Per-line costs from the recorder: self and inclusive counts, shapes, formulas, parameters created on the line.
import type { LineCost, OpRecord } from '../api/result';
import type { Convention } from '../api/options';
import type { LineAgg, OpAgg, Recorder } from '../cost/recorder';
import { scaleTerms, termsString } from '../cost/terms';
import type { DimValues } from './evaluate';
import { backwardFlops, forwardFlops } from './conventions';
import { DimValues as DV } from './evaluate';
import type { Tensor } from '../torch/tensor';
import type { PyInstance } from '../eval/values';
import { describeValue, valueParams } from './boundValue';

function opFormula(agg: OpAgg, dims: DimValues, conv: Convention): { formula: string; symbolic?: string } {
  const ev = agg.event;
  const terms = conv === 'macs' ? ev.macs : conv === 'matmul2x' ? scaleTerms(ev.macs, 2) : [...scaleTerms(ev.macs, 2), ...ev.flops];
  const formula = termsString(terms, (d) => dims.dim(d));
  if (terms.every((t) => t.f.every((d) => typeof d === 'number'))) return { formula };
  const symbolic = termsString(terms, DV.symbolic);
  return { formula, symbolic: symbolic !== formula ? symbolic : undefined };
}

function opRecord(agg: OpAgg, dims: DimValues, conv: Convention): OpRecord {
  const n = { macs: dims.poly(agg.macs), extra: dims.poly(agg.flops), bwdExtra: dims.poly(agg.bwd) };
  const { formula, symbolic } = opFormula(agg, dims, conv);
  return {
    op: agg.event.op, shape: agg.event.out ? shapeOf(agg.event.out, dims) : '', dtype: agg.event.out?.dtype.name ?? '',
    macs: n.macs, flops: forwardFlops(conv, n), backwardFlops: backwardFlops(conv, n),
    outputBytes: dims.poly(agg.outBytes), savedBytes: dims.poly(agg.saved), calls: agg.calls, formula, symbolicFormula: symbolic, rule: agg.event.rule, known: agg.event.known,
  };
}

export function shapeOf(t: Tensor, _dims: DimValues): string {
  return t.shapeString();
}

export function buildLines(rec: Recorder, params: Map<number, { count: bigint; bytes: bigint }>, dims: DimValues, conv: Convention, memo: Map<PyInstance, Set<Tensor>>): LineCost[] {
  const out: LineCost[] = [];
  const bound = new Map<number, { value?: string; params?: bigint }>();
  for (const [l, v] of rec.boundValues) {
    const d = { value: describeValue(v), params: valueParams(v, dims, memo) };
    if (d.value !== undefined || d.params) bound.set(l, d);
  }
  const lineNos = new Set<number>([...rec.lines.keys(), ...params.keys(), ...bound.keys()]);
  const endOf = new Map([...rec.endLines].map(([end, start]) => [start, end]));
  for (const line of [...lineNos].sort((a, b) => a - b)) {
    const agg: LineAgg | undefined = rec.lines.get(line);
    const ops = agg ? [...agg.ops.values()].map((o) => opRecord(o, dims, conv)) : [];
    const self = agg ? { macs: dims.poly(agg.self.macs), extra: dims.poly(agg.self.flops), bwdExtra: dims.poly(agg.self.bwd) } : { macs: 0n, extra: 0n, bwdExtra: 0n };
    const inc = agg ? { macs: dims.poly(agg.inclusive.macs), extra: dims.poly(agg.inclusive.flops), bwdExtra: dims.poly(agg.inclusive.bwd) } : self;
    const p = params.get(line);
    const b0 = bound.get(line);
    const opShapes = [...new Set(ops.map((o) => o.shape).filter(Boolean))];
    // A line whose ops ran elsewhere (`logits = model(x)`) or that ran none (`x = torch.randn(...)`) shows the value it bound.
    const shapes = opShapes.length ? opShapes : b0?.value ? [b0.value] : [];
    const b = bound.get(line);
    out.push({
      line, endLine: endOf.get(line), value: b?.value, valueParams: b?.params,
      shapes, dtypes: [...new Set(ops.map((o) => o.dtype).filter(Boolean))],
      macs: self.macs, flops: forwardFlops(conv, self), backwardFlops: backwardFlops(conv, self),
      inclusive: { macs: inc.macs, flops: forwardFlops(conv, inc), backwardFlops: backwardFlops(conv, inc) },
      params: p?.count ?? 0n, paramBytes: p?.bytes ?? 0n,
      activationBytes: agg ? dims.poly(agg.outBytes) : 0n, inclusiveActivationBytes: agg ? dims.poly(agg.inclusiveOutBytes) : 0n,
      calls: rec.lineCalls.get(line) ?? 0,
      formula: ops.length === 1 ? ops[0].formula : ops.filter((o) => o.flops > 0n).map((o) => `${o.op}: ${o.formula}`).join('; '),
      ops,
    });
  }
  return out;
}
