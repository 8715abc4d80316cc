// Tensor values: a symbolic shape (undefined when the rank is unknown), a dtype, and a role.
import type { Dtype } from './dtype';
import { dimProd, dimPoly, shapeStr, type Dim } from '../sym/dim';
import type { Poly } from '../sym/poly';

export type TensorRole = 'param' | 'buffer' | 'activation';

/** The memory a tensor lives in: views share it, in-place ops keep it, copies get a new one (identity is the id). */
export class Storage {
  constructor(
    /** The tensor that allocated it: its shape and dtype give the storage's bytes. */
    readonly base: Tensor,
  ) {}
}

export class Tensor {
  /** 1-based document line that created a parameter or buffer (undefined if created elsewhere). */
  line?: number;
  /** Concrete strides when the memory layout is known (fresh tensors, views of them); undefined = unknown, never checked. */
  strides?: number[];
  /** Integer values drawn uniformly from [low, high) (torch.randint), for index-range checks. */
  values?: { low: number; high: number };
  /** Row-major values of a small tensor whose contents are known (see constData.ts). */
  data?: number[];
  /** Whether autograd tracks it: parameters by default; activations computed from a tensor that requires grad. */
  requiresGrad: boolean;
  private store?: Storage;
  /** True for parameters whose storage is shared (a tied weight) — identity does the dedupe. */
  constructor(
    readonly shape: Dim[] | undefined,
    readonly dtype: Dtype,
    readonly role: TensorRole = 'activation',
  ) {
    this.requiresGrad = role === 'param';
  }

  /** Its storage: its own unless it is a view of (or was written in place into) another tensor's. */
  get storage(): Storage {
    return (this.store ??= new Storage(this));
  }
  /** Makes this tensor a view of `of`'s storage (views, in-place results); returns this. */
  shareStorage(of: Tensor): this {
    if (of !== this) this.store = of.storage;
    return this;
  }

  get rank(): number | undefined {
    return this.shape?.length;
  }
  private count?: Dim;
  numel(): Dim | undefined {
    return this.shape ? (this.count ??= dimProd(this.shape)) : undefined;
  }
  numelPoly(): Poly | undefined {
    const n = this.numel();
    return n === undefined ? undefined : dimPoly(n);
  }
  private shapeText?: string;
  shapeString(): string {
    return (this.shapeText ??= this.shape ? shapeStr(this.shape) : '[?]');
  }
}
