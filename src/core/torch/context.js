import { Unknown } from '../eval/values';
import { Tensor } from './tensor';
import { rates } from '../cost/rates';
import { term } from '../cost/terms';
export class TorchCtx {
    ip;
    defaultFloat;
    activationDtype;
    constructor(ip, defaultFloat, activationDtype) {
        this.ip = ip;
        this.defaultFloat = defaultFloat;
        this.activationDtype = activationDtype;
    }
    tensor(shape, dtype) {
        return new Tensor(shape, this.activationDtype(dtype));
    }
    record(ev) {
        this.ip.recorder.record(this.ip, ev);
    }
    /** Records an op whose cost follows a per-element rate from the rate table. */
    elementwise(op, out, input, rateName = op) {
        const r = rates[rateName] ?? rates.default;
        const n = out.shape ? out.shape : undefined;
        if (!n) {
            this.unknownShape(op);
            return out;
        }
        const inShape = input?.shape ?? n;
        const savedShape = r.saved === 'input' ? inShape : n;
        const saved = r.saved === 'none'
            ? []
            : [
                term(r.saved === 'mask' ? 1 : r.saved === 'input' ? (input?.dtype.bytes ?? out.dtype.bytes) : out.dtype.bytes, ...savedShape),
            ];
        this.record({
            op,
            rule: r.rule,
            known: true,
            out,
            macs: [],
            flops: r.fwd ? [term(r.fwd, ...n)] : [],
            bwd: r.bwd ? [term(r.bwd, ...n)] : [],
            saved,
        });
        return out;
    }
    /** A shape error: reported at the user's line with PyTorch's wording; evaluation continues with `fallback`. */
    error(message, fallback = new Unknown('shape error')) {
        this.ip.report('error', 'shape-mismatch', message);
        return fallback;
    }
    /** A runtime warning PyTorch prints (e.g. a loss broadcasting its target), reported at the user's line. */
    warn(message) {
        this.ip.report('warning', 'torch-warning', message);
    }
    unknownShape(op) {
        this.ip.recorder.unknownOp(this.ip, `${op} (unknown shape)`);
    }
}
