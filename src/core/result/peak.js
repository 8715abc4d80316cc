import { tensorBytes } from '../cost/recorder';
/**
 * Walks the recorded ops backward from the loss: each op's backward allocates its parameters' gradients (kept to the
 * end), holds the gradient of its output and of its input while it runs, and then frees the extras it saved and the
 * storages it was the first to save. Returns the largest point (the start of backward, or later when gradients grow
 * faster than activations are freed). Buffers are counted with the weights, never here.
 */
export function backwardPeak(rec, value) {
    rec.finishSaved();
    let live = 0n;
    for (const st of rec.savedStorages)
        if (st.base.role !== 'buffer')
            live += value(tensorBytes(st.base));
    for (const s of rec.gradSteps)
        live += value(s.extra);
    const seen = new Set();
    let grads = 0n;
    let best = { activationBytes: live, gradientBytes: 0n };
    for (let i = rec.gradSteps.length - 1; i >= 0; i--) {
        const s = rec.gradSteps[i];
        for (const p of s.params)
            if (!seen.has(p)) {
                seen.add(p);
                grads += value(tensorBytes(p));
            }
        const held = live + 2n * value(s.out);
        if (held + grads > best.activationBytes + best.gradientBytes)
            best = { activationBytes: held, gradientBytes: grads };
        live -= value(s.extra);
        for (const st of s.frees)
            if (st.base.role !== 'buffer')
                live -= value(tensorBytes(st.base));
    }
    return best;
}
