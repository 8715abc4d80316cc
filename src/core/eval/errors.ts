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
}

/** One traceback frame: a file, an offset in it (the statement running), and the function's name. */
export interface TraceFrame {
  readonly file: string;
  readonly pos: number;
  readonly name: string;
}

export { BudgetExceeded, Cancelled } from '../pipeline/errors';
