// Sums the module tree by class: instances, parameters and inclusive cost of every module of one class (for hovers on `class X`).
import type { AnalysisResult, ModuleNode } from '../core/api/result';

export interface ClassSummary {
  readonly className: string;
  readonly instances: number;
  readonly calls: number;
  /** Parameters of all instances (a parameter shared between instances counts once per instance). */
  readonly params: bigint;
  readonly macs: bigint;
  readonly flops: bigint;
}

export function classSummary(result: AnalysisResult, className: string): ClassSummary | undefined {
  let instances = 0,
    calls = 0,
    params = 0n,
    macs = 0n,
    flops = 0n;
  const visit = (n: ModuleNode, insideSame: boolean): void => {
    const same = n.type === className;
    if (same && !insideSame) {
      instances++;
      calls += n.calls;
      params += n.params;
      macs += n.inclusive.macs;
      flops += n.inclusive.flops;
    }
    for (const c of n.children) visit(c, insideSame || same);
  };
  for (const root of result.modules) visit(root, false);
  return instances ? { className, instances, calls, params, macs, flops } : undefined;
}
