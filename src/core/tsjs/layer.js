import { CostSums } from '../cost/recorder';
const uids = new Map();
/** Resets per-analysis name counters (TF.js numbers layers per class from 1). */
export function resetLayerNames() {
    uids.clear();
}
export function toSnakeCase(name) {
    return name
        .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
        .replace(/([a-z])([A-Z])/g, '$1_$2')
        .toLowerCase();
}
export class Layer {
    spec;
    cfg;
    line;
    batchInputShape;
    dtype;
    kind = 'layer';
    name;
    weights;
    builtLastAxis;
    applications = 0;
    /** The layer was given an input shape the evaluator could not determine. */
    inputShapeUnknown = false;
    /** Self costs of all applications, for the module tree. */
    cost = new CostSums();
    constructor(spec, cfg, line, batchInputShape, dtype = 'float32') {
        this.spec = spec;
        this.cfg = cfg;
        this.line = line;
        this.batchInputShape = batchInputShape;
        this.dtype = dtype;
        const given = cfg.optStrSafe('name');
        if (given)
            this.name = given;
        else {
            const prefix = `${toSnakeCase(spec.className)}_${spec.className}`;
            const n = (uids.get(prefix) ?? 0) + 1;
            uids.set(prefix, n);
            this.name = `${prefix}${n}`;
        }
    }
}
