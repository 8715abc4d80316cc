// The Python IR the evaluator walks: plain objects with character offsets, independent of the parser.
/** Bumped whenever the IR's shape changes (persisted IR caches key on it). */
export const IR_VERSION = 3;
