// The one list of gap kinds that make a result partial (figures are lower bounds): diagnostic codes and their meaning.
/** Diagnostic codes that mean some code ran (or should have) without being costed or followed. */
export const partialCodes = {
    budget: 'the step budget ran out',
    'evaluation-stopped': 'evaluation stopped on an exception',
    syntax: 'a syntax error dropped code',
    internal: 'an internal error stopped the analysis',
    'loop-unknown': 'a loop bound or iterable is unknown: its body was not costed',
    'branch-unknown': 'a condition is unknown: one branch was taken as if it were false',
    'unresolved-import': 'an import could not be resolved: what it provides is unknown',
    'resource-limit': 'a value grew past the memory limit: evaluation stopped',
};
export function isPartialCode(code) {
    return Object.prototype.hasOwnProperty.call(partialCodes, code);
}
