import { CostSums } from '../cost/recorder';
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
    constructor(names, spec, cfg, line, batchInputShape, dtype = 'float32') {
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
            this.name = `${prefix}${names.next(prefix)}`;
        }
    }
}
