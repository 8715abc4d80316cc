// The first tensor of a value (a tensor, or the first found in a tuple, list or dict, depth first), as PyTorch hooks see outputs.
import { PyList, PyTuple } from '../eval/values';
import { Tensor } from '../model/tensor';
import { dictStorage } from '../eval/dictSubclass';
export function firstTensor(v, depth = 0) {
    if (v instanceof Tensor)
        return v;
    if (depth > 4)
        return undefined;
    if (v instanceof PyTuple || v instanceof PyList)
        for (const x of v.items) {
            const t = firstTensor(x, depth + 1);
            if (t)
                return t;
        }
    // A dict, or a dict subclass (HF's ModelOutput: logits / last_hidden_state first, None fields left out).
    const d = dictStorage(v ?? null);
    if (d)
        for (const [, x] of d.map.values()) {
            const t = firstTensor(x, depth + 1);
            if (t)
                return t;
        }
    return undefined;
}
