// What autograd saves for backward, per element-wise op (PyTorch 1.13 derivatives.yaml), and when: only if grad is needed.

/**
 * - `self`: the input; `result`: the output (a storage often saved already by the next op).
 * - `operands`: mul-like: each operand when the other requires grad (a Python scalar is an 8-byte wrapped double).
 * - `divisor`: div-like: the divisor always, the dividend when the divisor requires grad.
 * - `both`: both operands (maximum, atan2). `mask`: the boolean mask (masked_fill, where's condition).
 * - `none`: nothing (add, sub, neg, floor, comparisons).
 */
export type SavedRule = 'self' | 'result' | 'operands' | 'divisor' | 'both' | 'mask' | 'none';

/** Op name (without a trailing `_`) → rule. Ops not listed fall back to their rate's `saved` field. */
export const savedRules: Readonly<Record<string, SavedRule>> = {
  add: 'none',
  sub: 'none',
  neg: 'none',
  negative: 'none',
  mul: 'operands',
  lerp: 'operands',
  addcmul: 'operands',
  div: 'divisor',
  floor_divide: 'none',
  remainder: 'none',
  pow: 'self',
  maximum: 'both',
  minimum: 'both',
  atan2: 'both',
  where: 'mask',
  masked_fill: 'mask',
  relu: 'result',
  relu6: 'self',
  hardtanh: 'self',
  leaky_relu: 'self',
  threshold: 'self',
  gelu: 'self',
  silu: 'self',
  mish: 'self',
  elu: 'self',
  selu: 'self',
  celu: 'self',
  hardswish: 'self',
  hardsigmoid: 'self',
  softplus: 'self',
  softsign: 'self',
  logsigmoid: 'self',
  tanhshrink: 'self',
  prelu: 'self',
  sigmoid: 'result',
  tanh: 'result',
  exp: 'result',
  exp2: 'result',
  expm1: 'result',
  sqrt: 'result',
  rsqrt: 'result',
  reciprocal: 'result',
  tan: 'result',
  log: 'self',
  log2: 'self',
  log10: 'self',
  log1p: 'self',
  sin: 'self',
  cos: 'self',
  erf: 'self',
  erfinv: 'self',
  atan: 'self',
  asin: 'self',
  acos: 'self',
  sinh: 'self',
  cosh: 'self',
  abs: 'self',
  square: 'self',
  clamp: 'self',
  clip: 'self',
  clamp_min: 'self',
  clamp_max: 'self',
  nan_to_num: 'self',
  floor: 'none',
  ceil: 'none',
  round: 'none',
  trunc: 'none',
  frac: 'none',
  sign: 'none',
  sgn: 'none',
  zero: 'none',
  fill: 'none',
  uniform: 'none',
  normal: 'none',
  bernoulli: 'none',
  softmax: 'result',
  log_softmax: 'result',
  glu: 'self',
  polar: 'both',
};

/** Bytes of the 0-d double PyTorch wraps a Python scalar operand in (mul/div save it). */
export const WRAPPED_SCALAR_BYTES = 8;

/**
 * What the saved-tensor figures follow. Measured under torch 2.11 (test/oracle/golden/training/torch2_11.json) ResNet,
 * MobileNetV2 (within 0.3%), the GPT fixture and the frozen cases save the same; nn.MultiheadAttention differs: torch 2
 * runs it through scaled_dot_product_attention when no weights are asked for (ViT-B/16 b8: +10.3% on its math backend).
 */
export const savedTensorsModel = {
  autograd:
    'PyTorch 1.13 autograd (nn.MultiheadAttention as 1.13 runs it; F.scaled_dot_product_attention as torch 2 fused kernels)',
  none: 'no autograd recorded: saved bytes from the rate table',
  /** Appended under `mixed` / `mixed-bf16`: which autocast op lists decide each op's dtype (torch/autocast.ts). */
  autocast:
    "; torch.autocast with CUDA's op lists (half for matmul/conv/linear/SDPA, fp32 for layer_norm/softmax/pow/exp/sum/losses, others follow their inputs)",
} as const;
