// Tensor values: a symbolic shape (undefined when the rank is unknown), a dtype, and a role.
import { dimProd, dimPoly, shapeStr } from '../sym/dim';
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
    /** True for parameters whose storage is shared (a tied weight) — identity does the dedupe. */
    constructor(shape, dtype, role = 'activation') {
        this.shape = shape;
        this.dtype = dtype;
        this.role = role;
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
