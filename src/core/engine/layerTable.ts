// The layer table (torchinfo's summary): every module of the models the file ran, in call order, with shapes and costs.
import type { CostCounts, LayerRow } from '../api/result';
import type { Convention } from '../api/options';
import type { ModuleAgg, Recorder } from '../cost/recorder';
import type { PyInstance } from '../eval/values';
import { Tensor } from '../model/tensor';
import { isModule } from '../torch/nn/moduleTree';
import { costCounts, zeroCounts } from '../result/costCounts';
import type { DimValues } from '../result/evaluate';
import type { ParamCounts } from './paramCounts';
import { shapeDims } from '../result/shapeData';

interface Node {
  readonly m: PyInstance;
  readonly path: string;
  readonly depth: number;
  readonly children: Node[];
  /** The first call order in its subtree (Infinity when nothing in it was called). */
  first: number;
}

/** named_modules() as a tree: each module once, at its first name. */
function tree(rec: Recorder, m: PyInstance, path: string, depth: number, seen: Set<PyInstance>): Node {
  seen.add(m);
  const node: Node = { m, path, depth, children: [], first: rec.modules.get(m)?.order ?? Infinity };
  m.attrs.forEach((v, k) => {
    if (!isModule(v) || seen.has(v)) return;
    const c = tree(rec, v, path ? `${path}.${k}` : k, depth + 1, seen);
    node.children.push(c);
    if (c.first < node.first) node.first = c.first;
  });
  // Call order; a container never called itself (ModuleList) sits before its first called child; never-called last.
  if (node.children.length > 1) node.children.sort((a, b) => a.first - b.first);
  return node;
}

function add(a: CostCounts, b: CostCounts): CostCounts {
  return {
    macs: a.macs + b.macs,
    flops: a.flops + b.flops,
    backwardMacs: a.backwardMacs + b.backwardMacs,
    backwardFlops: a.backwardFlops + b.backwardFlops,
  };
}

function share(n: bigint, total: bigint): number {
  return total > 0n ? Number((n * 1_000_000n) / total) / 1_000_000 : 0;
}

export function buildLayers(
  rec: Recorder,
  roots: readonly PyInstance[],
  dims: DimValues,
  conv: Convention,
  counts: ParamCounts,
  totals: { readonly params: bigint; readonly flops: bigint },
  inclusiveOf: (agg: ModuleAgg) => CostCounts = (agg) => costCounts(agg.inclusive, dims, conv),
): LayerRow[] {
  const rows: LayerRow[] = [];
  const seen = new Set<PyInstance>();
  const owner = new Map<Tensor, string>();
  const visit = (n: Node): CostCounts => {
    const agg = rec.modules.get(n.m);
    const at = rows.length;
    rows.push(undefined as unknown as LayerRow);
    let ownParams = 0n;
    let tiedWith: string | undefined;
    n.m.attrs.forEach((v, k) => {
      if (!(v instanceof Tensor) || v.role !== 'param') return;
      const first = owner.get(v);
      if (first !== undefined) tiedWith ??= first;
      else {
        owner.set(v, n.path ? `${n.path}.${k}` : k);
        ownParams += counts.numel(v);
      }
    });
    // A module never called itself (a ModuleList) sums its children; a called one has its own inclusive counts.
    const called = agg !== undefined && agg.calls > 0;
    let childSum = zeroCounts;
    for (const c of n.children) {
      const sub = visit(c);
      if (!called) childSum = add(childSum, sub);
    }
    const inclusive = called ? inclusiveOf(agg) : childSum;
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
  for (const r of roots) if (!seen.has(r)) visit(tree(rec, r, '', 0, seen));
  return rows;
}
