// Resource limits on the values the engine builds (sequences, strings, symbolic expressions): past them, analysis stops.
/** Most items one list, tuple or string may hold (a model's config lists hold thousands, not millions). */
export const maxSequenceItems = 1 << 22;
/** Most terms, factors per term, and coefficient bits of one symbolic expression. */
export const maxPolyTerms = 4096;
export const maxPolyDegree = 256;
export const maxCoefficient = 1n << 1024n;
/** Thrown when a value would grow past a limit; ends the analysis with a `resource-limit` diagnostic. */
export class ResourceLimit extends Error {
    what;
    constructor(what) {
        super(what);
        this.what = what;
    }
}
/** Throws unless a sequence of `n` items (n may be fractional or infinite) fits. */
export function checkSequence(n, kind) {
    if (!(n <= maxSequenceItems))
        throw new ResourceLimit(`a ${kind} of ${Number.isFinite(n) ? n.toLocaleString('en-US') : 'unbounded'} ${kind === 'string' ? 'characters' : 'items'} (limit ${maxSequenceItems.toLocaleString('en-US')})`);
}
