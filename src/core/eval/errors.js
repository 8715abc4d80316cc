/** A Python exception raised by evaluated code (caught by `try`), carrying its class name and message. */
// Not an Error subclass: raised often by evaluated code (hasattr, KeyError probes), and capturing a JS stack each time is costly.
export class PyException {
    type;
    message;
    value;
    /** Frames the exception unwound through, innermost first (filled as it propagates, as Python builds a traceback). */
    frames = [];
    constructor(type, message, value = null) {
        this.type = type;
        this.message = message;
        this.value = value;
    }
    /** `file:line` of the innermost Python statement it escaped from (set once, as it unwinds). */
    where;
}
export { BudgetExceeded, Cancelled } from '../pipeline/errors';
/** `ValueError: message (at file:line)` for diagnostics. */
export function describeException(e) {
    const msg = e.message && e.message !== 'raised' ? `: ${e.message}` : '';
    return `${e.type}${msg}${e.where ? ` (at ${e.where})` : ''}`;
}
