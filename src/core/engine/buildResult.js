import { DimValues } from '../result/evaluate';
import { buildLines } from '../result/lines';
import { costCounts, zeroCounts } from '../result/costCounts';
import { summarize } from '../result/summary';
import { distinctTensors, namedChildren } from '../torch/nn/moduleTree';
import { ParamCounts } from './paramCounts';
import { firstTensor } from '../torch/firstTensor';
import { describeValue, valueParams, valueShapeData } from './boundValue';
import { buildLayers } from './layerTable';
import { shapeDims } from '../result/shapeData';
export function buildResult(s, outcome, opts, extraDiagnostics, budgetExceeded) {
    const { ip } = s;
    const rec = ip.recorder;
    const dims = new DimValues(opts.dims);
    const conv = opts.convention;
    // The torch layer enters nn.Module instances on the recorder's module stack: its opaque refs are PyInstances here.
    const roots = rec.rootModules;
    const counts = new ParamCounts(dims);
    const tensorsOf = (role) => {
        if (roots.length === 0)
            return rec.tensors.filter((t) => t.role === role);
        if (role === 'param' && roots.length === 1)
            return counts.distinct(roots[0]);
        const seen = new Set();
        for (const r of roots)
            if (role === 'param')
                for (const t of counts.distinct(r))
                    seen.add(t);
            else
                distinctTensors(r, role, seen);
        return seen;
    };
    const params = tensorsOf('param');
    const buffers = tensorsOf('buffer');
    const byLine = new Map();
    for (const t of params) {
        if (t.line === undefined || !t.shape)
            continue;
        const e = byLine.get(t.line) ?? { count: 0n, bytes: 0n };
        const n = counts.numel(t);
        e.count += n;
        e.bytes += n * BigInt(t.dtype.bytes);
        byLine.set(t.line, e);
    }
    const lines = buildLines(rec, byLine, dims, conv, (v) => ({
        value: describeValue(v),
        data: valueShapeData(v),
        params: valueParams(v, counts),
    }));
    const out = firstTensor(outcome.output);
    const summary = summarize(rec, lines, dims, opts, {
        params: counts.sum(params),
        paramBytes: counts.bytes(params),
        trainableParams: counts.sum([...params].filter((t) => t.requiresGrad)),
        trainableBytes: counts.bytes([...params].filter((t) => t.requiresGrad)),
        buffers: counts.sum(buffers),
        bufferBytes: counts.bytes(buffers),
    }, [...extraDiagnostics, ...ip.diagnostics], budgetExceeded);
    const result = {
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
        modules: roots.map((r) => moduleNode(s, r, r.cls.name, new Set(), dims, conv, counts)),
        entryCandidates: outcome.candidates?.length ? outcome.candidates : undefined,
        layers: buildLayers(rec, roots, dims, conv, counts, summary.totals),
        steps: ip.steps,
        importedFiles: [...ip.modules.keys()].filter((k) => k.includes('/') && k !== ip.docFile),
        ...summary,
    };
    return result;
}
function moduleNode(s, m, name, seen, dims, conv, counts) {
    seen.add(m);
    const agg = s.ip.recorder.modules.get(m);
    const inclusive = agg ? costCounts(agg.inclusive, dims, conv) : zeroCounts;
    // Each module once, as PyTorch's named_modules(): a module held under two names shows under the first.
    const children = [];
    for (const [k, c] of namedChildren(m))
        if (!seen.has(c))
            children.push(moduleNode(s, c, k, seen, dims, conv, counts));
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
