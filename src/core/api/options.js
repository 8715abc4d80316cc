// Options of analyze(), merged into defaults at the facade.
/**
 * How FLOPs are counted, each rule stated once: per multiply-accumulate of matmul-class ops (forward MACs, and backward
 * MACs: one forward's worth per operand whose gradient autograd computes), and whether element-wise, norm and softmax
 * FLOPs count. Every host (CLI, settings, package.json) lists these keys.
 * `label` names what it counts in one line (pickers, report headers); `seed` is the old name of `full`.
 */
export const conventionRules = {
    full: {
        perMac: 2,
        elementwise: true,
        unit: 'FLOPs',
        label: 'full FLOPs: 2 per MAC + element-wise, norms, softmax',
        description: 'Full FLOPs: 2 per MAC for matmul-class ops plus element-wise, norm and softmax ops (default).',
    },
    macs: {
        perMac: 1,
        elementwise: false,
        unit: 'MACs',
        label: 'MACs only, as torchvision / fvcore / ptflops / thop quote "FLOPs"',
        description: 'MACs only, as torchvision, fvcore, ptflops and thop quote "FLOPs".',
    },
    matmul2x: {
        perMac: 2,
        elementwise: false,
        unit: 'FLOPs',
        label: '2 × MACs of matmul-class ops only, as torch FlopCounterMode',
        description: "2 x MACs of matmul-class ops only, as torch's FlopCounterMode.",
    },
};
export const conventions = Object.keys(conventionRules);
/** A convention by name; `seed` (its old name, still in old settings) is `full`. */
export function conventionNamed(name) {
    if (name === 'seed')
        return 'full';
    return typeof name === 'string' && conventions.includes(name)
        ? name
        : undefined;
}
export const precisions = ['fp32', 'fp16', 'bf16', 'mixed', 'mixed-bf16'];
export const optimizers = ['sgd', 'momentum', 'adam'];
export const defaultOptions = {
    path: 'untitled.py',
    inputs: [],
    dims: {},
    convention: 'full',
    precision: 'fp32',
    optimizer: 'adam',
    maxSteps: 2_000_000,
};
