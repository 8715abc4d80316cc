// The op registry: each op implemented once and exposed as torch.X, F.X and/or a Tensor method.
import { PyList, PyTuple } from '../eval/values';
import { guardUnknown } from './unknownInputs';
import { Tensor } from '../model/tensor';
import { afterOp, isViewOp } from './autograd';
export const ops = new Map();
/** The tensors among an op's arguments (top level, and inside list/tuple arguments such as cat's). */
function tensorArgs(args, kw) {
    const out = [];
    const visit = (v) => {
        if (v instanceof Tensor)
            out.push(v);
        else if (v instanceof PyTuple || v instanceof PyList)
            for (const x of v.items)
                if (x instanceof Tensor)
                    out.push(x);
    };
    for (const a of args)
        visit(a);
    if (kw)
        for (const v of kw.values())
            visit(v);
    return out;
}
/** Wraps an op so autograd state follows it: outputs require grad when an input does, views share their storage. */
function tracked(name, fn) {
    const view = isViewOp(name);
    return (c, args, kw) => {
        const ins = tensorArgs(args, kw);
        c.opInputs.push(ins);
        let out;
        try {
            out = fn(c, args, kw);
        }
        finally {
            c.opInputs.pop();
        }
        afterOp(c, name, view, ins, args, kw, out);
        return out;
    };
}
/** Registers an op under one or more names; `where` holds t (torch.*), f (F.*), m (Tensor method). */
export function def(names, where, fn) {
    for (const n of Array.isArray(names) ? names : [names]) {
        ops.set(n, {
            fn: tracked(n, (c, args, kw) => guardUnknown(c, n, args, kw, () => fn(c, args, kw))),
            torch: where.includes('t'),
            functional: where.includes('f'),
            method: where.includes('m'),
        });
    }
}
