export const precisionPolicies = {
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
        label: 'autocast fp16 (AMP, mixed_float16): fp32 weights, gradients and optimizer state; fp16 activations',
    },
    'mixed-bf16': {
        weights: 'float32',
        activations: 'bfloat16',
        autocast: true,
        label: 'autocast bf16 (AMP): fp32 weights, gradients and optimizer state; bf16 activations',
    },
};
