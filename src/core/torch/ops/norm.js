// Normalization: batch, layer, group, instance norm, with PyTorch's shape checks.
import { def } from '../registry';
import { asTensor, toDims } from '../values';
import { bind } from '../signature';
import { dimEq, shapeStr } from '../../sym/dim';
import { Unknown } from '../../eval/values';
import { rates } from '../../cost/rates';
import { term } from '../../cost/terms';
def('batch_norm', 'tf', (c, args, kw) => {
    const a = bind('batch_norm', 'input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-05', args, kw);
    const x = asTensor(a.input);
    if (!x)
        return new Unknown('batch_norm');
    if (!x.shape) {
        c.unknownShape('batch_norm');
        return c.tensor(undefined, x.dtype);
    }
    const rm = asTensor(a.running_mean) ?? asTensor(a.weight);
    const ch = x.shape[1];
    if (rm?.shape &&
        ch !== undefined &&
        !dimEq(rm.shape[0], ch) &&
        typeof ch === 'number' &&
        typeof rm.shape[0] === 'number') {
        return c.error(`running_mean should contain ${ch} elements not ${rm.shape[0]}`, c.tensor(x.shape, x.dtype));
    }
    // Backward keeps the input, the running statistics (buffers) and per-channel fp32 mean and inverse std.
    const stats = ch === undefined ? [] : [term(8, ch)];
    const saved = [x, asTensor(a.running_mean), asTensor(a.running_var)].filter((t) => !!t);
    return normRecord(c, 'batch_norm', x, saved, stats, [x, asTensor(a.weight), asTensor(a.bias)]);
});
/** Records a normalization: its rate per element, and what backward keeps (tensors + fresh fp32 statistics). */
function normRecord(c, op, x, savedTensors, saved, inputs) {
    const r = rates[op];
    const out = c.tensor(x.shape, x.dtype);
    const n = x.shape;
    c.record({
        op,
        rule: r.rule,
        known: true,
        out,
        macs: [],
        flops: [term(r.fwd, ...n)],
        bwd: [term(r.bwd, ...n)],
        saved,
        savedTensors,
    }, inputs);
    return out;
}
def('layer_norm', 'tf', (c, args, kw) => {
    const a = bind('layer_norm', 'input, normalized_shape, weight=None, bias=None, eps=1e-05', args, kw);
    const x = asTensor(a.input);
    if (!x)
        return new Unknown('layer_norm');
    if (!x.shape) {
        c.unknownShape('layer_norm');
        return c.tensor(undefined, x.dtype);
    }
    const ns = toDims(a.normalized_shape);
    if (ns) {
        const tail = x.shape.slice(x.shape.length - ns.length);
        if (tail.length !== ns.length ||
            tail.some((d, i) => !dimEq(d, ns[i]) && typeof d === 'number' && typeof ns[i] === 'number')) {
            return c.error(`Given normalized_shape=${shapeStr(ns)}, expected input with shape [*, ${ns.map(String).join(', ')}], but got input of size${shapeStr(x.shape)}`, c.tensor(x.shape, x.dtype));
        }
    }
    // Backward keeps the input and an fp32 mean and rstd per normalized row.
    const rows = x.shape.slice(0, x.shape.length - (ns?.length ?? 1));
    return normRecord(c, 'layer_norm', x, [x], [term(8, ...rows)], [x, asTensor(a.weight), asTensor(a.bias)]);
});
def(['group_norm', 'instance_norm', 'local_response_norm', 'rms_norm'], 'tf', (c, args) => {
    const x = asTensor(args[0]);
    if (!x)
        return new Unknown('group_norm');
    return c.elementwise('group_norm', c.tensor(x.shape, x.dtype), x, 'group_norm');
});
def('normalize', 'f', (c, args) => {
    const x = asTensor(args[0]);
    if (!x)
        return new Unknown('normalize');
    return c.elementwise('normalize', c.tensor(x.shape, x.dtype), x, 'layer_norm');
});
