// Audio front ends: window functions, torch.stft and torch.istft (torch 1.13 shapes; FFTs cost FLOPs, never MACs).
import { def } from '../registry';
import { asTensor, toDim } from '../values';
import { bind } from '../signature';
import { term } from '../../cost/terms';
import { dimAdd, dimFloorDiv, dimMul, dimSub } from '../../sym/dim';
import { complex64, float32 } from '../dtypes';
import { Dtype } from '../../model/dtype';
import { Tensor } from '../../model/tensor';
import { fresh } from '../strides';
const FFT_RULE = 'FFT of each frame: 5·(n/2)·⌈log₂ n⌉ FLOPs (radix-2 Cooley-Tukey count) + the window product, n per frame; MACs 0 (choice)';
for (const name of ['hann_window', 'hamming_window', 'blackman_window', 'bartlett_window', 'kaiser_window'])
    def(name, 't', (c, [n], kw) => {
        const d = kw?.get('dtype');
        const len = toDim(n ?? kw?.get('window_length'));
        return fresh(new Tensor(len === undefined ? undefined : [len], d instanceof Dtype ? d : c.defaultFloat));
    });
/** FLOPs of one frame's transform and window product, when n is a known size; undefined when it is symbolic. */
function perFrame(n) {
    return typeof n === 'number' && n > 0 ? Math.round(2.5 * n * Math.ceil(Math.log2(n))) + n : undefined;
}
function record(c, op, out, frames, n, extra = []) {
    const f = perFrame(n);
    if (f === undefined) {
        c.ip.recorder.unknownOp(c.ip, `${op} (symbolic n_fft: FFT cost unknown)`);
        return out;
    }
    c.record({
        op,
        rule: FFT_RULE,
        known: true,
        out,
        macs: [],
        flops: [term(f, ...frames), ...extra],
        bwd: [],
        saved: [],
    });
    return out;
}
def('stft', 'tm', (c, args, kw) => {
    const a = bind('stft', "input, n_fft, hop_length=None, win_length=None, window=None, center=True, pad_mode='reflect', normalized=False, onesided=None, return_complex=None", args, kw);
    const x = asTensor(a.input);
    const n = toDim(a.n_fft);
    if (!x?.shape || n === undefined || (x.shape.length !== 1 && x.shape.length !== 2)) {
        c.unknownShape('stft');
        return c.tensor(undefined, a.return_complex === true ? complex64 : (x?.dtype ?? float32));
    }
    const hop = toDim(a.hop_length) ?? dimFloorDiv(n, 4);
    const T = x.shape[x.shape.length - 1];
    const padded = a.center !== false ? dimAdd(T, dimMul(2, dimFloorDiv(n, 2))) : T;
    const frames = dimAdd(dimFloorDiv(dimSub(padded, n), hop), 1);
    const complexIn = x.dtype === complex64 || asTensor(a.window)?.dtype === complex64;
    const onesided = a.onesided === null ? !complexIn : a.onesided !== false;
    const freq = onesided ? dimAdd(dimFloorDiv(n, 2), 1) : n;
    const batch = x.shape.slice(0, -1);
    // torch 1.13: return_complex omitted for a real input warns and returns the real view (..., 2).
    const out = a.return_complex === true || complexIn
        ? c.tensor([...batch, freq, frames], complex64)
        : c.tensor([...batch, freq, frames, 2], x.dtype);
    return record(c, 'stft', fresh(out), [...batch, frames], n);
});
def('istft', 'tm', (c, args, kw) => {
    const a = bind('istft', 'input, n_fft, hop_length=None, win_length=None, window=None, center=True, normalized=False, onesided=None, length=None, return_complex=False', args, kw);
    const x = asTensor(a.input);
    const n = toDim(a.n_fft);
    if (!x?.shape || n === undefined || x.dtype !== complex64 || (x.shape.length !== 2 && x.shape.length !== 3)) {
        c.unknownShape('istft');
        return c.tensor(undefined, float32);
    }
    const hop = toDim(a.hop_length) ?? dimFloorDiv(n, 4);
    const frames = x.shape[x.shape.length - 1];
    const batch = x.shape.slice(0, -2);
    const full = dimAdd(n, dimMul(hop, dimSub(frames, 1)));
    const len = toDim(a.length) ?? (a.center !== false ? dimSub(full, dimMul(2, dimFloorDiv(n, 2))) : full);
    const out = fresh(c.tensor([...batch, len], a.return_complex === true ? complex64 : float32));
    // Inverse FFT and window per frame, then overlap-add (n per frame) and the division by the window envelope.
    return record(c, 'istft', out, [...batch, frames], n, [term(1, ...batch, frames, n), term(1, ...batch, len)]);
});
