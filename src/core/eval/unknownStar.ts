// A call whose `*args` (or `**kwargs`) is unknown: a native callee gives an unknown value instead of a guess.
import type { Interp } from './interpreter';
import { force, BoundMethod, NativeFunction, PyClass, Unknown, type Value } from './values';

/**
 * A native called with a `*args` of unknown length (`x.new_empty(*unknown.shape[:-1], 192)`, `torch.zeros(*s, 7)`):
 * its arguments are not known, so neither is its result (passing the known ones only made a tensor of the wrong rank,
 * and a false shape error downstream). A non-builtin native (torch op, tensor method) is counted as an unknown op.
 * Undefined where the callee is not native (Python functions get the known arguments, as before).
 */
export function unknownStarCall(ip: Interp, fn: Value): Value | undefined {
  const f = force(fn);
  // A native class (dict, OrderedDict, a torch class) builds through its native __new__: the same holds.
  const ownNew = f instanceof PyClass ? f.dict.get('__new__') : undefined;
  const native =
    f instanceof NativeFunction
      ? f
      : f instanceof BoundMethod && f.fn instanceof NativeFunction
        ? f.fn
        : ownNew instanceof NativeFunction
          ? ownNew
          : undefined;
  if (!native || native.passThrough) return undefined;
  const builtin = [...ip.builtins.values()].some((b) => b === native || (b instanceof PyClass && b === f));
  if (!builtin) ip.recorder.unknownOp(ip, `${native.name} (unknown *args)`);
  return new Unknown(`${native.name} called with an unknown *args`);
}
