// Counting conventions applied to exact counts (the rules themselves are the table conventionRules in api/options.ts).
import { conventionRules, type Convention, type Optimizer } from '../api/options';

export interface Counts {
  macs: bigint;
  extra: bigint;
  bwdExtra: bigint;
  /** Backward multiply-accumulates: one forward's worth per operand whose gradient autograd computes. */
  bwdMacs: bigint;
}

export function forwardFlops(c: Convention, n: Counts): bigint {
  const r = conventionRules[c];
  return BigInt(r.perMac) * n.macs + (r.elementwise ? n.extra : 0n);
}

/** Backward of a matmul-class op: 2 FLOPs per backward MAC (input and weight gradients, only those autograd computes); element-wise gradients use the cached forward value. */
export function backwardFlops(c: Convention, n: Counts): bigint {
  // Backward MACs already count one forward's worth per operand whose gradient autograd computes.
  const r = conventionRules[c];
  return BigInt(r.perMac) * n.bwdMacs + (r.elementwise ? n.bwdExtra : 0n);
}

/** Optimizer step FLOPs per parameter and optimizer-state bytes per fp32 parameter (half parameters: half state). */
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
