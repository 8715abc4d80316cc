// Parameter counts for the result: each tensor's element count and each module's distinct parameters, evaluated once.
import type { PyInstance } from '../eval/values';
import type { Tensor } from '../torch/tensor';
import { distinctParams } from '../torch/nn/moduleTree';
import type { DimValues } from './evaluate';

export class ParamCounts {
  private readonly sets = new Map<PyInstance, Set<Tensor>>();
  private readonly modules = new Map<PyInstance, bigint>();
  private readonly tensors = new Map<Tensor, bigint>();
  constructor(private readonly dims: DimValues) {}

  /** Elements of a tensor at the user's dims (0 when its rank is unknown). */
  numel(t: Tensor): bigint {
    let n = this.tensors.get(t);
    if (n === undefined) {
      const p = t.shape ? t.numel()! : 0;
      n = typeof p === 'number' ? BigInt(p) : this.dims.poly(p.p);
      this.tensors.set(t, n);
    }
    return n;
  }

  /** The distinct parameters under a module (a tied weight once). */
  distinct(m: PyInstance): Set<Tensor> {
    return distinctParams(m, this.sets);
  }

  /** How many parameters a module holds, tied weights counted once. */
  module(m: PyInstance): bigint {
    let n = this.modules.get(m);
    if (n === undefined) {
      n = 0n;
      for (const t of this.distinct(m)) n += this.numel(t);
      this.modules.set(m, n);
    }
    return n;
  }

  sum(ts: Iterable<Tensor>): bigint {
    let n = 0n;
    for (const t of ts) n += this.numel(t);
    return n;
  }

  bytes(ts: Iterable<Tensor>): bigint {
    let n = 0n;
    for (const t of ts) n += this.numel(t) * BigInt(t.dtype.bytes);
    return n;
  }
}
