import { dimAdd, dimMul } from '../../sym/dim';
import { TfError } from '../context';
const copy = (rule) => ({ macs: [], flops: [], bwd: [], saved: [], rule });
export const zeroPadding2d = {
    className: 'ZeroPadding2D',
    ndim: 4,
    compute(cfg, [x]) {
        const raw = cfg.raw('padding');
        let p;
        if (raw === undefined || raw === null)
            p = [
                [1, 1],
                [1, 1],
            ];
        else if (typeof raw === 'number')
            p = [
                [raw, raw],
                [raw, raw],
            ];
        else if (Array.isArray(raw) && raw.length === 2 && raw.every((v) => typeof v === 'number'))
            p = [
                [raw[0], raw[0]],
                [raw[1], raw[1]],
            ];
        else if (Array.isArray(raw) &&
            raw.length === 2 &&
            raw.every((v) => Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number')))
            p = raw;
        else
            throw new TfError('ZeroPadding2D expects padding to be a number, [symmetric_height_pad, symmetric_width_pad] or [[top, bottom], [left, right]].', 'config');
        const first = cfg.str('dataFormat', 'channelsLast') === 'channelsFirst';
        const [h, w] = first ? [2, 3] : [1, 2];
        const out = [...x];
        out[h] = dimAdd(x[h], p[0][0] + p[0][1]);
        out[w] = dimAdd(x[w], p[1][0] + p[1][1]);
        return { shape: out, weights: [], cost: copy('ZeroPadding2D: a copy, 0 FLOPs') };
    },
};
export const upSampling2d = {
    className: 'UpSampling2D',
    ndim: 4,
    compute(cfg, [x]) {
        const s = cfg.tuple('size', 2, 2);
        const first = cfg.str('dataFormat', 'channelsLast') === 'channelsFirst';
        const [h, w] = first ? [2, 3] : [1, 2];
        const out = [...x];
        out[h] = dimMul(x[h], s[0]);
        out[w] = dimMul(x[w], s[1]);
        return { shape: out, weights: [], cost: copy('UpSampling2D: nearest-neighbour copy, 0 FLOPs') };
    },
};
