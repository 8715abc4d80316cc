import { conventionRules } from '../api/options';
import { formulaString, termsConcrete } from '../cost/terms';
import { costCounts, zeroCounts } from './costCounts';
import { DimValues as DV } from './evaluate';
import { shapeDims } from './shapeData';
function opFormula(agg, dims, conv) {
    const ev = agg.event;
    const rule = conventionRules[conv];
    const scale = rule.perMac;
    const rest = rule.elementwise ? ev.flops : [];
    const formula = formulaString(ev.macs, scale, rest, dims.show);
    if (termsConcrete(ev.macs) && termsConcrete(rest))
        return { formula };
    const symbolic = formulaString(ev.macs, scale, rest, DV.symbolic);
    return { formula, symbolic: symbolic !== formula ? symbolic : undefined };
}
function opRecord(agg, dims, conv) {
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
function isTuple(data) {
    return Array.isArray(data) && data.length > 0 && data.every((d) => d === null || Array.isArray(d));
}
/** One entry per document line that ran ops, created parameters or bound a value, in line order. */
export function buildLines(rec, params, dims, conv, describe = () => undefined) {
    rec.finishSaved();
    const bound = new Map();
    rec.boundValues.forEach((v, l) => {
        const d = describe(v);
        if (d && (d.value !== undefined || d.params))
            bound.set(l, d);
    });
    const lineNos = [...rec.lines.keys()];
    params.forEach((_, l) => {
        if (!rec.lines.has(l))
            lineNos.push(l);
    });
    bound.forEach((_, l) => {
        if (!rec.lines.has(l) && !params.has(l))
            lineNos.push(l);
    });
    lineNos.sort((a, b) => a - b);
    const endOf = new Map();
    rec.endLines.forEach((start, end) => endOf.set(start, end));
    const out = [];
    for (const line of lineNos) {
        const agg = rec.lines.get(line);
        const b = bound.get(line);
        const ops = [];
        const shapes = [];
        const data = [];
        const dtypes = [];
        agg?.ops.forEach((o) => {
            const r = opRecord(o, dims, conv);
            ops.push(r);
            if (r.shape && !shapes.includes(r.shape)) {
                shapes.push(r.shape);
                data.push(shapeDims(o.event.out));
            }
            if (r.dtype && !dtypes.includes(r.dtype))
                dtypes.push(r.dtype);
        });
        // A line whose ops ran elsewhere (`logits = model(x)`) or that ran none (`x = torch.randn(...)`) shows the value it bound.
        if (!shapes.length && b?.value) {
            shapes.push(b.value);
            data.push(b.data ?? null);
        }
        else if (b?.value && isTuple(b.data) && !shapes.includes(b.value)) {
            // `q, k, v = self.c_attn(x).split(C, dim=2)`: the view ops record nothing; the statement's outputs are the tuple.
            shapes.push(b.value);
            data.push(b.data);
        }
        const self = agg ? costCounts(agg.self, dims, conv) : zeroCounts;
        const inc = agg ? costCounts(agg.inclusive, dims, conv) : self;
        const p = params.get(line);
        let formula = ops.length === 1 ? ops[0].formula : '';
        if (ops.length > 1)
            for (const o of ops)
                if (o.flops > 0n)
                    formula += `${formula ? '; ' : ''}${o.op}: ${o.formula}`;
        out.push({
            line,
            endLine: endOf.get(line),
            value: b?.value,
            valueParams: b?.params,
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
