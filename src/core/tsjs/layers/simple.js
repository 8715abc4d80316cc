// Shape-preserving layers beyond the core set: activation layers (reLU, elu, leakyReLU, softmax, prelu, thresholdedReLU), noise/dropout variants, masking, rescaling, cropping2D.
import { term } from '../../cost/terms';
import { rates } from '../../cost/rates';
import { dimAdd } from '../../sym/dim';
import { TfError } from '../context';
function elementwise(className, rateKey, fwd) {
    return {
        className,
        compute(_cfg, [x], bytes) {
            const r = rates[rateKey] ?? rates.default;
            const n = fwd ?? r.fwd;
            return {
                shape: x,
                weights: [],
                cost: {
                    macs: [],
                    flops: n ? [term(n, ...x)] : [],
                    bwd: r.bwd ? [term(r.bwd, ...x)] : [],
                    saved: r.saved === 'none' ? [] : [term(r.saved === 'mask' ? 1 : bytes, ...x)],
                    rule: `${className}: ${fwd === undefined ? r.rule : `${fwd} per element (choice)`}`,
                },
            };
        },
    };
}
export const reLU = elementwise('ReLU', 'relu');
export const elu = elementwise('ELU', 'elu');
export const leakyReLU = elementwise('LeakyReLU', 'leaky_relu');
export const softmax = elementwise('Softmax', 'softmax');
export const thresholdedReLU = elementwise('ThresholdedReLU', 'compare');
export const alphaDropout = elementwise('AlphaDropout', 'dropout');
export const gaussianDropout = elementwise('GaussianDropout', 'dropout');
export const gaussianNoise = elementwise('GaussianNoise', 'dropout');
export const spatialDropout1d = elementwise('SpatialDropout1D', 'dropout');
export const masking = elementwise('Masking', 'compare');
export const rescaling = elementwise('Rescaling', 'mul', 2);
export const prelu = {
    className: 'PReLU',
    compute(cfg, [x], bytes) {
        const shared = (cfg.shape('sharedAxes') ?? []).map((a) => a ?? 0);
        const alpha = x.slice(1).map((d, i) => (shared.includes(i + 1) ? 1 : d));
        const r = rates.prelu;
        return {
            shape: x,
            weights: [alpha],
            cost: {
                macs: [],
                flops: [term(r.fwd, ...x)],
                bwd: [term(r.bwd, ...x)],
                saved: [term(bytes, ...x)],
                rule: `PReLU: ${r.rule}`,
            },
        };
    },
};
export const cropping2D = {
    className: 'Cropping2D',
    ndim: 4,
    compute(cfg, [x]) {
        const raw = cfg.raw('cropping');
        let c;
        if (typeof raw === 'number')
            c = [
                [raw, raw],
                [raw, raw],
            ];
        else if (Array.isArray(raw) && raw.every((v) => typeof v === 'number'))
            c = [
                [raw[0], raw[0]],
                [raw[1], raw[1]],
            ];
        else if (Array.isArray(raw) && raw.every((v) => Array.isArray(v)))
            c = raw;
        else
            throw new TfError('Cropping2D expects cropping to be a number, [symmetric_height_crop, symmetric_width_crop] or [[top, bottom], [left, right]].', 'config');
        return {
            shape: [x[0], dimAdd(x[1], -(c[0][0] + c[0][1])), dimAdd(x[2], -(c[1][0] + c[1][1])), x[3]],
            weights: [],
            cost: { macs: [], flops: [], bwd: [], saved: [], rule: 'Cropping2D: a slice, 0 FLOPs' },
        };
    },
};
