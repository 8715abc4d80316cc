import { callValue } from './evaluator';
import { truthy } from './protocols';
import { PyInstance, Unknown, force } from './values';
/**
 * Enters a context: a torch context the torch layer models (no_grad, autocast...), else an object whose class has
 * __enter__ and __exit__ (Python calls `__enter__()` and binds its result). Anything else binds itself and leaves
 * nothing to undo, as before (an unknown context manager's body still runs).
 */
export function enterContext(ip, ctx) {
    ctx = force(ctx);
    const undo = ip.torch.enter?.(ctx);
    if (undo)
        return { value: ctx, runsPython: false, exit: () => (undo(), false) };
    if (ctx instanceof PyInstance) {
        const enter = ctx.cls.lookup('__enter__');
        const exit = ctx.cls.lookup('__exit__');
        if (enter !== undefined && exit !== undefined) {
            const value = callValue(ip, enter, [ctx], undefined, ip.site);
            return {
                value,
                runsPython: true,
                exit: (err) => {
                    const info = err ? [new Unknown(err.type), new Unknown(err.type), null] : [null, null, null];
                    const r = callValue(ip, exit, [ctx, ...info], undefined, ip.site);
                    return err !== undefined && truthy(ip, r) === true;
                },
            };
        }
    }
    return { value: ctx, runsPython: false, exit: () => false };
}
