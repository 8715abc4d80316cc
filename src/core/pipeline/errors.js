// The two ways an analysis stops early, shared by every front end: the step budget ran out, or the caller cancelled.
/** Thrown when the step budget runs out; the analysis ends with a `budget` note and a partial result. */
export class BudgetExceeded extends Error {
}
/** Thrown when the caller no longer wants the result (isCancelled() turned true). */
export class Cancelled extends Error {
}
