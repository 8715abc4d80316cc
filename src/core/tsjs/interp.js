export class ReturnSignal {
    value;
    constructor(value) {
        this.value = value;
    }
}
export class BreakSignal {
    label;
    constructor(label) {
        this.label = label;
    }
}
export class ContinueSignal {
    label;
    constructor(label) {
        this.label = label;
    }
}
/** A JS `throw` in the analyzed code: evaluation of the enclosing top-level statement stops. */
export class JsThrow extends Error {
    span;
    constructor(span) {
        super('throw');
        this.span = span;
    }
}
export class Interp {
    ctx;
    globals;
    evaluator;
    readFile;
    /** Models created, in order. */
    models = [];
    /** Depth of closure calls (to stop runaway recursion). */
    depth = 0;
    /** Relative modules run so far, by path (their `module` objects). */
    modules = new Map();
    moduleDepth = 0;
    constructor(ctx, globals, 
    /** The evaluator's entry points (see evaluator.ts), given by the facade. */
    evaluator, readFile) {
        this.ctx = ctx;
        this.globals = globals;
        this.evaluator = evaluator;
        this.readFile = readFile;
    }
}
