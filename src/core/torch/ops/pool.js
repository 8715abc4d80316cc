// Pooling: max/avg 1-3d with ceil_mode, adaptive avg/max, and interpolation/upsampling.
import { def } from '../registry';
import { asTensor, intTuple, toDim } from '../values';
import { bind } from '../signature';
import { term } from '../../cost/terms';
import { convOut } from './conv';
import { dimFloorDiv, dimMul, dimStr } from '../../sym/dim';
import { PyFloat, PyList, PyTuple, Unknown } from '../../eval/values';
function splitBatch(shape, nd) {
    const lead = shape.slice(0, shape.length - nd);
    return [lead, shape.slice(shape.length - nd)];
}
/** PyTorch's pool shape checks when an output size is below 1 (pool2d/pool3d_shape_check, max_pool1d). */
function tooSmall(op, shape, outSpatial) {
    if (!outSpatial.some((d) => typeof d === 'number' && d < 1))
        return undefined;
    const nd = outSpatial.length;
    if (op === 'max_pool1d')
        return `max_pool1d() Invalid computed output size: ${dimStr(outSpatial[0])}`;
    const planes = shape[shape.length - nd - 1];
    const spatial = shape.slice(shape.length - nd);
    const [inS, outS] = nd === 1
        ? [
            [1, ...spatial],
            [1, ...outSpatial],
        ]
        : [spatial, outSpatial];
    return `Given input size: (${[planes, ...inS].map(dimStr).join('x')}). Calculated output size: (${[planes, ...outS].map(dimStr).join('x')}). Output size is too small`;
}
function pool(c, kind, nd, args, kw) {
    const spec = kind === 'max'
        ? 'input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False'
        : 'input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None';
    const op = `${kind}_pool${nd}d`;
    const a = bind(op, spec, args, kw);
    const x = asTensor(a.input);
    if (!x)
        return new Unknown(op);
    if (!x.shape || x.shape.length < nd + 1) {
        c.unknownShape(op);
        return c.tensor(undefined, x.dtype);
    }
    const k = intTuple(a.kernel_size, nd);
    if (!k)
        return new Unknown(op);
    const s = a.stride === null || (a.stride instanceof PyList && a.stride.items.length === 0) ? k : intTuple(a.stride, nd, 1);
    const p = intTuple(a.padding, nd, 0);
    const d = kind === 'max' ? intTuple(a.dilation, nd, 1) : Array(nd).fill(1);
    const [lead, spatial] = splitBatch(x.shape, nd);
    const outSpatial = spatial.map((L, i) => convOut(L, k[i], s[i], p[i], d[i], a.ceil_mode === true));
    const small = tooSmall(op, x.shape, outSpatial);
    if (small)
        return c.error(small, c.tensor(undefined, x.dtype));
    const out = c.tensor([...lead, ...outSpatial], x.dtype);
    c.record({
        op,
        known: true,
        out,
        rule: `${kind === 'max' ? 'MaxPool' : 'AvgPool'}: 1 FLOP per window element = output elements·ΠK (choice)`,
        macs: [],
        flops: [term(1, ...out.shape, ...k)],
        bwd: [term(1, ...out.shape)],
        // Backward keeps the input, and max pooling its int64 argmax indices.
        saved: kind === 'max' ? [term(8, ...out.shape)] : [],
        savedTensors: [x],
    });
    return a.return_indices === true ? new PyTuple([out, c.tensor(out.shape, out.dtype)]) : out;
}
function adaptive(c, kind, nd, args, kw) {
    const op = `adaptive_${kind}_pool${nd}d`;
    const a = bind(op, 'input, output_size, return_indices=False', args, kw);
    const x = asTensor(a.input);
    if (!x)
        return new Unknown(op);
    if (!x.shape) {
        c.unknownShape(op);
        return c.tensor(undefined, x.dtype);
    }
    const [lead, spatial] = splitBatch(x.shape, nd);
    const raw = a.output_size;
    const sizes = raw instanceof PyTuple || raw instanceof PyList
        ? raw.items.map((v) => (v === null ? null : (toDim(v) ?? null)))
        : Array(nd).fill(toDim(raw) ?? null);
    const outSpatial = spatial.map((L, i) => sizes[i] ?? L);
    const out = c.tensor([...lead, ...outSpatial], x.dtype);
    c.record({
        op,
        known: true,
        out,
        rule: `Adaptive${kind === 'max' ? 'Max' : 'Avg'}Pool: one FLOP per input element${kind === 'avg' ? ' + one divide per output' : ''} (choice)`,
        macs: [],
        flops: kind === 'avg' ? [term(1, ...x.shape), term(1, ...out.shape)] : [term(1, ...x.shape)],
        bwd: [term(1, ...x.shape)],
        saved: kind === 'max' ? [term(8, ...out.shape)] : [],
        savedTensors: [x],
    });
    return out;
}
for (const nd of [1, 2, 3]) {
    def(`max_pool${nd}d`, 'tf', (c, args, kw) => pool(c, 'max', nd, args, kw));
    def(`avg_pool${nd}d`, 'tf', (c, args, kw) => pool(c, 'avg', nd, args, kw));
    def(`adaptive_avg_pool${nd}d`, 'tf', (c, args, kw) => adaptive(c, 'avg', nd, args, kw));
    def(`adaptive_max_pool${nd}d`, 'tf', (c, args, kw) => adaptive(c, 'max', nd, args, kw));
}
def(['interpolate', 'upsample'], 'f', (c, args, kw) => {
    const a = bind('interpolate', "input, size=None, scale_factor=None, mode='nearest', align_corners=None", args, kw);
    const x = asTensor(a.input);
    if (!x?.shape)
        return new Unknown('interpolate');
    const nd = x.shape.length - 2;
    const [lead, spatial] = splitBatch(x.shape, nd);
    let outSpatial;
    if (a.size !== null)
        outSpatial = intTuple(a.size, nd);
    else if (a.scale_factor !== null) {
        const sf = a.scale_factor;
        const f = (v) => (typeof v === 'number' ? v : v instanceof PyFloat ? v.v : undefined);
        const factors = sf instanceof PyTuple || sf instanceof PyList ? sf.items.map(f) : Array(nd).fill(f(sf));
        outSpatial = spatial.map((L, i) => typeof L === 'number' && factors[i] !== undefined
            ? Math.floor(L * factors[i])
            : Number.isInteger(factors[i])
                ? dimMul(L, factors[i])
                : dimFloorDiv(L, 1));
    }
    if (!outSpatial)
        return new Unknown('interpolate');
    const out = c.tensor([...lead, ...outSpatial], x.dtype);
    const mode = typeof a.mode === 'string' ? a.mode : 'nearest';
    const perElem = mode === 'nearest' ? 0 : mode === 'bilinear' || mode === 'linear' ? 4 : mode === 'bicubic' ? 16 : 8;
    c.record({
        op: 'interpolate',
        known: true,
        out,
        rule: `interpolate (${mode}): ${perElem} FLOPs per output element (choice)`,
        macs: [],
        flops: perElem ? [term(perElem, ...out.shape)] : [],
        bwd: [],
        saved: [],
    });
    return out;
});
def('pixel_shuffle', 'tf', (c, args, kw) => {
    const a = bind('pixel_shuffle', 'input, upscale_factor', args, kw);
    const x = asTensor(a.input);
    const r = toDim(a.upscale_factor);
    if (!x?.shape || r === undefined)
        return new Unknown('pixel_shuffle');
    const [ch, h, w] = x.shape.slice(-3);
    const lead = x.shape.slice(0, -3);
    return c.tensor([...lead, dimFloorDiv(ch, dimMul(r, r)), dimMul(h, r), dimMul(w, r)], x.dtype);
});
def('pixel_unshuffle', 'tf', (c, args, kw) => {
    const a = bind('pixel_unshuffle', 'input, downscale_factor', args, kw);
    const x = asTensor(a.input);
    const r = toDim(a.downscale_factor);
    if (!x?.shape || r === undefined)
        return new Unknown('pixel_unshuffle');
    const [ch, h, w] = x.shape.slice(-3);
    return c.tensor([...x.shape.slice(0, -3), dimMul(ch, dimMul(r, r)), dimFloorDiv(h, r), dimFloorDiv(w, r)], x.dtype);
});
