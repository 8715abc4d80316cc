export const ops = new Map();
/** Registers an op under one or more names; `where` holds t (torch.*), f (F.*), m (Tensor method). */
export function def(names, where, fn) {
    for (const n of Array.isArray(names) ? names : [names]) {
        ops.set(n, { fn, torch: where.includes('t'), functional: where.includes('f'), method: where.includes('m') });
    }
}
