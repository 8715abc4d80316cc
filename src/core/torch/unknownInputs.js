// Unknown is contagious: an op or layer given an operand the engine cannot see is counted as unknown, never silently free.
import { force, PyDict, PyList, PyTuple, Unknown } from '../eval/values';
import { Tensor } from '../model/tensor';
/** True when an argument (or an item of a list/tuple argument) is an Unknown value or a tensor of unknown shape. */
export function hasUnknownOperand(args, kw) {
    const bad = (v, depth) => {
        v = force(v);
        if (v instanceof Unknown)
            return true;
        if (v instanceof Tensor)
            return v.shape === undefined;
        if (depth < 2 && (v instanceof PyList || v instanceof PyTuple))
            return v.items.some((x) => bad(x, depth + 1));
        if (depth < 2 && v instanceof PyDict)
            return [...v.map.values()].some(([, x]) => bad(x, depth + 1));
        return false;
    };
    if (args.some((a) => bad(a, 0)))
        return true;
    if (kw)
        for (const v of kw.values())
            if (bad(v, 0))
                return true;
    return false;
}
/** Runs an op; when an operand was unknown and the op neither costed itself nor produced a known shape, counts it as unknown. */
export function guardUnknown(c, name, args, kw, run) {
    const rec = c.ip.recorder;
    const before = rec.knownOps + rec.unknownOps;
    const out = run();
    if (rec.knownOps + rec.unknownOps !== before)
        return out;
    const shaped = out instanceof Tensor ? out.shape !== undefined : !(out instanceof Unknown);
    if (!shaped && hasUnknownOperand(args, kw))
        c.unknownShape(name);
    return out;
}
