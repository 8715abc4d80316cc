// Per-element FLOP rates for non-matmul ops: one table, shown in hovers. `seed` rates come from the seed document; `choice` rates are ours.

export interface Rate {
  /** Forward FLOPs per output element. */
  readonly fwd: number;
  /** Backward FLOPs per element (using the cached forward value). */
  readonly bwd: number;
  /** What autograd keeps: the input, the output, a 1-byte mask, or nothing. */
  readonly saved: 'input' | 'output' | 'mask' | 'none';
  readonly source: 'seed' | 'choice';
  readonly rule: string;
}

const r = (fwd: number, bwd: number, saved: Rate['saved'], source: Rate['source'], rule: string): Rate => ({
  fwd,
  bwd,
  saved,
  source,
  rule,
});

export const rates: Record<string, Rate> = {
  default: r(1, 1, 'none', 'choice', '1 FLOP per output element (choice)'),
  add: r(1, 0, 'none', 'seed', 'N FLOPs, N = broadcast output elements (seed)'),
  sub: r(1, 0, 'none', 'seed', 'N FLOPs, N = broadcast output elements (seed)'),
  mul: r(1, 2, 'input', 'seed', 'N FLOPs, N = broadcast output elements (seed)'),
  div: r(1, 3, 'input', 'seed', 'N FLOPs, N = broadcast output elements (seed)'),
  complex_add: r(2, 0, 'none', 'choice', 'complex add: 2 real FLOPs per element (choice)'),
  complex_mul: r(
    6,
    12,
    'input',
    'choice',
    'complex multiply: 6 real FLOPs per element (4 multiplies, 2 adds) (choice)',
  ),
  polar: r(4, 4, 'input', 'choice', 'polar: abs·cos(angle) + i·abs·sin(angle), 4 FLOPs per element (choice)'),
  pow: r(1, 2, 'input', 'choice', '1 FLOP per element (choice)'),
  compare: r(1, 0, 'none', 'choice', '1 FLOP per element (choice)'),
  relu: r(1, 1, 'output', 'seed', 'ReLU: N FLOPs (seed); backward 1 per element'),
  leaky_relu: r(2, 1, 'input', 'choice', 'LeakyReLU: 2 per element (choice)'),
  sigmoid: r(4, 2, 'output', 'choice', 'sigmoid: 4 per element (choice); backward 2 (seed)'),
  tanh: r(5, 2, 'output', 'choice', 'tanh: 5 per element (choice); backward 2 (seed)'),
  gelu: r(8, 8, 'input', 'choice', 'GELU: 8 per element (choice, tanh form)'),
  silu: r(5, 5, 'input', 'choice', 'SiLU: 5 per element (choice: sigmoid + multiply)'),
  mish: r(9, 9, 'input', 'choice', 'Mish: 9 per element (choice)'),
  elu: r(4, 2, 'output', 'choice', 'ELU: 4 per element (choice)'),
  hardswish: r(4, 2, 'input', 'choice', 'Hardswish: 4 per element (choice)'),
  hardsigmoid: r(3, 1, 'input', 'choice', 'Hardsigmoid: 3 per element (choice)'),
  relu6: r(2, 1, 'output', 'choice', 'ReLU6: 2 per element (choice)'),
  softplus: r(4, 3, 'input', 'choice', 'Softplus: 4 per element (choice)'),
  prelu: r(2, 2, 'input', 'choice', 'PReLU: 2 per element (choice)'),
  unary: r(1, 1, 'input', 'choice', '1 FLOP per element (choice)'),
  transcendental: r(4, 2, 'input', 'choice', '4 FLOPs per element for exp/log/sqrt-class functions (choice)'),
  softmax: r(5, 2, 'output', 'seed', 'softmax: ~5C per row = 5 per element (seed); saves its output'),
  log_softmax: r(5, 2, 'output', 'seed', 'log_softmax: ~5C per row (seed)'),
  layer_norm: r(5, 8, 'input', 'choice', 'LayerNorm: 5 per element (choice: mean, var, normalize, scale, shift)'),
  batch_norm: r(4, 8, 'input', 'choice', 'BatchNorm: 4 per element at inference (choice: sub, div, scale, shift)'),
  group_norm: r(5, 8, 'input', 'choice', 'GroupNorm: 5 per element (choice)'),
  dropout: r(0, 1, 'mask', 'choice', 'Dropout: 0 FLOPs at inference; training keeps a 1-byte mask (choice)'),
  pool_max: r(1, 0, 'mask', 'choice', 'MaxPool: one comparison per window element (choice)'),
  pool_avg: r(1, 1, 'none', 'choice', 'AvgPool: one add per window element (choice)'),
  reduce: r(1, 1, 'none', 'choice', 'reduction: 1 FLOP per input element (choice)'),
  masked_fill: r(1, 0, 'none', 'choice', 'masked_fill/where: 1 per element (choice)'),
  copy: r(0, 0, 'none', 'seed', 'copy: memory traffic only, 0 FLOPs'),
};

/** Backward FLOPs per element written by each element-wise backward kernel (aten names; see torch/backwardKernels.ts). */
export const backwardRates: Readonly<Record<string, { readonly perElem: number; readonly source: Rate['source'] }>> = {
  threshold_backward: { perElem: 1, source: 'seed' },
  hardtanh_backward: { perElem: 1, source: 'choice' },
  gelu_backward: { perElem: 8, source: 'choice' },
  silu_backward: { perElem: 5, source: 'choice' },
  sigmoid_backward: { perElem: 2, source: 'seed' },
  tanh_backward: { perElem: 2, source: 'seed' },
  elu_backward: { perElem: 2, source: 'choice' },
  leaky_relu_backward: { perElem: 1, source: 'choice' },
  hardswish_backward: { perElem: 2, source: 'choice' },
  hardsigmoid_backward: { perElem: 1, source: 'choice' },
  softplus_backward: { perElem: 3, source: 'choice' },
  _softmax_backward_data: { perElem: 2, source: 'seed' },
  _log_softmax_backward_data: { perElem: 2, source: 'seed' },
  native_batch_norm_backward: { perElem: 8, source: 'choice' },
  native_layer_norm_backward: { perElem: 8, source: 'choice' },
  max_pool1d_with_indices_backward: { perElem: 1, source: 'choice' },
  max_pool2d_with_indices_backward: { perElem: 1, source: 'choice' },
  max_pool3d_with_indices_backward: { perElem: 1, source: 'choice' },
  avg_pool1d_backward: { perElem: 1, source: 'choice' },
  avg_pool2d_backward: { perElem: 1, source: 'choice' },
  avg_pool3d_backward: { perElem: 1, source: 'choice' },
  adaptive_max_pool2d_backward: { perElem: 1, source: 'choice' },
  _adaptive_avg_pool1d_backward: { perElem: 1, source: 'choice' },
  _adaptive_avg_pool2d_backward: { perElem: 1, source: 'choice' },
  _adaptive_avg_pool3d_backward: { perElem: 1, source: 'choice' },
  masked_fill: { perElem: 1, source: 'choice' },
  mul: { perElem: 1, source: 'seed' },
  div: { perElem: 1, source: 'seed' },
  neg: { perElem: 1, source: 'choice' },
  sum: { perElem: 1, source: 'choice' },
  add: { perElem: 1, source: 'seed' },
};
