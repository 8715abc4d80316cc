// MACs and FLOPs forward/backward of summed costs under a convention: number arithmetic when safe, bigint otherwise.
import type { CostCounts } from '../api/result';
import type { Convention } from '../api/options';
import type { CostSums } from '../cost/recorder';
import { backwardFlops, forwardFlops } from './conventions';
import type { DimValues } from './evaluate';

export const zeroCounts: CostCounts = { macs: 0n, flops: 0n, backwardFlops: 0n, backwardMacs: 0n };

export function costCounts(s: CostSums, dims: DimValues, conv: Convention): CostCounts {
  if (s.isSafe()) {
    const m = s.safeMacs,
      e = s.safeFlops,
      b = s.safeBwd,
      bm = s.safeBwdMacs;
    // The same formulas as conventions.ts, in numbers: exact while every value stays below 2^53.
    const fwd = conv === 'macs' ? m : conv === 'matmul2x' ? 2 * m : 2 * m + e;
    const bwd = conv === 'macs' ? bm : conv === 'matmul2x' ? 2 * bm : 2 * bm + b;
    if (Number.isSafeInteger(fwd) && Number.isSafeInteger(bwd))
      return { macs: BigInt(m), flops: BigInt(fwd), backwardFlops: BigInt(bwd), backwardMacs: BigInt(bm) };
  }
  const x = s.sums();
  const n = {
    macs: dims.sum(x.macs),
    extra: dims.sum(x.flops),
    bwdExtra: dims.sum(x.bwd),
    bwdMacs: dims.sum(x.bwdMacs),
  };
  return {
    macs: n.macs,
    flops: forwardFlops(conv, n),
    backwardFlops: backwardFlops(conv, n),
    backwardMacs: n.bwdMacs,
  };
}
