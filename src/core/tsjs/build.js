import { shapeDims } from '../result/shapeData';
import { DimValues } from '../result/evaluate';
import { buildLines } from '../result/lines';
import { summarize } from '../result/summary';
import { costCounts } from '../result/costCounts';
import { dimPoly, dimProd } from '../sym/dim';
import { Tensor } from '../model/tensor';
/** The shape a statement bound (`const y = model.predict(x)` -> `[64, 10]`), shown on lines that ran no op. */
function describeBound(v) {
    return v instanceof Tensor && v.shape ? { value: v.shapeString(), data: shapeDims(v) } : undefined;
}
function layerParams(l, dims) {
    return (l.weights ?? []).reduce((a, w) => a + dims.poly(dimPoly(dimProd(w))), 0n);
}
function modelNode(m, dims, conv) {
    const children = m.layers.map((l) => ({
        name: l.name,
        type: l.spec.className,
        line: l.line,
        params: layerParams(l, dims),
        inclusive: costCounts(l.cost, dims, conv),
        calls: l.applications,
        children: [],
    }));
    const sum = (k) => children.reduce((a, c) => a + c.inclusive[k], 0n);
    return {
        name: m.name,
        type: m.className,
        line: m.line,
        params: children.reduce((a, c) => a + c.params, 0n),
        inclusive: {
            macs: sum('macs'),
            flops: sum('flops'),
            backwardFlops: sum('backwardFlops'),
            backwardMacs: sum('backwardMacs'),
        },
        calls: 1,
        children,
    };
}
export function buildTsJsResult(ctx, models, outcome, opts, extra, budgetExceeded) {
    const rec = ctx.recorder;
    const dims = new DimValues(opts.dims);
    const conv = opts.convention;
    const inModels = new Set(models.flatMap((m) => m.layers));
    const layers = models.length ? ctx.builtLayers.filter((l) => inModels.has(l)) : ctx.builtLayers;
    const byLine = new Map();
    let P = 0n;
    for (const l of layers) {
        const n = layerParams(l, dims);
        P += n;
        const e = byLine.get(l.line) ?? { count: 0n, bytes: 0n };
        e.count += n;
        e.bytes += n * BigInt(ctx.weightFloat.bytes);
        byLine.set(l.line, e);
    }
    const lines = buildLines(rec, byLine, dims, conv, describeBound);
    const paramBytes = P * BigInt(ctx.weightFloat.bytes);
    const m = outcome.model;
    const out = m?.outputs[0];
    return {
        language: 'tsjs',
        entry: outcome.entry,
        inputs: (m?.inputs ?? []).map((t, i) => ({
            name: m.inputs.length > 1 ? `input${i}` : 'input',
            shape: t.shapeString(),
            dtype: t.dtype.name,
            dims: shapeDims(t),
            bytesPerElement: t.dtype.bytes,
        })),
        output: out ? { shape: out.shapeString(), dtype: out.dtype.name, dims: shapeDims(out) } : undefined,
        lines,
        modules: models
            .filter((x) => !models.some((y) => y !== x &&
            y.layers.length > 0 &&
            x.layers.length > 0 &&
            x.layers.every((l) => y.layers.includes(l)) &&
            y.layers.length > x.layers.length))
            .map((x) => modelNode(x, dims, conv)),
        steps: ctx.steps,
        ...summarize(rec, lines, dims, opts, { params: P, paramBytes, trainableParams: P, trainableBytes: paramBytes, buffers: 0n, bufferBytes: 0n }, [...extra, ...ctx.diagnostics], budgetExceeded),
    };
}
