// Core layers: dense, flatten, reshape, dropout, activation, permute, repeatVector, embedding.
import { term } from '../../cost/terms';
import { rates } from '../../cost/rates';
import { dimEq, dimProd } from '../../sym/dim';
import { TfError } from '../context';
import { activationCost } from '../activations';
import { tfShape } from '../shapes';
const noCost = (rule) => ({ macs: [], flops: [], bwd: [], saved: [], rule });
const join = (...rules) => rules.filter(Boolean).join('; ');
export const dense = {
    className: 'Dense',
    minNdim: 2,
    fixedLastAxis: true,
    compute(cfg, [x], bytes) {
        const units = cfg.count('units');
        const bias = cfg.bool('useBias', true);
        const lead = x.slice(0, -1), inF = x[x.length - 1];
        const out = [...lead, units];
        const act = activationCost(cfg.optStr('activation'), out, bytes);
        return {
            shape: out,
            weights: bias ? [[inF, units], [units]] : [[inF, units]],
            cost: {
                macs: [term(1, ...lead, inF, units)],
                flops: [...(bias ? [term(1, ...out)] : []), ...act.flops],
                bwd: act.bwd,
                saved: [term(bytes, ...x), ...act.saved],
                rule: join(`Dense: MACs = L·in·out; FLOPs = 2·MACs + L·out (bias) (seed)`, act.rule),
            },
        };
    },
};
export const flatten = {
    className: 'Flatten',
    minNdim: 3,
    compute(_cfg, [x]) {
        const rest = x.slice(1);
        if (rest.some((d) => typeof d !== 'number'))
            throw new TfError(`The shape of the input to "Flatten" is not fully defined (got ${tfShape(rest).slice(1, -1)}). Make sure to pass a complete "input_shape" or "batch_input_shape" argument to the first layer in your model.`);
        return { shape: [x[0], dimProd(rest)], weights: [], cost: noCost('Flatten: a reshape, 0 FLOPs') };
    },
};
export const reshape = {
    className: 'Reshape',
    compute(cfg, [x]) {
        const target = cfg.shape('targetShape', true);
        if (!target)
            throw new TfError(`Required config field 'targetShape' is missing.`, 'config');
        const rest = x.slice(1);
        const total = rest.every((d) => typeof d === 'number') ? rest.reduce((a, b) => a * b, 1) : undefined;
        const known = target.filter((d) => d !== null && d !== -1);
        const prod = known.reduce((a, b) => a * b, 1);
        const holes = target.length - known.length;
        if (holes > 1)
            throw new TfError('Can only specifiy one unknown dimension.');
        let out = target.map((d) => (d === null || d === -1 ? -1 : d));
        if (total !== undefined) {
            if (holes === 1) {
                if (total % prod !== 0)
                    throw new TfError('Total size of new array must be unchanged.');
                out = out.map((d) => (d === -1 ? total / prod : d));
            }
            else if (prod !== total)
                throw new TfError('Total size of new array must be unchanged.');
        }
        else if (holes === 1)
            throw new TfError('Reshape: input size is not fully defined, cannot infer the unknown dimension.', 'unknown-shape');
        return { shape: [x[0], ...out], weights: [], cost: noCost('Reshape: metadata only, 0 FLOPs') };
    },
};
export const dropout = {
    className: 'Dropout',
    compute(_cfg, [x]) {
        const r = rates.dropout;
        return {
            shape: x,
            weights: [],
            cost: { macs: [], flops: [], bwd: [term(r.bwd, ...x)], saved: [term(1, ...x)], rule: `Dropout: ${r.rule}` },
        };
    },
};
export const activation = {
    className: 'Activation',
    compute(cfg, [x], bytes) {
        const act = activationCost(cfg.str('activation', 'linear'), x, bytes);
        return {
            shape: x,
            weights: [],
            cost: { macs: [], flops: act.flops, bwd: act.bwd, saved: act.saved, rule: act.rule || 'linear: 0 FLOPs' },
        };
    },
};
export const permute = {
    className: 'Permute',
    compute(cfg, [x]) {
        const dims = cfg.shape('dims');
        if (!dims || dims.some((d) => d === null))
            throw new TfError(`Required config field 'dims' is missing.`, 'config');
        const ds = dims;
        const sorted = [...ds].sort((a, b) => a - b);
        if (sorted.some((d, i) => d !== i + 1))
            throw new TfError(`Invalid permutation \`dims\`: ${JSON.stringify(ds)} \`dims\` must contain consecutive integers starting from 1.`);
        if (ds.length !== x.length - 1)
            throw new TfError(`Input 0 is incompatible with layer permute: expected ndim=${ds.length + 1}, found ndim=${x.length}`);
        return { shape: [x[0], ...ds.map((d) => x[d])], weights: [], cost: noCost('Permute: metadata only, 0 FLOPs') };
    },
};
export const repeatVector = {
    className: 'RepeatVector',
    ndim: 2,
    compute(cfg, [x]) {
        const n = cfg.count('n');
        return { shape: [x[0], n, x[1]], weights: [], cost: noCost('RepeatVector: a copy, 0 FLOPs') };
    },
};
export const embedding = {
    className: 'Embedding',
    compute(cfg, [x]) {
        const inputDim = cfg.count('inputDim'), outputDim = cfg.count('outputDim');
        const len = cfg.shape('inputLength');
        if (len && x.length > 1) {
            const seq = x.slice(1);
            len.forEach((l, i) => {
                if (l !== null && seq[i] !== undefined && typeof seq[i] === 'number' && !dimEq(seq[i], l))
                    throw new TfError(`"inputLength" is ${JSON.stringify(len)}, but received input shape has shape ${tfShape(x)}`);
            });
        }
        return {
            shape: [...x, outputDim],
            weights: [[inputDim, outputDim]],
            cost: noCost('Embedding: a gather, 0 FLOPs (memory traffic only)'),
        };
    },
};
