// Saved tensors and backward MACs of matmul-class ops, as autograd runs them: only operands whose gradient is needed.
import type { Term } from '../cost/terms';
import { term } from '../cost/terms';
import { dimEq, dimProd, type Dim } from '../sym/dim';
import { stridesOf, viewStrides } from './strides';
import type { Tensor } from '../model/tensor';

export interface GradSaves {
  readonly savedTensors: Tensor[];
  readonly saved: Term[];
  readonly bwdMacs: Term[];
}

/** Backward MACs: the forward's MACs once per operand that requires grad (input gradient, weight gradient). */
export function backwardMacs(macs: readonly Term[], operands: readonly (Tensor | undefined)[]): Term[] {
  const k = operands.filter((t) => t?.requiresGrad).length;
  return k === 0 ? [] : macs.map((t) => ({ c: t.c * k, f: t.f }));
}

/**
 * What autograd keeps of `t` when it reshapes it to `shape` first (linear's and matmul's folding): `t`'s own storage
 * when the reshape is a view (or the layout is unknown: taken as one), else a copy of `shape`.
 */
export function foldedSave(t: Tensor, shape: readonly Dim[] | undefined, into: GradSaves): void {
  const st = stridesOf(t);
  if (shape && t.shape) {
    const copy =
      !dimEq(dimProd(shape), dimProd(t.shape)) ||
      (st && shape.every((d) => typeof d === 'number') && !viewStrides(t.shape as number[], st, shape as number[]));
    if (copy) {
      into.saved.push(term(t.dtype.bytes, ...shape));
      return;
    }
  }
  into.savedTensors.push(t);
}

/** A two-operand product a·b: a is kept when b requires grad, b when a does (folded as `aShape`/`bShape`). */
export function productSaves(
  a: Tensor,
  b: Tensor,
  macs: readonly Term[],
  aShape?: readonly Dim[],
  bShape?: readonly Dim[],
): GradSaves {
  const g: GradSaves = { savedTensors: [], saved: [], bwdMacs: backwardMacs(macs, [a, b]) };
  if (b.requiresGrad) foldedSave(a, aShape ?? a.shape, g);
  if (a.requiresGrad) foldedSave(b, bShape ?? b.shape, g);
  return g;
}
