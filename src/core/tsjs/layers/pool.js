// Pooling: max/average 1d, 2d and 3d (window FLOPs), global average/max pooling (one FLOP per input element).
import { term } from '../../cost/terms';
import { rates } from '../../cost/rates';
import { TfError } from '../context';
import { convLength, tfShape } from '../shapes';
function pool(className, kind, nd) {
    return {
        className,
        ndim: nd + 2,
        compute(cfg, [x]) {
            const k = cfg.tuple('poolSize', nd, 2);
            const s = cfg.has('strides') ? cfg.tuple('strides', nd) : k;
            const pad = cfg.str('padding', 'valid');
            const first = cfg.str('dataFormat', 'channelsLast') === 'channelsFirst';
            const spatial = first ? x.slice(2) : x.slice(1, -1);
            const outSp = spatial.map((L, i) => convLength(L, k[i], pad, s[i]));
            const out = first ? [x[0], x[1], ...outSp] : [x[0], ...outSp, x[x.length - 1]];
            // TF.js accepts an empty output here; only a negative size is an error.
            if (out.some((d) => typeof d === 'number' && d < 0))
                throw new TfError(`Negative dimension size caused by pooling: output shape ${tfShape(out)} from input shape ${tfShape(x)}.`);
            const r = kind === 'max' ? rates.pool_max : rates.pool_avg;
            return {
                shape: out,
                weights: [],
                cost: {
                    macs: [],
                    flops: [term(1, ...out, ...k)],
                    bwd: [term(1, ...out)],
                    saved: kind === 'max' ? [term(1, ...out)] : [],
                    rule: `${className}: ${r.rule}: output elements·ΠK`,
                },
            };
        },
    };
}
function globalPool(className, kind, nd) {
    return {
        className,
        ndim: nd + 2,
        compute(cfg, [x]) {
            const first = cfg.str('dataFormat', 'channelsLast') === 'channelsFirst';
            const out = [x[0], first ? x[1] : x[x.length - 1]];
            return {
                shape: out,
                weights: [],
                cost: {
                    macs: [],
                    flops: [term(1, ...x)],
                    bwd: [term(1, ...x)],
                    saved: [],
                    rule: `${className}: 1 FLOP per input element (choice)`,
                },
            };
        },
    };
}
export const maxPooling1d = pool('MaxPooling1D', 'max', 1);
export const maxPooling2d = pool('MaxPooling2D', 'max', 2);
export const averagePooling1d = pool('AveragePooling1D', 'avg', 1);
export const averagePooling2d = pool('AveragePooling2D', 'avg', 2);
export const maxPooling3d = pool('MaxPooling3D', 'max', 3);
export const averagePooling3d = pool('AveragePooling3D', 'avg', 3);
export const globalAveragePooling1d = globalPool('GlobalAveragePooling1D', 'avg', 1);
export const globalAveragePooling2d = globalPool('GlobalAveragePooling2D', 'avg', 2);
export const globalMaxPooling1d = globalPool('GlobalMaxPooling1D', 'max', 1);
export const globalMaxPooling2d = globalPool('GlobalMaxPooling2D', 'max', 2);
