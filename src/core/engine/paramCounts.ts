// Parameter counts for the result: each tensor's element count and each module's distinct parameters, evaluated once.
import type { PyInstance } from '../eval/values';
import { Tensor } from '../model/tensor';
import { distinctParams, isModule } from '../torch/nn/moduleTree';
import type { DimValues } from '../result/evaluate';
import type { WeightCounts } from '../result/summary';

export class ParamCounts {
  private readonly sets = new Map<PyInstance, Set<Tensor>>();
  private readonly modules = new Map<PyInstance, bigint>();
  private readonly tensors = new Map<Tensor, bigint>();
  /** Modules whose subtree holds no module and no parameter twice (no tied weights): their counts are plain sums. */
  private readonly clean = new Set<PyInstance>();
  private readonly walkedParams = new Map<PyInstance, Set<Tensor>>();
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
  distinct(m: PyInstance): ReadonlySet<Tensor> {
    if (!this.clean.has(m)) this.walk(m);
    return this.walkedParams.get(m) ?? distinctParams(m, this.sets);
  }

  /** How many parameters a module holds, tied weights counted once. */
  module(m: PyInstance): bigint {
    let n = this.modules.get(m);
    if (n !== undefined) return n;
    if (!this.clean.has(m)) this.walk(m);
    n = 0n;
    if (this.clean.has(m)) {
      // No sharing below: own parameters plus the children's counts.
      for (const v of m.attrs.values()) {
        if (v instanceof Tensor) {
          if (v.role === 'param') n += this.numel(v);
        } else if (isModule(v)) n += this.module(v);
      }
    } else {
      for (const t of distinctParams(m, this.sets)) n += this.numel(t);
    }
    this.modules.set(m, n);
    return n;
  }

  /** Visits a module's subtree once; when nothing in it is reached twice, marks every module in it clean. */
  private walk(root: PyInstance): void {
    const seen = new Set<PyInstance>();
    const params = new Set<Tensor>();
    let shared = false;
    const visit = (m: PyInstance): void => {
      if (seen.has(m)) {
        shared = true;
        return;
      }
      seen.add(m);
      for (const v of m.attrs.values()) {
        if (v instanceof Tensor) {
          if (v.role === 'param') {
            if (params.has(v)) shared = true;
            else params.add(v);
          }
        } else if (isModule(v)) visit(v);
      }
    };
    visit(root);
    if (shared) return;
    for (const m of seen) this.clean.add(m);
    this.walkedParams.set(root, params);
  }

  /** Parameters and buffers with their bytes, and the parameters that require grad, in one pass over each set. */
  weights(params: Iterable<Tensor>, buffers: Iterable<Tensor>): WeightCounts {
    let n = 0n,
      bytes = 0n,
      trainable = 0n,
      trainableBytes = 0n;
    for (const t of params) {
      const k = this.numel(t);
      const b = k * BigInt(t.dtype.bytes);
      n += k;
      bytes += b;
      if (t.requiresGrad) {
        trainable += k;
        trainableBytes += b;
      }
    }
    return {
      params: n,
      paramBytes: bytes,
      trainableParams: trainable,
      trainableBytes,
      buffers: this.sum(buffers),
      bufferBytes: this.bytes(buffers),
    };
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
