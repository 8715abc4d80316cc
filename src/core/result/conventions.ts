// Counting conventions applied to exact counts (the rules themselves are the table conventionRules in api/options.ts).
import { conventionRules, type Convention, type Optimizer } from '../api/options';

export interface Counts {
  macs: bigint;
  extra: bigint;
  bwdExtra: bigint;
}

export function forwardFlops(c: Convention, n: Counts): bigint {
  const r = conventionRules[c];
  return BigInt(r.perMac) * n.macs + (r.elementwise ? n.extra : 0n);
}

/** Backward of a matmul-class op is 2× its forward FLOPs; element-wise gradients use the cached forward value. */
export function backwardFlops(c: Convention, n: Counts): bigint {
  const r = conventionRules[c];
  return BigInt(r.backwardPerMac) * n.macs + (r.elementwise ? n.bwdExtra : 0n);
}

/** Optimizer step FLOPs per parameter and optimizer-state bytes per parameter (fp32). */
export const optimizerRates: Record<Optimizer, { flopsPerParam: bigint; stateBytesPerParam: bigint; label: string }> = {
  sgd: { flopsPerParam: 2n, stateBytesPerParam: 0n, label: 'SGD: 2 FLOPs per parameter, no state (seed)' },
  momentum: {
    flopsPerParam: 4n,
    stateBytesPerParam: 4n,
    label: 'SGD+momentum: 4 FLOPs per parameter, 1× state (seed)',
  },
  adam: {
    flopsPerParam: 12n,
    stateBytesPerParam: 8n,
    label: 'Adam: 12 FLOPs per parameter (seed range 10-15), 2× fp32 state (seed)',
  },
};
