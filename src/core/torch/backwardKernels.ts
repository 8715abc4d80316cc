// Element-wise kernels autograd runs in backward for an op (PyTorch 1.13 derivatives.yaml), named as aten names them.
import { term, type Term } from '../cost/terms';
import type { Tensor } from '../model/tensor';
import { dimEq } from '../sym/dim';

/** One backward kernel: its aten name and the elements it writes (`sum`: the elements it reads). */
export interface BackwardKernel {
  readonly kernel: string;
  readonly n: readonly Term[];
}

/** Activations and softmax: one kernel over the output's elements, when the input requires grad. */
const unary: ReadonlyMap<string, string> = new Map(
  Object.entries({
    relu: 'threshold_backward',
    threshold: 'threshold_backward',
    relu6: 'hardtanh_backward',
    hardtanh: 'hardtanh_backward',
    gelu: 'gelu_backward',
    silu: 'silu_backward',
    sigmoid: 'sigmoid_backward',
    tanh: 'tanh_backward',
    elu: 'elu_backward',
    leaky_relu: 'leaky_relu_backward',
    hardswish: 'hardswish_backward',
    hardsigmoid: 'hardsigmoid_backward',
    softplus: 'softplus_backward',
    softmax: '_softmax_backward_data',
    log_softmax: '_log_softmax_backward_data',
    masked_fill: 'masked_fill',
  }),
);

/** Normalizations and pooling: one kernel over the input's elements (the input's gradient). */
const overInput: ReadonlyMap<string, string> = new Map(
  Object.entries({
    batch_norm: 'native_batch_norm_backward',
    layer_norm: 'native_layer_norm_backward',
    max_pool1d: 'max_pool1d_with_indices_backward',
    max_pool2d: 'max_pool2d_with_indices_backward',
    max_pool3d: 'max_pool3d_with_indices_backward',
    avg_pool1d: 'avg_pool1d_backward',
    avg_pool2d: 'avg_pool2d_backward',
    avg_pool3d: 'avg_pool3d_backward',
    adaptive_max_pool2d: 'adaptive_max_pool2d_backward',
    adaptive_avg_pool2d: '_adaptive_avg_pool2d_backward',
  }),
);

/** An op's name without the in-place suffix (`relu_` -> `relu`). */
export function baseName(op: string): string {
  return op.charCodeAt(op.length - 1) === 95 ? op.slice(0, -1) : op;
}

const grad = (t: Tensor | undefined): t is Tensor => !!t?.requiresGrad;

/** Adds a kernel over t's elements (none when its rank is unknown). */
function push(k: BackwardKernel[], kernel: string, t: Tensor | undefined): void {
  if (t?.shape) k.push({ kernel, n: [term(1, ...t.shape)] });
}

/** A broadcast operand's gradient is summed back to its shape: one reduction reading the output's elements. */
function broadcastSum(k: BackwardKernel[], out: Tensor | undefined, t: Tensor): void {
  const o = out?.shape;
  if (!o || !t.shape) return;
  let same = t.shape.length === o.length;
  for (let i = 0; same && i < o.length; i++) same = dimEq(t.shape[i], o[i]);
  if (!same) push(k, 'sum', out);
}

/**
 * One operand's kernel of mul/div (d(a·b)/da = grad·b, d(a·b)/db = grad·a; d(a/b)/da = grad/b; d(a/b)/db = −grad·a/b²,
 * counted as one div, a choice), and its broadcast sum.
 */
function product(k: BackwardKernel[], name: string, out: Tensor | undefined, t: Tensor | undefined): void {
  if (!grad(t)) return;
  push(k, name, out);
  broadcastSum(k, out, t);
}

/**
 * The element-wise backward kernels of a recorded op whose backward runs (`ins` as the op was recorded: operands in
 * place, undefined for a Python scalar). Matmul-class work is counted as backward MACs, not here; copies and views
 * move memory and are not counted. Undefined for ops not modelled here (their own `bwd` terms stand).
 */
export function backwardKernels(
  op: string,
  out: Tensor | undefined,
  ins: readonly (Tensor | undefined)[],
): BackwardKernel[] | undefined {
  const name = baseName(op);
  const a = ins[0],
    b = ins[1];
  const k: BackwardKernel[] = [];
  const unaryKernel = unary.get(name);
  const inputKernel = unaryKernel ? undefined : overInput.get(name);
  if (unaryKernel) {
    if (grad(a)) push(k, unaryKernel, out);
  } else if (name === 'adaptive_avg_pool2d' && out?.shape?.slice(-2).every((d) => d === 1)) {
    // To 1×1 it is `mean(dim=(-2, -1))` (1.13): backward expands the gradient and divides it.
    if (grad(a)) push(k, 'div', a);
  } else if (name === 'mean') {
    // The gradient expanded back to the input's shape and divided by the count (a sum's is only expanded).
    if (grad(a)) push(k, 'div', a);
  } else if (inputKernel) {
    if (grad(a)) push(k, inputKernel, a);
  } else if (name === 'adaptive_avg_pool1d' || name === 'adaptive_avg_pool3d') {
    if (grad(a)) push(k, `_${name}_backward`, a);
  } else if (name === 'mul' || name === 'div') {
    product(k, name, out, a);
    product(k, name, out, b);
  } else if (name === 'add' || name === 'sub') {
    if (grad(a)) broadcastSum(k, out, a);
    if (grad(b)) {
      if (name === 'sub') push(k, 'neg', out);
      broadcastSum(k, out, b);
    }
  } else if (name === 'linear') {
    if (grad(ins[2])) push(k, 'sum', out);
  } else if (name === 'embedding') {
    if (grad(b)) push(k, 'embedding_dense_backward', b);
  } else return undefined;
  return k;
}
