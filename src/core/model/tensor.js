import { dimProd, dimPoly, shapeStr } from '../sym/dim';
/** The memory a tensor lives in: views share it, in-place ops keep it, copies get a new one (identity is the id). */
export class Storage {
    base;
    constructor(
    /** The tensor that allocated it: its shape and dtype give the storage's bytes. */
    base) {
        this.base = base;
    }
}
export class Tensor {
    shape;
    dtype;
    role;
    /** 1-based document line that created a parameter or buffer (undefined if created elsewhere). */
    line;
    /** Concrete strides when the memory layout is known (fresh tensors, views of them); undefined = unknown, never checked. */
    strides;
    /** Integer values drawn uniformly from [low, high) (torch.randint), for index-range checks. */
    values;
    /** Row-major values of a small tensor whose contents are known (see constData.ts). */
    data;
    /** Whether autograd tracks it: parameters by default; activations computed from a tensor that requires grad. */
    requiresGrad;
    store;
    /** True for parameters whose storage is shared (a tied weight) — identity does the dedupe. */
    constructor(shape, dtype, role = 'activation') {
        this.shape = shape;
        this.dtype = dtype;
        this.role = role;
        this.requiresGrad = role === 'param';
    }
    /** Its storage: its own unless it is a view of (or was written in place into) another tensor's. */
    get storage() {
        return (this.store ??= new Storage(this));
    }
    /** Makes this tensor a view of `of`'s storage (views, in-place results); returns this. */
    shareStorage(of) {
        if (of !== this)
            this.store = of.storage;
        return this;
    }
    get rank() {
        return this.shape?.length;
    }
    numel() {
        return this.shape ? dimProd(this.shape) : undefined;
    }
    numelPoly() {
        const n = this.numel();
        return n === undefined ? undefined : dimPoly(n);
    }
    shapeText;
    shapeString() {
        return (this.shapeText ??= this.shape ? shapeStr(this.shape) : '[?]');
    }
}
