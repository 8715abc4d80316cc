// Walks an nn.Module instance: its parameters, buffers and children in PyTorch's order, tied tensors once.
import { PyInstance } from '../../eval/values';
import { Tensor } from '../../model/tensor';
/** An nn.Module instance, of whichever world (precision) built it: the marker is inherited through the class's hooks. */
export function isModule(v) {
    return v instanceof PyInstance && v.cls.hooks.nnModule === true;
}
export function namedChildren(m) {
    const out = [];
    m.attrs.forEach((v, k) => {
        if (isModule(v))
            out.push([k, v]);
    });
    return out;
}
export function ownTensors(m, role) {
    const out = [];
    m.attrs.forEach((v, k) => {
        if (v instanceof Tensor && v.role === role)
            out.push([k, v]);
    });
    return out;
}
/** named_modules(): depth-first, each module once. */
export function namedModules(root, prefix = '', seen = new Set(), out = []) {
    if (seen.has(root))
        return out;
    seen.add(root);
    out.push([prefix, root]);
    for (const [k, v] of root.attrs)
        if (isModule(v))
            namedModules(v, prefix ? `${prefix}.${k}` : k, seen, out);
    return out;
}
/** named_parameters()/named_buffers(): distinct tensors (a tied weight appears once). */
export function namedTensors(root, role) {
    const seen = new Set();
    const out = [];
    for (const [prefix, m] of namedModules(root)) {
        for (const [k, t] of ownTensors(m, role)) {
            if (seen.has(t))
                continue;
            seen.add(t);
            out.push([prefix ? `${prefix}.${k}` : k, t]);
        }
    }
    return out;
}
/** Distinct parameters under a module, memoized bottom-up (a tied weight counts once per subtree). */
export function distinctParams(m, memo, stack = new Set()) {
    const hit = memo.get(m);
    if (hit)
        return hit;
    const set = new Set();
    stack.add(m);
    m.attrs.forEach((v) => {
        if (v instanceof Tensor) {
            if (v.role === 'param')
                set.add(v);
        }
        else if (isModule(v) && !stack.has(v))
            for (const t of distinctParams(v, memo, stack))
                set.add(t);
    });
    stack.delete(m);
    memo.set(m, set);
    return set;
}
/** Distinct buffers (or parameters) under a module, without their names. */
export function distinctTensors(root, role, out = new Set(), seen = new Set()) {
    if (seen.has(root))
        return out;
    seen.add(root);
    root.attrs.forEach((v) => {
        if (v instanceof Tensor) {
            if (v.role === role)
                out.add(v);
        }
        else if (isModule(v))
            distinctTensors(v, role, out, seen);
    });
    return out;
}
