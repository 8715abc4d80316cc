// Members of TF.js values: tensor.shape/rank, layer.apply/countParams, model.add/apply/predict/summary/countParams/layers.
import { Tensor } from '../model/tensor';
import { dimProd } from '../sym/dim';
import { NativeFn, Unknown } from './values';
import { Layer } from './layer';
import { Model, applyModel, sequentialAdd } from './model';
import { applyLayer, history, unknownTensor } from './apply';
import { dimsFromCall } from './inputs';
const fn = (name, f) => new NativeFn(name, (c) => f(c.args));
function asTensors(v) {
    if (v instanceof Tensor)
        return v;
    if (Array.isArray(v) && v.length > 0 && v.every((x) => x instanceof Tensor))
        return v;
    return undefined;
}
export function tensorMember(_ip, t, key) {
    switch (key) {
        case 'shape':
            return t.shape
                ? t.shape.map((d) => (typeof d === 'number' ? d : null))
                : new Unknown('shape of a tensor of unknown shape');
        case 'rank':
            return t.shape ? t.shape.length : new Unknown('rank');
        case 'dtype':
            return t.dtype.name;
        case 'size': {
            const n = t.numel();
            return typeof n === 'number' ? n : new Unknown('size');
        }
        default:
            return new Unknown(`tensor.${key}`);
    }
}
function weightCount(ws) {
    const n = (ws ?? []).reduce((a, w) => (typeof a === 'number' ? a + dimProd(w) : a), 0);
    return typeof n === 'number' && !Number.isNaN(n) ? n : new Unknown('countParams');
}
/**
 * model.predict on concrete tensors: the batch written in the call is the batch the model is costed at (the first
 * call's; a later call with another batch gets a note, since the model's figures are for one batch).
 */
function fixCallDims(ip, m, given) {
    const found = dimsFromCall(m.inputs, given);
    const fixed = ip.ctx.callDims;
    for (const [name, value] of Object.entries(found)) {
        if (fixed[name] === undefined)
            fixed[name] = value;
        else if (fixed[name] !== value)
            ip.ctx.report('information', 'batch-differs', `flopscope: the model is costed at ${name} = ${fixed[name]} (its first predict call); this call's ${name} = ${value} is not costed separately`);
    }
}
/** layer.apply(x) / model.apply(x): symbolic application, or an unknown op when the input is not a tensor. */
function applyTo(ip, target, x) {
    const ts = asTensors(x);
    const name = target instanceof Layer ? target.spec.className : target.name;
    if (!ts) {
        ip.ctx.unknownOp(`${name}.apply (input unknown)`);
        return unknownTensor(ip.ctx);
    }
    return target instanceof Layer ? applyLayerCall(ip, target, ts) : applyModel(ip.ctx, target, ts);
}
const rnnStates = { LSTM: 2, GRU: 1, SimpleRNN: 1 };
/** layer.apply with TF.js's RNN conventions: `[x, ...initialStates]` inputs, and `returnState` giving `[output, ...states]`. */
function applyLayerCall(ip, l, ts) {
    const states = rnnStates[l.spec.className];
    if (states === undefined)
        return applyLayer(ip.ctx, l, ts);
    const out = applyLayer(ip.ctx, l, Array.isArray(ts) ? ts[0] : ts);
    if (l.cfg.raw('returnState') !== true)
        return out;
    const units = l.cfg.raw('units');
    const shape = out.shape && typeof units === 'number' ? [out.shape[0], units] : undefined;
    const hs = Array.from({ length: states }, () => new Tensor(shape, out.dtype));
    const h = history.get(out);
    if (h)
        for (const t of hs)
            history.set(t, h);
    return [out, ...hs];
}
export function layerMember(ip, l, key) {
    switch (key) {
        case 'apply':
            return fn('apply', ([x]) => applyTo(ip, l, x));
        case 'name':
            return l.name;
        case 'countParams':
            return fn('countParams', () => weightCount(l.weights));
        case 'getClassName':
            return fn('getClassName', () => l.spec.className);
        case 'built':
            return l.weights !== undefined;
        default:
            return new Unknown(`layer.${key}`);
    }
}
export function modelMember(ip, m, key) {
    switch (key) {
        case 'add':
            return fn('add', ([x]) => {
                if (x instanceof Layer || x instanceof Model)
                    sequentialAdd(ip.ctx, m, x);
                else {
                    ip.ctx.unknownOp('model.add (layer unknown)');
                    m.outputs = [unknownTensor(ip.ctx)];
                }
                return undefined;
            });
        case 'apply':
        case 'call':
            return fn(key, ([x]) => applyTo(ip, m, x));
        case 'predict':
        case 'predictOnBatch':
            return fn(key, ([x]) => {
                const given = asTensors(x);
                if (given)
                    fixCallDims(ip, m, Array.isArray(given) ? given : [given]);
                const out = m.outputs[0];
                const b = x instanceof Tensor && x.shape ? x.shape[0] : undefined;
                return out?.shape && b !== undefined
                    ? new Tensor([b, ...out.shape.slice(1)], out.dtype)
                    : unknownTensor(ip.ctx);
            });
        case 'countParams':
            return fn('countParams', () => weightCount(m.layers.flatMap((l) => l.weights ?? [])));
        case 'summary':
        case 'compile':
        case 'fit':
        case 'fitDataset':
        case 'evaluate':
        case 'save':
        case 'dispose':
            return fn(key, () => new Unknown(`model.${key}`));
        case 'layers':
            return [...m.layers];
        case 'inputs':
            return [...m.inputs];
        case 'outputs':
            return [...m.outputs];
        case 'name':
            return m.name;
        case 'outputShape': {
            const o = m.outputs[0];
            return o?.shape ? o.shape.map((d) => (typeof d === 'number' ? d : null)) : new Unknown('outputShape');
        }
        case 'getLayer':
            return fn('getLayer', ([n, i]) => (typeof n === 'string'
                ? m.layers.find((l) => l.name === n)
                : typeof i === 'number'
                    ? m.layers[i]
                    : undefined) ?? new Unknown('getLayer'));
        default:
            return new Unknown(`model.${key}`);
    }
}
