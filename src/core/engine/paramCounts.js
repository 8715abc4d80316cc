import { Tensor } from '../model/tensor';
import { distinctParams, isModule } from '../torch/nn/moduleTree';
export class ParamCounts {
    dims;
    sets = new Map();
    modules = new Map();
    tensors = new Map();
    /** Modules whose subtree holds no module and no parameter twice (no tied weights): their counts are plain sums. */
    clean = new Set();
    walkedParams = new Map();
    constructor(dims) {
        this.dims = dims;
    }
    /** Elements of a tensor at the user's dims (0 when its rank is unknown). */
    numel(t) {
        let n = this.tensors.get(t);
        if (n === undefined) {
            const p = t.shape ? t.numel() : 0;
            n = typeof p === 'number' ? BigInt(p) : this.dims.poly(p.p);
            this.tensors.set(t, n);
        }
        return n;
    }
    /** The distinct parameters under a module (a tied weight once). */
    distinct(m) {
        if (!this.clean.has(m))
            this.walk(m);
        return this.walkedParams.get(m) ?? distinctParams(m, this.sets);
    }
    /** How many parameters a module holds, tied weights counted once. */
    module(m) {
        let n = this.modules.get(m);
        if (n !== undefined)
            return n;
        if (!this.clean.has(m))
            this.walk(m);
        n = 0n;
        if (this.clean.has(m)) {
            // No sharing below: own parameters plus the children's counts.
            for (const v of m.attrs.values()) {
                if (v instanceof Tensor) {
                    if (v.role === 'param')
                        n += this.numel(v);
                }
                else if (isModule(v))
                    n += this.module(v);
            }
        }
        else {
            for (const t of distinctParams(m, this.sets))
                n += this.numel(t);
        }
        this.modules.set(m, n);
        return n;
    }
    /** Visits a module's subtree once; when nothing in it is reached twice, marks every module in it clean. */
    walk(root) {
        const seen = new Set();
        const params = new Set();
        let shared = false;
        const visit = (m) => {
            if (seen.has(m)) {
                shared = true;
                return;
            }
            seen.add(m);
            for (const v of m.attrs.values()) {
                if (v instanceof Tensor) {
                    if (v.role === 'param') {
                        if (params.has(v))
                            shared = true;
                        else
                            params.add(v);
                    }
                }
                else if (isModule(v))
                    visit(v);
            }
        };
        visit(root);
        if (shared)
            return;
        for (const m of seen)
            this.clean.add(m);
        this.walkedParams.set(root, params);
    }
    sum(ts) {
        let n = 0n;
        for (const t of ts)
            n += this.numel(t);
        return n;
    }
    bytes(ts) {
        let n = 0n;
        for (const t of ts)
            n += this.numel(t) * BigInt(t.dtype.bytes);
        return n;
    }
}
