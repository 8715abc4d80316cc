// Options of analyze(), merged into defaults at the facade.
export const defaultOptions = {
    path: 'untitled.py',
    inputs: [],
    dims: {},
    convention: 'seed',
    precision: 'fp32',
    optimizer: 'adam',
    maxSteps: 2_000_000,
};
