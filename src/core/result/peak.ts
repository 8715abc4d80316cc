// Peak memory of a training step: a simulation of the backward pass over the ops autograd recorded, freeing saved tensors as it goes.
import type { Recorder } from '../cost/recorder';
import { tensorBytes } from '../cost/recorder';
import type { CostValue } from '../cost/sum';
import type { Tensor } from '../model/tensor';
import { termsCost } from '../cost/sum';

export interface BackwardPeak {
  /** Saved activations (and inputs) still held at the peak, plus the gradients of the op running then. */
  readonly activationBytes: bigint;
  /** Parameter gradients allocated by then. */
  readonly gradientBytes: bigint;
}

/**
 * Walks the recorded ops backward from the loss: each op's backward allocates its parameters' gradients (kept to the
 * end), holds the gradient of its output and of its input while it runs, and then frees the extras it saved and the
 * storages it was the first to save. Returns the largest point (the start of backward, or later when gradients grow
 * faster than activations are freed). Buffers are counted with the weights, never here.
 */
export function backwardPeak(rec: Recorder, value: (v: CostValue) => bigint): BackwardPeak {
  rec.finishSaved();
  return numberPeak(rec) ?? exactPeak(rec, value);
}

/**
 * The step's loss is `y.float().mean()` of the model's output y (the last op autograd recorded), as the H200 step and
 * autocast recipes compute it. For an fp32 y that is y itself; for a half y (autocast, bf16/fp16) it is an fp32 copy,
 * and backward starts holding y, the copy's fp32 gradient and its cast back to half: twice the copy's bytes (the same
 * rule as every op: output plus gradient). Zero when y is fp32 or unknown.
 */
function lossCopyBytes(rec: Recorder): CostValue {
  const y = rec.gradSteps[rec.gradSteps.length - 1]?.output;
  if (!y?.shape || !y.dtype.isFloat || y.dtype.bytes >= 4 || y.dtype.name === 'complex64') return 0;
  return termsCost([{ c: 4, f: y.shape.slice() }]);
}

/**
 * The same walk in plain numbers, for the common case where every size is a concrete integer and the largest sum stays
 * below 2^53 (then every partial sum is exact); undefined otherwise.
 */
function numberPeak(rec: Recorder): BackwardPeak | undefined {
  let symbolic = false;
  const num = (v: CostValue): number => {
    if (typeof v === 'number') return v;
    symbolic = true;
    return 0;
  };
  let live = 0;
  for (const st of rec.savedStorages) if (st.base.role !== 'buffer') live += num(tensorBytes(st.base));
  for (const s of rec.gradSteps) live += num(s.extra);
  const seen = new Set<Tensor>();
  let grads = 0,
    widest = 0;
  const loss = num(lossCopyBytes(rec));
  let bestHeld = live + 2 * loss,
    bestGrads = 0;
  for (let i = rec.gradSteps.length - 1; i >= 0; i--) {
    const s = rec.gradSteps[i];
    for (const p of s.params)
      if (!seen.has(p)) {
        seen.add(p);
        grads += num(tensorBytes(p));
      }
    const out = num(s.out);
    if (out > widest) widest = out;
    const held = live + 2 * out;
    if (held + grads > bestHeld + bestGrads) {
      bestHeld = held;
      bestGrads = grads;
    }
    live -= num(s.extra);
    for (const st of s.frees) if (st.base.role !== 'buffer') live -= num(tensorBytes(st.base));
  }
  // Every partial sum is at most the start's live bytes + all gradients + twice the widest output: exact below 2^53.
  if (symbolic || !Number.isSafeInteger(bestHeld + bestGrads + grads + 2 * widest + 2 * loss)) return undefined;
  return { activationBytes: BigInt(bestHeld), gradientBytes: BigInt(bestGrads) };
}

function exactPeak(rec: Recorder, value: (v: CostValue) => bigint): BackwardPeak {
  let live = 0n;
  for (const st of rec.savedStorages) if (st.base.role !== 'buffer') live += value(tensorBytes(st.base));
  for (const s of rec.gradSteps) live += value(s.extra);
  const seen = new Set<Tensor>();
  let grads = 0n;
  let best: BackwardPeak = { activationBytes: live + 2n * value(lossCopyBytes(rec)), gradientBytes: 0n };
  for (let i = rec.gradSteps.length - 1; i >= 0; i--) {
    const s = rec.gradSteps[i];
    for (const p of s.params)
      if (!seen.has(p)) {
        seen.add(p);
        grads += value(tensorBytes(p));
      }
    const held = live + 2n * value(s.out);
    if (held + grads > best.activationBytes + best.gradientBytes)
      best = { activationBytes: held, gradientBytes: grads };
    live -= value(s.extra);
    for (const st of s.frees) if (st.base.role !== 'buffer') live -= value(tensorBytes(st.base));
  }
  return best;
}
