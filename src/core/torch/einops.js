import { Tensor } from '../model/tensor';
import { asTensor, toDim } from './values';
import { term } from '../cost/terms';
import { dimEq, dimFloorDiv, dimProd, shapeStr } from '../sym/dim';
import { Unknown } from '../eval/values';
function parseSide(side) {
    const out = [];
    const re = /\(([^)]*)\)|\.\.\.|…|[A-Za-z_][A-Za-z0-9_]*|\d+/g;
    let m;
    let consumed = '';
    while ((m = re.exec(side))) {
        consumed += m[0];
        if (m[0] === '...' || m[0] === '…')
            out.push('...');
        else if (m[1] !== undefined)
            out.push(m[1].trim().split(/\s+/).filter(Boolean));
        else
            out.push([m[0]]);
    }
    return consumed.replace(/\s/g, '') === side.replace(/[\s]/g, '').replace(/…/g, '...') ? out : undefined;
}
/** Resolves a pattern against an input shape; axis sizes come from the input or from `lengths`. */
export function einopsShape(pattern, input, lengths, mode) {
    const [l, r] = pattern.split('->');
    const left = l === undefined ? undefined : parseSide(l);
    const right = r === undefined ? undefined : parseSide(r);
    if (!left || !right)
        return { shape: [], reduced: false, error: `einops: cannot read pattern '${pattern}'` };
    const sizes = new Map(lengths);
    const ellIdx = left.indexOf('...');
    const named = left.filter((g) => g !== '...').length;
    if (ellIdx < 0 ? named !== input.length : named > input.length) {
        return {
            shape: [],
            reduced: false,
            error: `Wrong shape: expected ${named} dims. Received ${input.length}-dim tensor.`,
        };
    }
    const ellipsis = ellIdx < 0 ? [] : input.slice(ellIdx, ellIdx + input.length - named);
    let at = 0;
    for (const g of left) {
        if (g === '...') {
            at += ellipsis.length;
            continue;
        }
        const d = input[at++];
        const unknown = g.filter((a) => a !== '1' && !sizes.has(a));
        const known = dimProd(g.filter((a) => a !== '1' && sizes.has(a)).map((a) => sizes.get(a)));
        if (unknown.length > 1)
            return { shape: [], reduced: false, error: `einops: could not infer sizes for ${unknown.join(', ')}` };
        if (unknown.length === 1)
            sizes.set(unknown[0], dimFloorDiv(d, known));
        else if (!dimEq(known, d) && typeof known === 'number' && typeof d === 'number') {
            return { shape: [], reduced: false, error: `Shape mismatch, ${known} != ${d}` };
        }
    }
    const leftAxes = new Set(left.flatMap((g) => (g === '...' ? [] : g)));
    const shape = [];
    for (const g of right) {
        if (g === '...') {
            shape.push(...ellipsis);
            continue;
        }
        const dims = [];
        for (const a of g) {
            if (a === '1')
                continue;
            const s = sizes.get(a) ?? (/^\d+$/.test(a) ? Number(a) : undefined);
            if (s === undefined)
                return { shape: [], reduced: false, error: `einops: size of new axis '${a}' is not given` };
            if (!leftAxes.has(a) && mode !== 'repeat' && !/^\d+$/.test(a))
                return { shape: [], reduced: false, error: `einops: unknown axis '${a}' on the right side` };
            dims.push(s);
        }
        shape.push(dimProd(dims));
    }
    const rightAxes = new Set(right.flatMap((g) => (g === '...' ? [] : g)));
    const reduced = [...leftAxes].some((a) => a !== '1' && !rightAxes.has(a));
    if (reduced && mode !== 'reduce')
        return {
            shape: [],
            reduced,
            error: `einops: axes ${[...leftAxes].filter((a) => !rightAxes.has(a)).join(', ')} are missing on the right side`,
        };
    return { shape, reduced };
}
/** Runs one einops call: records a reduction's cost; rearrange/repeat are copies (0 FLOPs). */
export function einopsOp(c, mode, x, pattern, reduction, kw) {
    const t = asTensor(x);
    if (!t || typeof pattern !== 'string')
        return new Unknown(`einops.${mode}`);
    if (!t.shape) {
        c.unknownShape(`einops.${mode}`);
        return new Tensor(undefined, t.dtype);
    }
    const lengths = new Map();
    for (const [k, v] of kw ?? []) {
        const d = toDim(v);
        if (d !== undefined)
            lengths.set(k, d);
    }
    const r = einopsShape(pattern, t.shape, lengths, mode);
    if (r.error)
        return c.error(`${r.error} (pattern '${pattern}', input ${shapeStr(t.shape)})`, new Tensor(undefined, t.dtype));
    const out = c.tensor(r.shape, t.dtype);
    const how = typeof reduction === 'string' ? reduction : 'sum';
    if (mode === 'reduce')
        c.record({
            op: `einops.reduce(${how})`,
            known: true,
            out,
            rule: `einops reduce: 1 FLOP per input element (choice)`,
            macs: [],
            flops: [term(1, ...t.shape)],
            bwd: [term(1, ...t.shape)],
            saved: [],
        });
    else if (mode === 'repeat')
        c.record({
            op: 'einops.repeat',
            known: true,
            out,
            rule: 'einops repeat: a copy, 0 FLOPs (memory traffic only)',
            macs: [],
            flops: [],
            bwd: [],
            saved: [],
        });
    return out;
}
