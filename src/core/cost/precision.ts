// One precision policy for every front end (PyTorch and TF.js): the dtype of weights and of activations, and autocast.
import type { Precision } from '../api/options';

export type FloatName = 'float32' | 'float16' | 'bfloat16';

export interface PrecisionPolicy {
  /** Parameters (and so gradients): fp32 under autocast, which keeps the weights as the master copy. */
  readonly weights: FloatName;
  /**
   * Activations: what float32 tensors computed by the model become (TF.js's layers; PyTorch without autocast). Under
   * PyTorch autocast each op's dtype follows autocast's op lists instead (torch/autocast.ts).
   */
  readonly activations: FloatName;
  /**
   * torch.autocast / tf mixed_float16: matmul-class ops cast their fp32 weights to `activations` (a copy per weight,
   * kept for backward when the input requires grad) and compute in it.
   */
  readonly autocast: boolean;
  readonly label: string;
}

export const precisionPolicies: Readonly<Record<Precision, PrecisionPolicy>> = {
  fp32: { weights: 'float32', activations: 'float32', autocast: false, label: 'fp32 weights and activations' },
  fp16: {
    weights: 'float16',
    activations: 'float16',
    autocast: false,
    label: 'fp16 weights and activations (.half())',
  },
  bf16: {
    weights: 'bfloat16',
    activations: 'bfloat16',
    autocast: false,
    label: 'bf16 weights and activations (.bfloat16())',
  },
  mixed: {
    weights: 'float32',
    activations: 'float16',
    autocast: true,
    label:
      "autocast fp16 (AMP, mixed_float16): fp32 weights, gradients and optimizer state; PyTorch: CUDA's autocast op lists (fp16 matmul/conv, fp32 layer_norm/softmax/...); TF.js: fp16 layer outputs",
  },
  'mixed-bf16': {
    weights: 'float32',
    activations: 'bfloat16',
    autocast: true,
    label:
      "autocast bf16 (AMP): fp32 weights, gradients and optimizer state; PyTorch: CUDA's autocast op lists (bf16 matmul/conv, fp32 layer_norm/softmax/...); TF.js: bf16 layer outputs",
  },
};
