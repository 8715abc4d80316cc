import { shapeDims } from '../api/shape';
export function dimsFromInputs(given, inputs) {
    const dims = {};
    const problems = [];
    const bad = (message) => problems.push({ span: { start: 0, end: 1, line: 1 }, severity: 'error', code: 'bad-input', message });
    if (given.length && !inputs.length)
        bad('flopscope: input shapes were given, but no TF.js model with inputs was found');
    given.forEach((g, i) => {
        const t = inputs[i];
        if (!t?.shape)
            return;
        const given = shapeDims(g.shape);
        if ('message' in given) {
            bad(`flopscope: ${given.message}`);
            return;
        }
        const parts = given.map(String);
        if (parts.length !== t.shape.length) {
            bad(`flopscope: model input ${i} is ${t.shapeString()} (rank ${t.shape.length}), but the given shape has ${parts.length} dims`);
            return;
        }
        parts.forEach((p, k) => {
            const d = t.shape[k];
            if (!/^\d+$/.test(p))
                return;
            const v = Number(p);
            if (typeof d === 'number') {
                if (d !== v)
                    bad(`flopscope: model input ${i} is ${t.shapeString()}; dim ${k} is ${d}, not ${v}`);
            }
            else if (/^[A-Za-z_]\w*$/.test(d.toString()))
                dims[d.toString()] = v;
        });
    });
    return { dims, problems };
}
/**
 * Dims a call with concrete tensors fixes: each symbol of the model's inputs (batch `B`) met by a number
 * (`model.predict(tf.zeros([64, 28, 28, 1]))` gives B = 64), as when the same batch is given as the input shape.
 */
export function dimsFromCall(inputs, given) {
    const dims = {};
    inputs.forEach((t, i) => {
        const g = given[i]?.shape;
        if (!t.shape || !g || g.length !== t.shape.length)
            return;
        t.shape.forEach((d, k) => {
            const v = g[k];
            if (typeof d !== 'number' && typeof v === 'number' && /^[A-Za-z_]\w*$/.test(d.toString()))
                dims[d.toString()] = v;
        });
    });
    return dims;
}
