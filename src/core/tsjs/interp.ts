// The evaluator's shared state and control-flow signals; expression, statement and call logic live in their own files.
import type { EvalCtx } from './context';
import type { SourceSpan } from '../api/result';
import type { Model } from './model';
import { Scope } from './scope';
import type { JsObject, JsValue } from './values';
import type { FileReader } from '../api/options';
import type { TsJsEvaluator } from './evaluator';

export class ReturnSignal {
  constructor(readonly value: JsValue) {}
}
export class BreakSignal {
  constructor(readonly label?: string) {}
}
export class ContinueSignal {
  constructor(readonly label?: string) {}
}
/** A JS `throw` in the analyzed code: evaluation of the enclosing top-level statement stops. */
export class JsThrow extends Error {
  constructor(readonly span: SourceSpan) {
    super('throw');
  }
}

export class Interp {
  /** Models created, in order. */
  readonly models: Model[] = [];
  /** Depth of closure calls (to stop runaway recursion). */
  depth = 0;
  /** Relative modules run so far, by path (their `module` objects). */
  readonly modules = new Map<string, JsObject>();
  moduleDepth = 0;
  constructor(
    readonly ctx: EvalCtx,
    readonly globals: Scope,
    /** The evaluator's entry points (see evaluator.ts), given by the facade. */
    readonly evaluator: TsJsEvaluator,
    readonly readFile?: FileReader,
  ) {}
}
