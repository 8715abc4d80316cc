// Counting conventions: the seed's FLOPs (default), MACs only (torchvision/fvcore/ptflops/thop), 2×MAC matmul-only (FlopCounterMode).
import type { Convention, Optimizer } from '../api/options';

export interface Counts {
  macs: bigint;
  extra: bigint;
  bwdExtra: bigint;
  /** Backward multiply-accumulates: one forward's worth per operand whose gradient autograd computes. */
  bwdMacs: bigint;
}

export function forwardFlops(c: Convention, n: Counts): bigint {
  if (c === 'macs') return n.macs;
  if (c === 'matmul2x') return 2n * n.macs;
  return 2n * n.macs + n.extra;
}

/** Backward of a matmul-class op: 2 FLOPs per backward MAC (input and weight gradients, only those autograd computes); element-wise gradients use the cached forward value. */
export function backwardFlops(c: Convention, n: Counts): bigint {
  if (c === 'macs') return n.bwdMacs;
  if (c === 'matmul2x') return 2n * n.bwdMacs;
  return 2n * n.bwdMacs + n.bwdExtra;
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
