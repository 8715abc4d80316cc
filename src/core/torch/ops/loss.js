// Loss functions: cost per element, and PyTorch's target/input size checks (errors, and the broadcasting warning).
import { def } from '../registry';
import { asTensor } from '../values';
import { bind } from '../signature';
import { broadcast } from '../broadcast';
import { term } from '../../cost/terms';
import { dimEq, dimStr } from '../../sym/dim';
import { Unknown } from '../../eval/values';
const size = (s) => `torch.Size([${s.map(dimStr).join(', ')}])`;
/** Sizes known to differ (a symbol is assumed to agree). */
const differ = (a, b) => a.length !== b.length || a.some((d, i) => !dimEq(d, b[i]) && typeof d === 'number' && typeof b[i] === 'number');
/** Element-wise losses warn when sizes differ (torch.nn.functional), then broadcast; BCE raises instead. */
const elementwise = new Set(['mse_loss', 'l1_loss', 'smooth_l1_loss', 'huber_loss']);
/** The checks before a loss runs: returns the shape the loss is computed over, or an error value. */
function check(c, name, x, y) {
    const xs = x.shape, ys = y?.shape;
    if (!ys)
        return xs;
    if ((name === 'cross_entropy' || name === 'nll_loss') && !y.dtype.isFloat) {
        if (xs.length >= 2 &&
            ys.length >= 1 &&
            !dimEq(xs[0], ys[0]) &&
            typeof xs[0] === 'number' &&
            typeof ys[0] === 'number') {
            return c.error(`Expected input batch_size (${xs[0]}) to match target batch_size (${ys[0]}).`);
        }
        return xs;
    }
    if (!differ(xs, ys))
        return xs;
    if (name === 'binary_cross_entropy')
        return c.error(`Using a target size (${size(ys)}) that is different to the input size (${size(xs)}) is deprecated. Please ensure they have the same size.`);
    if (name === 'binary_cross_entropy_with_logits')
        return c.error(`Target size (${size(ys)}) must be the same as input size (${size(xs)})`);
    if (!elementwise.has(name))
        return xs;
    c.warn(`Using a target size (${size(ys)}) that is different to the input size (${size(xs)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`);
    const b = broadcast(xs, ys);
    return 'error' in b ? c.error(b.error) : b.shape;
}
function loss(name, perElem, softmax = false) {
    def(name, 'f', (c, args, kw) => {
        const a = bind(name, 'input, target, *rest', args, kw);
        const x = asTensor(a.input);
        if (!x)
            return new Unknown(name);
        const reduction = kw?.get('reduction');
        if (!x.shape) {
            c.unknownShape(name);
            return c.tensor(reduction === 'none' ? undefined : [], x.dtype);
        }
        const target = asTensor(a.target);
        const shape = check(c, name, x, target);
        if (!Array.isArray(shape))
            return shape;
        const out = c.tensor(reduction === 'none' ? (softmax ? shape.slice(0, 1) : shape) : [], x.dtype);
        const N = softmax ? shape.filter((_, i) => i !== 1) : shape;
        const flops = softmax ? [term(5, ...shape), term(2, ...N)] : [term(perElem, ...shape)];
        c.record({
            op: name,
            known: true,
            out,
            rule: softmax
                ? 'cross-entropy: softmax 5C per row + 2 per sample (seed); fused gradient C per sample (seed)'
                : `${name}: ${perElem} FLOPs per element (choice)`,
            macs: [],
            flops,
            bwd: softmax ? [term(1, ...shape)] : [term(perElem, ...shape)],
            // cross-entropy = log_softmax (keeps its output) + nll_loss (the target, and a 0-d fp32 total weight);
            // other losses keep their input and target.
            saved: softmax ? [term(x.dtype.bytes, ...x.shape), term(4)] : [],
            savedTensors: [...(softmax ? [] : [x]), ...(target ? [target] : [])],
        });
        return out;
    });
}
loss('cross_entropy', 0, true);
loss('nll_loss', 1);
loss('mse_loss', 3);
loss('l1_loss', 2);
loss('smooth_l1_loss', 4);
loss('huber_loss', 4);
loss('binary_cross_entropy', 4);
loss('binary_cross_entropy_with_logits', 8);
loss('kl_div', 5);
loss('cosine_similarity', 6);
