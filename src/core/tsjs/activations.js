// Fused and standalone activations: TF.js names mapped to the shared per-element rate table.
import { rates } from '../cost/rates';
import { term } from '../cost/terms';
import { TfError } from './context';
const byName = {
    linear: null,
    relu: 'relu',
    relu6: 'relu6',
    sigmoid: 'sigmoid',
    tanh: 'tanh',
    softmax: 'softmax',
    logSoftmax: 'log_softmax',
    elu: 'elu',
    selu: 'elu',
    softplus: 'softplus',
    softsign: 'unary',
    hardSigmoid: 'hardsigmoid',
    swish: 'silu',
    mish: 'mish',
    gelu: 'gelu',
    gelu_new: 'gelu',
};
export function activationRate(name) {
    if (!(name in byName))
        throw new TfError(`Unknown activation: ${name}. This may be due to one of the following reasons:\n1. The activation is defined in Python, in which case it needs to be ported to TensorFlow.js or your JavaScript code.\n2. The custom activation is defined in JavaScript, but is not registered properly with tf.serialization.registerClass().`, 'config');
    const key = byName[name];
    return key ? rates[key] : null;
}
/** Cost of an activation applied to an output of `shape` (empty when linear/absent). */
export function activationCost(name, shape, bytes) {
    const r = name ? activationRate(name) : null;
    if (!r)
        return { flops: [], bwd: [], saved: [], rule: '' };
    const saved = r.saved === 'output' || r.saved === 'input'
        ? [term(bytes, ...shape)]
        : r.saved === 'mask'
            ? [term(1, ...shape)]
            : [];
    return { flops: [term(r.fwd, ...shape)], bwd: [term(r.bwd, ...shape)], saved, rule: `${name}: ${r.rule}` };
}
