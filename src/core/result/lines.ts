// Per-line costs from the recorder: self and inclusive counts, shapes, formulas, parameters created on the line.
import type { LineCost, OpRecord, ShapeData } from '../api/result';
import { conventionRules, type Convention } from '../api/options';
import type { LineAgg, OpAgg, Recorder } from '../cost/recorder';
import { formulaString, termsConcrete } from '../cost/terms';
import type { DimValues } from './evaluate';
import { costCounts, zeroCounts } from './costCounts';
import { DimValues as DV } from './evaluate';
import { shapeDims } from './shapeData';

function opFormula(agg: OpAgg, dims: DimValues, conv: Convention): { formula: string; symbolic?: string } {
  const ev = agg.event;
  const rule = conventionRules[conv];
  const scale = rule.perMac;
  const rest = rule.elementwise ? ev.flops : [];
  const formula = formulaString(ev.macs, scale, rest, dims.show);
  if (termsConcrete(ev.macs) && termsConcrete(rest)) return { formula };
  const symbolic = formulaString(ev.macs, scale, rest, DV.symbolic);
  return { formula, symbolic: symbolic !== formula ? symbolic : undefined };
}

function opRecord(agg: OpAgg, dims: DimValues, conv: Convention): OpRecord {
  const n = costCounts(agg, dims, conv);
  const { formula, symbolic } = opFormula(agg, dims, conv);
  const ev = agg.event;
  return {
    op: ev.op,
    shape: ev.out ? ev.out.shapeString() : '',
    dtype: ev.out?.dtype.name ?? '',
    macs: n.macs,
    flops: n.flops,
    backwardFlops: n.backwardFlops,
    outputBytes: dims.sum(agg.outBytes),
    savedBytes: dims.sum(agg.saved),
    calls: agg.calls,
    formula,
    symbolicFormula: symbolic,
    rule: ev.rule,
    known: ev.known,
    ...(agg.source ? { source: { file: agg.source.file, line: agg.source.line } } : {}),
  };
}

/** A tuple's shapes (each item a shape or null), not one tensor's dims. */
function isTuple(data: ShapeData | null | undefined): data is ShapeData {
  return Array.isArray(data) && data.length > 0 && data.every((d) => d === null || Array.isArray(d));
}

/** How a front end shows the value a statement bound: its shape, and a module's parameters (see Recorder.bind). */
export type DescribeValue = (
  v: unknown,
  line: number,
) => { value?: string; data?: ShapeData | null; params?: bigint; dtype?: string } | undefined;

/** One entry per document line that ran ops, created parameters or bound a value, in line order. */
export function buildLines(
  rec: Recorder,
  params: Map<number, { count: bigint; bytes: bigint }>,
  dims: DimValues,
  conv: Convention,
  describe: DescribeValue = () => undefined,
): LineCost[] {
  rec.finishSaved();
  const bound = new Map<number, { value?: string; data?: ShapeData | null; params?: bigint; dtype?: string }>();
  rec.boundValues.forEach((v, l) => {
    const d = describe(v, l);
    if (d && (d.value !== undefined || d.params)) bound.set(l, d);
  });
  const lineNos = [...rec.lines.keys()];
  params.forEach((_, l) => {
    if (!rec.lines.has(l)) lineNos.push(l);
  });
  bound.forEach((_, l) => {
    if (!rec.lines.has(l) && !params.has(l)) lineNos.push(l);
  });
  // Distinct positive integers: a typed array sorts them numerically without a comparator call per step.
  const sorted = Int32Array.from(lineNos).sort();
  const endOf = new Map<number, number>();
  rec.endLines.forEach((start, end) => endOf.set(start, end));
  const out: LineCost[] = [];
  for (const line of sorted) {
    const agg: LineAgg | undefined = rec.lines.get(line);
    const b = bound.get(line);
    const ops: OpRecord[] = [];
    const shapes: string[] = [];
    const data: (ShapeData | null)[] = [];
    const dtypes: string[] = [];
    agg?.ops.forEach((o) => {
      const r = opRecord(o, dims, conv);
      ops.push(r);
      if (r.shape && !shapes.includes(r.shape)) {
        shapes.push(r.shape);
        data.push(shapeDims(o.event.out));
      }
      if (r.dtype && !dtypes.includes(r.dtype)) dtypes.push(r.dtype);
    });
    // A line whose ops ran elsewhere (`logits = model(x)`) or that ran none (`x = torch.randn(...)`) shows the value it bound.
    if (!shapes.length && b?.value) {
      shapes.push(b.value);
      data.push(b.data ?? null);
    } else if (b?.value && isTuple(b.data) && !shapes.includes(b.value)) {
      // `q, k, v = self.c_attn(x).split(C, dim=2)`: the view ops record nothing; the statement's outputs are the tuple.
      shapes.push(b.value);
      data.push(b.data);
    }
    const self = agg ? costCounts(agg.self, dims, conv) : zeroCounts;
    const inc = agg ? costCounts(agg.inclusive, dims, conv) : self;
    const p = params.get(line);
    let formula = ops.length === 1 ? ops[0].formula : '';
    if (ops.length > 1) for (const o of ops) if (o.flops > 0n) formula += `${formula ? '; ' : ''}${o.op}: ${o.formula}`;
    out.push({
      line,
      endLine: endOf.get(line),
      value: b?.value,
      valueParams: b?.params,
      valueDtype: b?.dtype,
      shapes,
      shapeDims: data,
      dtypes,
      macs: self.macs,
      flops: self.flops,
      backwardFlops: self.backwardFlops,
      backwardMacs: self.backwardMacs,
      inclusive: inc,
      params: p?.count ?? 0n,
      paramBytes: p?.bytes ?? 0n,
      activationBytes: agg ? dims.sum(agg.outBytes) : 0n,
      inclusiveActivationBytes: agg ? dims.sum(agg.inclusiveOutBytes) : 0n,
      calls: rec.lineCalls.get(line) ?? 0,
      formula,
      ops,
    });
  }
  return out;
}
