import { Tensor } from '../model/tensor';
import { isModule } from '../torch/nn/moduleTree';
import { costCounts, zeroCounts } from '../result/costCounts';
import { shapeDims } from '../result/shapeData';
/** named_modules() as a tree: each module once, at its first name. */
function tree(rec, m, path, depth, seen) {
    seen.add(m);
    const node = { m, path, depth, children: [], first: rec.modules.get(m)?.order ?? Infinity };
    for (const [k, v] of m.attrs)
        if (isModule(v) && !seen.has(v)) {
            const c = tree(rec, v, path ? `${path}.${k}` : k, depth + 1, seen);
            node.children.push(c);
            if (c.first < node.first)
                node.first = c.first;
        }
    // Call order; a container never called itself (ModuleList) sits before its first called child; never-called last.
    node.children.sort((a, b) => a.first - b.first);
    return node;
}
function add(a, b) {
    return {
        macs: a.macs + b.macs,
        flops: a.flops + b.flops,
        backwardMacs: a.backwardMacs + b.backwardMacs,
        backwardFlops: a.backwardFlops + b.backwardFlops,
    };
}
function share(n, total) {
    return total > 0n ? Number((n * 1000000n) / total) / 1_000_000 : 0;
}
export function buildLayers(rec, roots, dims, conv, counts, totals) {
    const rows = [];
    const seen = new Set();
    const owner = new Map();
    const visit = (n) => {
        const agg = rec.modules.get(n.m);
        const at = rows.length;
        rows.push(undefined);
        let ownParams = 0n;
        let tiedWith;
        n.m.attrs.forEach((v, k) => {
            if (!(v instanceof Tensor) || v.role !== 'param')
                return;
            const first = owner.get(v);
            if (first !== undefined)
                tiedWith ??= first;
            else {
                owner.set(v, n.path ? `${n.path}.${k}` : k);
                ownParams += counts.numel(v);
            }
        });
        let childSum = zeroCounts;
        for (const c of n.children)
            childSum = add(childSum, visit(c));
        const inclusive = agg && agg.calls > 0 ? costCounts(agg.inclusive, dims, conv) : childSum;
        const params = counts.module(n.m);
        const kept = agg ? [...agg.shapes] : [];
        rows[at] = {
            path: n.path,
            type: n.m.cls.name,
            depth: n.depth,
            line: n.m.createdLine,
            callLine: agg?.callLine,
            calls: agg?.calls ?? 0,
            outputShapes: kept.map(([k]) => k || '-'),
            outputDims: kept.map(([, t]) => shapeDims(t)),
            shapeCount: kept.length + (rec.moreShapes.get(n.m)?.size ?? 0),
            outputBytes: agg ? dims.sum(agg.outBytes) : 0n,
            params,
            ownParams,
            tiedWith,
            inclusive,
            paramShare: share(params, totals.params),
            flopShare: share(inclusive.flops, totals.flops),
        };
        return inclusive;
    };
    for (const r of roots)
        if (!seen.has(r))
            visit(tree(rec, r, '', 0, seen));
    return rows;
}
