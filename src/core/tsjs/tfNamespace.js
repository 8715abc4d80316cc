// The `tf` namespace: sequential, model, input, tf.layers.* factories, and tensor creation; everything else is an unknown value.
import { Tensor } from '../model/tensor';
import { ConfigUnknown, Cfg } from './config';
import { JsObject, Namespace, NativeFn, Unknown } from './values';
import { Layer } from './layer';
import { layerSpecs } from './layers/registry';
import { Model, functionalModel, inputTensor, modelName, sequentialAdd } from './model';
import { fromNullable } from './shapes';
import { unknownTensor } from './apply';
const asObj = (v) => (v instanceof JsObject ? v : undefined);
/** TF.js LayerConfig input shape rules: batchInputShape, else [batchSize|null, ...inputShape], else Dense inputDim, else Embedding's. */
function batchInputShape(spec, cfg) {
    try {
        const bis = cfg.shape('batchInputShape');
        if (bis)
            return bis;
        const is = cfg.shape('inputShape');
        const batch = cfg.optNum('batchSize') ?? null;
        if (is)
            return [batch, ...is];
        if (spec.className === 'Dense' && cfg.has('inputDim'))
            return [batch, cfg.num('inputDim')];
        if (spec.className === 'Embedding') {
            const len = cfg.shape('inputLength');
            return len ? [batch, ...len] : [batch, null];
        }
        return undefined;
    }
    catch (e) {
        if (e instanceof ConfigUnknown)
            return 'unknown';
        throw e;
    }
}
function unsupported(name) {
    const className = name.charAt(0).toUpperCase() + name.slice(1);
    return {
        className,
        unsupported: true,
        compute() {
            throw new Error('unsupported');
        },
    };
}
function layerFactory(ip, name, spec) {
    return new NativeFn(`tf.layers.${name}`, (c) => {
        const cfg = new Cfg(asObj(c.args[0]));
        const line = ip.ctx.docLine();
        const bis = batchInputShape(spec, cfg);
        const layer = new Layer(ip.ctx.names, spec, cfg, line, bis === 'unknown' ? undefined : bis, cfg.optStrSafe('dtype') ?? 'float32');
        if (bis === 'unknown')
            layer.inputShapeUnknown = true;
        return layer;
    });
}
function inputFn(ip) {
    return new NativeFn('tf.input', (c) => {
        const cfg = new Cfg(asObj(c.args[0]));
        try {
            const bs = cfg.shape('batchShape');
            const shape = bs ?? (cfg.shape('shape') ? [cfg.optNum('batchSize') ?? null, ...cfg.shape('shape')] : undefined);
            if (!shape) {
                ip.ctx.tfError('config', 'Please provide to Input either a `shape` or a `batchShape` argument. Note that `shape` does not include the batch dimension.');
                return unknownTensor(ip.ctx);
            }
            return inputTensor(ip.ctx, shape, cfg.optStrSafe('dtype'));
        }
        catch (e) {
            if (e instanceof ConfigUnknown) {
                ip.ctx.unknownOp('tf.input (shape unknown)');
                return unknownTensor(ip.ctx);
            }
            throw e;
        }
    });
}
function tensorsOf(v) {
    if (v instanceof Tensor)
        return [v];
    if (Array.isArray(v) && v.every((x) => x instanceof Tensor))
        return v;
    return undefined;
}
function creation(ip, name) {
    return new NativeFn(`tf.${name}`, ({ args: [shape, dtype] }) => {
        if (Array.isArray(shape) && shape.every((d) => typeof d === 'number'))
            return new Tensor(fromNullable(shape), ip.ctx.float);
        return typeof dtype === 'string' ? unknownTensor(ip.ctx) : unknownTensor(ip.ctx);
    });
}
export function makeTf(ip) {
    const line = () => ip.ctx.docLine();
    const layers = new Map();
    for (const [name, spec] of layerSpecs)
        layers.set(name, layerFactory(ip, name, spec));
    layers.set('input', inputFn(ip));
    layers.set('inputLayer', new NativeFn('tf.layers.inputLayer', (c) => {
        const cfg = new Cfg(asObj(c.args[0]));
        const pseudo = {
            className: 'InputLayer',
            compute: (_c, [x]) => ({
                shape: x,
                weights: [],
                cost: { macs: [], flops: [], bwd: [], saved: [], rule: 'InputLayer: no computation' },
            }),
        };
        const bis = batchInputShape(pseudo, cfg);
        const layer = new Layer(ip.ctx.names, pseudo, cfg, line(), bis === 'unknown' ? undefined : bis);
        layer.inputShapeUnknown = bis === 'unknown';
        return layer;
    }));
    const members = new Map([
        [
            'sequential',
            new NativeFn('tf.sequential', (c) => {
                const cfg = asObj(c.args[0]);
                const given = cfg?.props.get('name');
                const m = new Model('Sequential', modelName(ip.ctx.names, 'Sequential', typeof given === 'string' ? given : undefined), line());
                ip.models.push(m);
                const ls = cfg?.props.get('layers');
                if (Array.isArray(ls))
                    for (const l of ls) {
                        if (l instanceof Layer || l instanceof Model)
                            sequentialAdd(ip.ctx, m, l);
                        else {
                            ip.ctx.unknownOp('tf.sequential (layer unknown)');
                            m.outputs = [unknownTensor(ip.ctx)];
                        }
                    }
                else if (ls instanceof Unknown) {
                    ip.ctx.unknownOp('tf.sequential (layers unknown)');
                    m.outputs = [unknownTensor(ip.ctx)];
                }
                return m;
            }),
        ],
        [
            'model',
            new NativeFn('tf.model', (c) => {
                const cfg = asObj(c.args[0]);
                const ins = tensorsOf(cfg?.props.get('inputs')), outs = tensorsOf(cfg?.props.get('outputs'));
                const given = cfg?.props.get('name');
                const name = modelName(ip.ctx.names, 'Model', typeof given === 'string' ? given : undefined);
                if (!ins || !outs) {
                    ip.ctx.unknownOp('tf.model (inputs/outputs unknown)');
                    const m = new Model('Model', name, line());
                    ip.models.push(m);
                    return m;
                }
                const m = functionalModel(ip.ctx, name, line(), ins, outs);
                ip.models.push(m);
                return m;
            }),
        ],
        ['input', inputFn(ip)],
        ['layers', new Namespace('tf.layers', layers, (n) => layerFactory(ip, n, unsupported(n)))],
        ['tidy', new NativeFn('tf.tidy', (c) => c.call(typeof c.args[0] === 'string' ? c.args[1] : c.args[0], []))],
        ...['zeros', 'ones', 'randomNormal', 'randomUniform', 'truncatedNormal', 'fill'].map((n) => [n, creation(ip, n)]),
    ]);
    return new Namespace('tf', members, (n) => new Unknown(`tf.${n}`));
}
