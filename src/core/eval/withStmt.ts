// The context-manager protocol of `with` and contextlib.ExitStack: torch's own contexts, else __enter__/__exit__.
import type { Interp } from './interpreter';
import { callValue } from './evaluator';
import { truthy } from './protocols';
import { PyException } from './errors';
import { PyInstance, Unknown, force, type Value } from './values';

/** An entered context: the value `as` binds, and what leaves it (told of an exception passing through, if any). */
export interface Entered {
  readonly value: Value;
  /** True when leaving runs Python code (__exit__): skipped when the budget or a cancellation stops the analysis. */
  readonly runsPython: boolean;
  /** Leaves the context; true when it suppresses the exception given. */
  exit(err?: PyException): boolean;
}

/**
 * Enters a context: a torch context the torch layer models (no_grad, autocast...), else an object whose class has
 * __enter__ and __exit__ (Python calls `__enter__()` and binds its result). Anything else binds itself and leaves
 * nothing to undo, as before (an unknown context manager's body still runs).
 */
export function enterContext(ip: Interp, ctx: Value): Entered {
  ctx = force(ctx);
  const undo = ip.torch.enter?.(ctx);
  if (undo) return { value: ctx, runsPython: false, exit: () => (undo(), false) };
  if (ctx instanceof PyInstance) {
    const enter = ctx.cls.lookup('__enter__');
    const exit = ctx.cls.lookup('__exit__');
    if (enter !== undefined && exit !== undefined) {
      const value = callValue(ip, enter, [ctx], undefined, ip.site);
      return {
        value,
        runsPython: true,
        exit: (err) => {
          const info: Value[] = err ? [new Unknown(err.type), new Unknown(err.type), null] : [null, null, null];
          const r = callValue(ip, exit, [ctx, ...info], undefined, ip.site);
          return err !== undefined && truthy(ip, r) === true;
        },
      };
    }
  }
  return { value: ctx, runsPython: false, exit: () => false };
}

/**
 * Leaves entered contexts in reverse, telling each of the exception passing through; a context that suppresses it
 * clears it. A budget stop or cancellation (not a Python exception) runs no more Python: only torch state is undone.
 * Throws what is left, else returns `sig`.
 */
export function leaveContexts<S>(entered: readonly Entered[], err: unknown, sig: S): S {
  for (let i = entered.length - 1; i >= 0; i--) {
    const pyErr = err instanceof PyException ? err : undefined;
    if (err !== undefined && !pyErr) {
      if (!entered[i].runsPython) entered[i].exit();
    } else if (entered[i].exit(pyErr)) err = undefined;
  }
  if (err !== undefined) throw err;
  return sig;
}
