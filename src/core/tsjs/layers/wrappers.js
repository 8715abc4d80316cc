// Wrapper layers: timeDistributed (the inner layer on every time step) and bidirectional (two copies of an RNN, outputs merged).
import { scaleTerms, term } from '../../cost/terms';
import { dimMul } from '../../sym/dim';
import { TfError } from '../context';
import { ConfigUnknown } from '../config';
import { Layer } from '../layer';
import { Unknown } from '../values';
function inner(cfg) {
    const l = cfg.raw('layer');
    if (l instanceof Layer)
        return l;
    if (l instanceof Unknown)
        throw new ConfigUnknown('layer');
    throw new TfError('A wrapper layer needs a `layer` argument.', 'config');
}
export const timeDistributed = {
    className: 'TimeDistributed',
    minNdim: 3,
    compute(cfg, [x], bytes, name) {
        const l = inner(cfg);
        const [B, T, ...rest] = x;
        const r = l.spec.compute(l.cfg, [[dimMul(B, T), ...rest]], bytes, name);
        return {
            shape: [B, T, ...r.shape.slice(1)],
            weights: r.weights,
            cost: { ...r.cost, rule: `TimeDistributed: the inner layer on B·T steps; ${r.cost.rule}` },
        };
    },
};
export const bidirectional = {
    className: 'Bidirectional',
    ndim: 3,
    fixedLastAxis: true,
    compute(cfg, [x], bytes, name) {
        const l = inner(cfg);
        if (!['LSTM', 'GRU', 'SimpleRNN'].includes(l.spec.className))
            throw new TfError('Bidirectional wraps a recurrent layer (lstm, gru, simpleRNN).', 'config');
        const mode = cfg.str('mergeMode', 'concat');
        const r = l.spec.compute(l.cfg, [x], bytes, name);
        const last = r.shape[r.shape.length - 1];
        const shape = [...r.shape.slice(0, -1), mode === 'concat' ? dimMul(2, last) : last];
        if (!['concat', 'sum', 'mul', 'ave'].includes(mode))
            throw new TfError(`Invalid merge mode: ${mode}`, 'config');
        const merge = mode === 'concat' ? [] : [term(mode === 'ave' ? 2 : 1, ...r.shape)];
        return {
            shape,
            weights: [...r.weights, ...r.weights],
            cost: {
                macs: scaleTerms(r.cost.macs, 2),
                flops: [...scaleTerms(r.cost.flops, 2), ...merge],
                bwd: scaleTerms(r.cost.bwd, 2),
                saved: scaleTerms(r.cost.saved, 2),
                rule: `Bidirectional (${mode}): 2× ${r.cost.rule}`,
            },
        };
    },
};
