import { dimProd } from '../../sym/dim';
import { PyException } from '../../eval/errors';
import { NativeFunction, PyDict, PyInstance, PyTuple, Unknown } from '../../eval/values';
import { Tensor } from '../../model/tensor';
import { ops } from '../registry';
import { callValue } from '../../eval/calls';
import { lookupAttr } from '../../eval/attributes';
const op = (c, name, ...args) => ops.get(name).fn(c, args, undefined);
function newTensor(c, shape, like, role) {
    const t = new Tensor(shape, like.dtype, role);
    t.line = c.ip.docLine();
    c.ip.recorder.tensors.push(t);
    return t;
}
/** Takes parameter `name` off a module (it was a parameter: it leaves the counts) and returns it. */
function takeParam(c, m, name, util) {
    const w = m.attrs.get(name);
    if (!(w instanceof Tensor) || w.role !== 'param' || !w.shape)
        throw new PyException('AttributeError', `${util}: module has no parameter '${name}' of known shape`);
    m.attrs.delete(name);
    const i = c.ip.recorder.tensors.indexOf(w);
    if (i >= 0)
        c.ip.recorder.tensors.splice(i, 1);
    return w;
}
/** Registers the pre-hook that recomputes a weight before each forward. */
function preHook(c, m, compute) {
    const register = lookupAttr(c.ip, m, 'register_forward_pre_hook');
    const hook = new NativeFunction('_weight_hook', () => (compute(), null));
    if (register)
        callValue(c.ip, register, [hook], undefined, c.ip.site);
}
export function weightNorm(c, m, name, dimArg) {
    if (!(m instanceof PyInstance) || typeof name !== 'string')
        return new Unknown('weight_norm');
    const w = takeParam(c, m, name, 'weight_norm');
    const rank = w.shape.length;
    // dim=None (and -1) normalizes over the whole tensor: g is a scalar; else g keeps `dim` and is 1 elsewhere.
    const dim = dimArg === null || dimArg === -1 ? undefined : typeof dimArg === 'number' ? (dimArg + rank) % rank : 0;
    const g = newTensor(c, dim === undefined ? [] : w.shape.map((d, i) => (i === dim ? d : 1)), w, 'param');
    const v = newTensor(c, w.shape, w, 'param');
    m.attrs.set(`${name}_g`, g);
    m.attrs.set(`${name}_v`, v);
    const others = w.shape.map((_, i) => i).filter((i) => i !== dim);
    const compute = () => {
        const norm = dim === undefined ? op(c, 'norm', v) : op(c, 'norm', v, 2, new PyTuple(others), true);
        const weight = op(c, 'mul', v, op(c, 'div', g, norm));
        m.attrs.set(name, weight);
        return weight;
    };
    compute(); // torch sets the weight once when the hook is applied
    preHook(c, m, compute);
    return m;
}
/** spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None): dim 0, or 1 for ConvTranspose. */
export function spectralNorm(c, m, name, dimArg) {
    if (!(m instanceof PyInstance) || typeof name !== 'string')
        return new Unknown('spectral_norm');
    const w = takeParam(c, m, name, 'spectral_norm');
    const rank = w.shape.length;
    const dim = typeof dimArg === 'number' ? (dimArg + rank) % rank : m.cls.name.startsWith('ConvTranspose') ? 1 : 0;
    const h = w.shape[dim];
    const rest = w.shape.filter((_, i) => i !== dim);
    const width = dimProd(rest);
    m.attrs.set(`${name}_orig`, w);
    c.ip.recorder.tensors.push(w);
    // torch keeps `weight` as a plain tensor attribute (weight.data) until the first forward recomputes it.
    m.attrs.set(name, new Tensor(w.shape, w.dtype));
    const u = newTensor(c, [h], w, 'buffer');
    const v = newTensor(c, [width], w, 'buffer');
    m.attrs.set(`${name}_u`, u);
    m.attrs.set(`${name}_v`, v);
    preHook(c, m, () => {
        // Eval mode (as flopscope analyzes): no power iteration; sigma = u · (W_mat v), weight = W / sigma.
        const perm = dim === 0 ? w : op(c, 'permute', w, new PyTuple([dim, ...w.shape.map((_, i) => i).filter((i) => i !== dim)]));
        const mat = op(c, 'reshape', perm, h, -1);
        const sigma = op(c, 'dot', u, op(c, 'mv', mat, v));
        const weight = op(c, 'div', w, sigma);
        m.attrs.set(name, weight);
        return weight;
    });
    return m;
}
/** remove_weight_norm: the current weight becomes a parameter again; g, v and the hook go. */
export function removeWeightNorm(c, m, name) {
    if (!(m instanceof PyInstance) || typeof name !== 'string')
        return new Unknown('remove_weight_norm');
    const g = m.attrs.get(`${name}_g`);
    const v = m.attrs.get(`${name}_v`);
    if (!(g instanceof Tensor) || !(v instanceof Tensor))
        throw new PyException('ValueError', `weight_norm of '${name}' not found in ${m.cls.name}`);
    m.attrs.delete(`${name}_g`);
    m.attrs.delete(`${name}_v`);
    for (const t of [g, v]) {
        const i = c.ip.recorder.tensors.indexOf(t);
        if (i >= 0)
            c.ip.recorder.tensors.splice(i, 1);
    }
    m.attrs.delete(name);
    m.attrs.set(name, newTensor(c, v.shape ?? [], v, 'param'));
    const hooks = m.attrs.get('_forward_pre_hooks');
    if (hooks instanceof PyDict)
        for (const [k, [, h]] of [...hooks.map])
            if (h instanceof NativeFunction && h.name === '_weight_hook')
                hooks.map.delete(k);
    return m;
}
