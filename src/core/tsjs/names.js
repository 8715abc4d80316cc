// Layer and model names as TF.js gives them: numbered per class from 1, counted per analysis.
/** Per-analysis name counters: TF.js numbers layers (and models) per class from 1. One per EvalCtx. */
export class NameCounter {
    counts = new Map();
    next(prefix) {
        const n = (this.counts.get(prefix) ?? 0) + 1;
        this.counts.set(prefix, n);
        return n;
    }
}
