// Convolutions (channels-last by default): conv1d/2d/3d, conv2dTranspose, depthwiseConv2d, separableConv2d.
import { term } from '../../cost/terms';
import { dimMul } from '../../sym/dim';
import { TfError } from '../context';
import { activationCost } from '../activations';
import { convLength, deconvLength, tfShapeRaw } from '../shapes';
function geometry(cfg, x, nd, kernelKey = 'kernelSize') {
    const first = cfg.str('dataFormat', 'channelsLast') === 'channelsFirst';
    const spatial = first ? x.slice(2) : x.slice(1, -1);
    const cin = first ? x[1] : x[x.length - 1];
    const pad = cfg.str('padding', 'valid');
    if (!['valid', 'same', 'causal'].includes(pad))
        throw new TfError(`Invalid padding: ${pad}`, 'config');
    return {
        batch: x[0],
        spatial,
        cin,
        first,
        k: cfg.tuple(kernelKey, nd),
        s: cfg.tuple('strides', nd, 1),
        d: cfg.tuple('dilationRate', nd, 1),
        pad,
    };
}
function layout(g, spatial, c) {
    return g.first ? [g.batch, c, ...spatial] : [g.batch, ...spatial, c];
}
function finish(cfg, out, weights, macs, x, bytes, rule, bias, name) {
    if (out.some((d) => typeof d === 'number' && d <= 0))
        throw new TfError(`Negative dimension size caused by adding layer ${name} with input shape [${tfShapeRaw(x)}]`);
    const act = activationCost(cfg.optStr('activation'), out, bytes);
    return {
        shape: out,
        weights,
        cost: {
            macs,
            flops: [...(bias ? [term(1, ...out)] : []), ...act.flops],
            bwd: act.bwd,
            saved: [term(bytes, ...x), ...act.saved],
            rule: [rule, act.rule].filter(Boolean).join('; '),
        },
    };
}
function conv(className, nd) {
    return {
        className,
        ndim: nd + 2,
        fixedLastAxis: true,
        compute(cfg, [x], bytes, name) {
            const g = geometry(cfg, x, nd);
            const filters = cfg.count('filters');
            const bias = cfg.bool('useBias', true);
            const outSp = g.spatial.map((L, i) => convLength(L, g.k[i], g.pad, g.s[i], g.d[i]));
            const out = layout(g, outSp, filters);
            const weights = [[...g.k, g.cin, filters], ...(bias ? [[filters]] : [])];
            return finish(cfg, out, weights, [term(1, ...out, g.cin, ...g.k)], x, bytes, `${className}: MACs = output elements·Cin·ΠK; FLOPs = 2·MACs + output elements (bias) (seed)`, bias, name);
        },
    };
}
export const conv1d = conv('Conv1D', 1);
export const conv2d = conv('Conv2D', 2);
export const conv3d = conv('Conv3D', 3);
export const conv2dTranspose = {
    className: 'Conv2DTranspose',
    ndim: 4,
    fixedLastAxis: true,
    compute(cfg, [x], bytes, name) {
        const g = geometry(cfg, x, 2);
        const filters = cfg.count('filters');
        const bias = cfg.bool('useBias', true);
        const outSp = g.spatial.map((L, i) => deconvLength(L, g.k[i], g.pad, g.s[i]));
        const out = layout(g, outSp, filters);
        const weights = [[...g.k, filters, g.cin], ...(bias ? [[filters]] : [])];
        return finish(cfg, out, weights, [term(1, ...x, filters, ...g.k)], x, bytes, 'Conv2DTranspose: MACs = input elements·Cout·ΠK; FLOPs = 2·MACs + output elements (bias) (seed)', bias, name);
    },
};
export const depthwiseConv2d = {
    className: 'DepthwiseConv2D',
    ndim: 4,
    fixedLastAxis: true,
    compute(cfg, [x], bytes, name) {
        const g = geometry(cfg, x, 2);
        const dm = cfg.count('depthMultiplier', 1);
        const bias = cfg.bool('useBias', true);
        const outSp = g.spatial.map((L, i) => convLength(L, g.k[i], g.pad, g.s[i], g.d[i]));
        const cout = dimMul(g.cin, dm);
        const out = layout(g, outSp, cout);
        const weights = [[...g.k, g.cin, dm], ...(bias ? [[cout]] : [])];
        return finish(cfg, out, weights, [term(1, ...out, ...g.k)], x, bytes, 'DepthwiseConv2D: MACs = output elements·ΠK (groups = Cin) (seed); FLOPs = 2·MACs + output elements (bias)', bias, name);
    },
};
export const separableConv2d = {
    className: 'SeparableConv2D',
    ndim: 4,
    fixedLastAxis: true,
    compute(cfg, [x], bytes, name) {
        const g = geometry(cfg, x, 2);
        const dm = cfg.count('depthMultiplier', 1);
        const filters = cfg.count('filters');
        const bias = cfg.bool('useBias', true);
        const outSp = g.spatial.map((L, i) => convLength(L, g.k[i], g.pad, g.s[i], g.d[i]));
        const mid = dimMul(g.cin, dm);
        const out = layout(g, outSp, filters);
        const weights = [[...g.k, g.cin, dm], [1, 1, mid, filters], ...(bias ? [[filters]] : [])];
        const macs = [term(1, g.batch, ...outSp, mid, ...g.k), term(1, g.batch, ...outSp, mid, filters)];
        return finish(cfg, out, weights, macs, x, bytes, 'SeparableConv2D: MACs = depthwise (out positions·Cin·dm·ΠK) + pointwise (out positions·Cin·dm·filters) (seed); FLOPs = 2·MACs + bias', bias, name);
    },
};
