// Applying a layer to symbolic tensors: TF.js input checks, the first build (weights), the output, and the cost record.
import { Poly } from '../sym/poly';
import { dimEq } from '../sym/dim';
import { termsCost } from '../cost/sum';
import { Tensor } from '../model/tensor';
import { TfError } from './context';
import { ConfigUnknown } from './config';
import { tfShapeRaw } from './shapes';
/** How each symbolic tensor was produced, for walking a functional model's graph. */
export const history = new WeakMap();
export function unknownTensor(ctx) {
    return new Tensor(undefined, ctx.float);
}
function checkInput(layer, x, i) {
    const { spec } = layer;
    if (spec.ndim !== undefined && x.length !== spec.ndim)
        throw new TfError(`Input ${i} is incompatible with layer ${layer.name}: expected ndim=${spec.ndim}, found ndim=${x.length}`);
    if (spec.minNdim !== undefined && x.length < spec.minNdim)
        throw new TfError(`Input ${i} is incompatible with layer ${layer.name}: expected min_ndim=${spec.minNdim}, found ndim=${x.length}.`);
    const last = x[x.length - 1];
    if (spec.fixedLastAxis &&
        layer.builtLastAxis !== undefined &&
        typeof last === 'number' &&
        typeof layer.builtLastAxis === 'number' &&
        !dimEq(last, layer.builtLastAxis)) {
        throw new TfError(`Input ${i} is incompatible with layer ${layer.name}: expected axis -1 of input shape to have value ${layer.builtLastAxis} but got shape ${tfShapeRaw(x)}.`);
    }
}
/** Applies `layer` to one tensor or a list (merge layers); never throws: problems become diagnostics and an unknown-shape output. */
export function applyLayer(ctx, layer, input, record = true) {
    const inputs = Array.isArray(input) ? input : [input];
    const op = layer.spec.className;
    if (layer.spec.unsupported) {
        ctx.unknownOp(`tf.layers.${layer.spec.className} (not modelled)`, layer.line);
        return unknownTensor(ctx);
    }
    if (!layer.spec.multi && inputs.length !== 1) {
        ctx.tfError('shape-mismatch', `Layer ${layer.name} expects 1 input(s), but it received ${inputs.length} input tensors.`);
        return unknownTensor(ctx);
    }
    if (inputs.some((t) => !t.shape)) {
        ctx.unknownOp(`${op} (input shape unknown)`, layer.line);
        return unknownTensor(ctx);
    }
    const shapes = inputs.map((t) => t.shape);
    try {
        shapes.forEach((s, i) => checkInput(layer, s, i));
        const r = layer.spec.compute(layer.cfg, shapes, ctx.float.bytes, layer.name);
        if (!layer.weights) {
            layer.weights = r.weights;
            layer.builtLastAxis = shapes[0][shapes[0].length - 1];
            ctx.builtLayers.push(layer);
        }
        const out = new Tensor(r.shape, ctx.float);
        history.set(out, { layer, inputs });
        layer.applications++;
        if (record) {
            const c = r.cost;
            ctx.record(layer.line, {
                op,
                rule: c.rule,
                known: true,
                out,
                macs: c.macs,
                flops: c.flops,
                bwd: c.bwd,
                saved: c.saved,
            });
            const macs = termsCost(c.macs);
            const bwdMacs = typeof macs === 'number' ? 2 * macs : macs.mul(Poly.const(2));
            layer.cost.add({ macs, flops: termsCost(c.flops), bwd: termsCost(c.bwd), bwdMacs });
        }
        return out;
    }
    catch (e) {
        if (e instanceof ConfigUnknown) {
            ctx.unknownOp(`${op} (${e.key} unknown)`, layer.line);
            return unknownTensor(ctx);
        }
        if (e instanceof TfError) {
            ctx.tfError(e.code, e.message);
            return unknownTensor(ctx);
        }
        throw e;
    }
}
