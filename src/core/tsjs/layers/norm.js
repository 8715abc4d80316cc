// Normalization over the last axis: batchNormalization (gamma, beta, moving mean/variance) and layerNormalization.
import { term } from '../../cost/terms';
import { rates } from '../../cost/rates';
import { TfError } from '../context';
function axisDim(cfg, x) {
    const axis = cfg.num('axis', -1);
    const a = axis < 0 ? x.length + axis : axis;
    if (a < 0 || a >= x.length)
        throw new TfError(`Invalid axis: ${axis}`);
    return x[a];
}
/** A normalization layer's output: its input's shape, `n` weight vectors of `C`, element-wise cost at its rate. */
function normOutput(name, r, x, C, n, bytes) {
    return {
        shape: x,
        weights: Array.from({ length: n }, () => [C]),
        cost: {
            macs: [],
            flops: [term(r.fwd, ...x)],
            bwd: [term(r.bwd, ...x)],
            saved: [term(bytes, ...x)],
            rule: `${name}: ${r.rule}`,
        },
    };
}
export const batchNormalization = {
    className: 'BatchNormalization',
    compute(cfg, [x], bytes) {
        const C = axisDim(cfg, x);
        const n = 2 + (cfg.bool('center', true) ? 1 : 0) + (cfg.bool('scale', true) ? 1 : 0);
        return normOutput('BatchNormalization', rates.batch_norm, x, C, n, bytes);
    },
};
export const layerNormalization = {
    className: 'LayerNormalization',
    compute(cfg, [x], bytes) {
        const C = axisDim(cfg, x);
        const n = (cfg.bool('center', true) ? 1 : 0) + (cfg.bool('scale', true) ? 1 : 0);
        return normOutput('LayerNormalization', rates.layer_norm, x, C, n, bytes);
    },
};
