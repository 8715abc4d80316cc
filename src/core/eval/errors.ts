// Control-flow signals of the interpreter: Python exceptions, and the pipeline's early stops (budget, cancellation).
import type { Value } from './values';

/** A Python exception raised by evaluated code (caught by `try`), carrying its class name and message. */
// Not an Error subclass: raised often by evaluated code (hasattr, KeyError probes), and capturing a JS stack each time is costly.
export class PyException {
  /** Frames the exception unwound through, innermost first (filled as it propagates, as Python builds a traceback). */
  readonly frames: TraceFrame[] = [];
  constructor(
    readonly type: string,
    readonly message: string,
    readonly value: Value = null,
  ) {}
  /** `file:line` of the innermost Python statement it escaped from (set once, as it unwinds). */
  where?: string;
}

/** One traceback frame: a file, an offset in it (the statement running), and the function's name. */
export interface TraceFrame {
  readonly file: string;
  readonly pos: number;
  readonly name: string;
}

export { BudgetExceeded, Cancelled } from '../pipeline/errors';

/** `ValueError: message (at file:line)` for diagnostics. */
export function describeException(e: PyException): string {
  const msg = e.message && e.message !== 'raised' ? `: ${e.message}` : '';
  return `${e.type}${msg}${e.where ? ` (at ${e.where})` : ''}`;
}
