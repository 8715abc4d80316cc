// tf.layers.dot: batched dot product of two inputs along the given axes (attention scores, context vectors).
import { term } from '../../cost/terms';
import { dimEq } from '../../sym/dim';
import { TfError } from '../context';
export const dot = {
    className: 'Dot',
    multi: true,
    compute(cfg, inputs) {
        if (inputs.length !== 2)
            throw new TfError('A `Dot` layer should be called on a list of exactly 2 inputs.');
        const [a, b] = inputs;
        const raw = cfg.raw('axes');
        const ax = Array.isArray(raw) ? cfg.tuple('axes', 2) : [cfg.num('axes'), cfg.num('axes')];
        const [i, j] = [ax[0] < 0 ? a.length + ax[0] : ax[0], ax[1] < 0 ? b.length + ax[1] : ax[1]];
        if (i < 1 || j < 1 || i >= a.length || j >= b.length)
            throw new TfError(`Invalid axes for Dot: ${JSON.stringify(ax)}`, 'config');
        if (typeof a[i] === 'number' && typeof b[j] === 'number' && !dimEq(a[i], b[j]))
            throw new TfError(`Dimension incompatibility: ${a[i]} !== ${b[j]}`);
        let out = [a[0], ...a.slice(1).filter((_, k) => k + 1 !== i), ...b.slice(1).filter((_, k) => k + 1 !== j)];
        if (out.length === 1)
            out = [a[0], 1];
        return {
            shape: out,
            weights: [],
            cost: {
                macs: [term(1, ...out, a[i])],
                flops: cfg.bool('normalize', false) ? [term(3, ...a), term(3, ...b)] : [],
                bwd: [],
                saved: [],
                rule: 'Dot: MACs = output elements·contracted dim (seed matmul rule)',
            },
        };
    },
};
