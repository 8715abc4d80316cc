import { Tensor } from '../model/tensor';
import { fromNullable } from './shapes';
import { applyLayer, history, unknownTensor } from './apply';
export class Model {
    className;
    name;
    line;
    kind = 'model';
    layers = [];
    inputs = [];
    outputs = [];
    /** How many times the model was applied as a layer of another model. */
    applications = 0;
    constructor(className, name, line) {
        this.className = className;
        this.name = name;
        this.line = line;
    }
}
export function modelName(names, className, given) {
    return given ?? `${className.toLowerCase()}_${names.next('\0model')}`;
}
/** tf.input / the implicit input of a layer configured with inputShape/batchInputShape. */
export function inputTensor(ctx, batchShape, dtype = 'float32') {
    return new Tensor(fromNullable(batchShape), dtype === 'int32' ? { name: 'int32', bytes: 4, isFloat: false } : ctx.float);
}
/** Sequential.add: the first layer needs an input shape; later layers are applied to the current output. */
export function sequentialAdd(ctx, m, item) {
    if (item instanceof Model) {
        if (m.outputs.length === 0) {
            m.inputs = item.inputs;
            m.outputs = item.outputs;
            m.layers.push(...item.layers);
            return;
        }
        m.outputs = [applyModel(ctx, item, m.outputs[0])];
        for (const l of item.layers)
            if (!m.layers.includes(l))
                m.layers.push(l);
        return;
    }
    if (m.outputs.length === 0 && item.spec.className === 'InputLayer' && item.batchInputShape) {
        m.inputs = [inputTensor(ctx, item.batchInputShape, item.dtype)];
        m.outputs = [...m.inputs];
        return;
    }
    if (m.outputs.length === 0) {
        if (item.inputShapeUnknown) {
            ctx.unknownOp(`${item.spec.className} (input shape unknown)`, item.line);
            m.outputs = [unknownTensor(ctx)];
            m.layers.push(item);
            return;
        }
        if (!item.batchInputShape && ctx.skippedModelCode) {
            ctx.unknownOp(`${item.spec.className} (first layer unknown: earlier code could not be evaluated)`, item.line);
            m.outputs = [unknownTensor(ctx)];
            return;
        }
        if (!item.batchInputShape) {
            ctx.tfError('missing-input-shape', 'The first layer in a Sequential model must get an `inputShape` or `batchInputShape` argument.');
            m.outputs = [unknownTensor(ctx)];
            m.layers.push(item);
            return;
        }
        const x = inputTensor(ctx, item.batchInputShape, item.dtype);
        m.inputs = [x];
    }
    const out = applyLayer(ctx, item, m.outputs[0] ?? m.inputs[0]);
    // TF.js throws before adding a layer that fails to build; an unbuilt layer with an unknown output is left out the same way.
    if (out.shape || item.weights)
        m.layers.push(item);
    m.outputs = [out];
}
/** Layers between a model's inputs and outputs, in application order (shared layers once). */
export function graphLayers(inputs, outputs) {
    const seen = new Set(inputs);
    const order = [];
    const visit = (t) => {
        if (seen.has(t))
            return;
        seen.add(t);
        const h = history.get(t);
        if (!h)
            return;
        h.inputs.forEach(visit);
        if (!order.includes(h.layer))
            order.push(h.layer);
    };
    outputs.forEach(visit);
    return order;
}
export function functionalModel(ctx, name, line, inputs, outputs) {
    const m = new Model('Model', name, line);
    m.inputs = inputs;
    m.outputs = outputs;
    m.layers.push(...graphLayers(inputs, outputs));
    for (const o of outputs)
        if (o.shape && !reaches(o, new Set(inputs)))
            ctx.tfError('graph-disconnected', 'Graph disconnected: cannot obtain value for the model output from the given inputs.');
    return m;
}
function reaches(t, inputs) {
    if (inputs.has(t))
        return true;
    const h = history.get(t);
    return !!h && h.inputs.some((x) => reaches(x, inputs));
}
/** Calls a model on a new tensor, replaying its graph. Its first application is already costed by its construction. */
export function applyModel(ctx, m, x) {
    const xs = Array.isArray(x) ? x : [x];
    const record = m.applications++ > 0 || m.outputs.length === 0;
    if (m.inputs.length !== xs.length) {
        ctx.tfError('shape-mismatch', `Model ${m.name} expects ${m.inputs.length} input(s), but it received ${xs.length} input tensors.`);
        return unknownTensor(ctx);
    }
    const memo = new Map(m.inputs.map((t, i) => [t, xs[i]]));
    const replay = (t) => {
        const hit = memo.get(t);
        if (hit)
            return hit;
        const h = history.get(t);
        const out = h
            ? applyLayer(ctx, h.layer, h.layer.spec.multi ? h.inputs.map(replay) : replay(h.inputs[0]), record)
            : unknownTensor(ctx);
        memo.set(t, out);
        return out;
    };
    return replay(m.outputs[0] ?? unknownTensor(ctx));
}
