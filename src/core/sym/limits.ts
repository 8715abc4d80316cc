// Resource limits on the values the engine builds (sequences, strings, symbolic expressions): past them, analysis stops.

/** Most items one list, tuple or string may hold (a model's config lists hold thousands, not millions). */
export const maxSequenceItems = 1 << 22;
/**
 * Most list, tuple and string items one analysis may build with operators, `+=`/`*=` and `extend` (each value alone
 * is within maxSequenceItems, but 1,000 copies of a 4M-item list would ask for 32 GB).
 */
export const maxBuiltItems = 1 << 24;
/** Most layers one native module builds (nn.LSTM's num_layers, nn.TransformerEncoder's): real models have hundreds. */
export const maxNativeLayers = 1 << 16;
/** Most terms, factors per term, and coefficient bits of one symbolic expression. */
export const maxPolyTerms = 4096;
export const maxPolyDegree = 256;
export const maxCoefficient = 1n << 1024n;

/** Thrown when a value would grow past a limit; ends the analysis with a `resource-limit` diagnostic. */
export class ResourceLimit extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}

/** Throws unless a sequence of `n` items (n may be fractional or infinite) fits. */
export function checkSequence(n: number, kind: string): void {
  if (!(n <= maxSequenceItems))
    throw new ResourceLimit(
      `a ${kind} of ${Number.isFinite(n) ? n.toLocaleString('en-US') : 'unbounded'} ${kind === 'string' ? 'characters' : 'items'} (limit ${maxSequenceItems.toLocaleString('en-US')})`,
    );
}

/** Throws once an analysis has built more than maxBuiltItems items in all. */
export function checkBuilt(total: number): void {
  if (total > maxBuiltItems)
    throw new ResourceLimit(
      `lists, tuples and strings of ${total.toLocaleString('en-US')} items in all (limit ${maxBuiltItems.toLocaleString('en-US')} per analysis)`,
    );
}

/** Throws unless a native module of `n` layers (a count from the user's code) fits. */
export function checkLayers(n: number, module: string): void {
  if (!(n <= maxNativeLayers))
    throw new ResourceLimit(
      `an ${module} of ${Number.isFinite(n) ? n.toLocaleString('en-US') : 'unbounded'} layers (limit ${maxNativeLayers.toLocaleString('en-US')})`,
    );
}
