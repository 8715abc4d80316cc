// What every op implementation gets: the interpreter, cost recording, shape-error reporting, tensor construction.
import type { Dtype } from '../model/dtype';
import type { Interp } from '../eval/interpreter';
import type { OpEvent } from '../cost/recorder';
import type { Term } from '../cost/terms';
import { Unknown, type Value } from '../eval/values';
import { Tensor } from '../model/tensor';
import type { Dim } from '../sym/dim';
import { rates, type Rate } from '../cost/rates';
import { term } from '../cost/terms';

export class TorchCtx {
  constructor(
    readonly ip: Interp,
    public defaultFloat: Dtype,
    readonly activationDtype: (d: Dtype) => Dtype,
  ) {}

  tensor(shape: Dim[] | undefined, dtype: Dtype): Tensor {
    return new Tensor(shape, this.activationDtype(dtype));
  }

  record(ev: OpEvent): void {
    this.ip.recorder.record(this.ip, ev);
  }

  /** Records an op whose cost follows a per-element rate from the rate table. */
  elementwise(op: string, out: Tensor, input?: Tensor, rateName = op): Tensor {
    const r: Rate = rates[rateName] ?? rates.default;
    const n = out.shape ? out.shape : undefined;
    if (!n) {
      this.unknownShape(op);
      return out;
    }
    const inShape = input?.shape ?? n;
    const savedShape = r.saved === 'input' ? inShape : n;
    const saved: Term[] =
      r.saved === 'none'
        ? []
        : [
            term(
              r.saved === 'mask' ? 1 : r.saved === 'input' ? (input?.dtype.bytes ?? out.dtype.bytes) : out.dtype.bytes,
              ...savedShape,
            ),
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
  error(message: string, fallback: Value = new Unknown('shape error')): Value {
    this.ip.report('error', 'shape-mismatch', message);
    return fallback;
  }

  /** A runtime warning PyTorch prints (e.g. a loss broadcasting its target), reported at the user's line. */
  warn(message: string): void {
    this.ip.report('warning', 'torch-warning', message);
  }

  unknownShape(op: string): void {
    this.ip.recorder.unknownOp(this.ip, `${op} (unknown shape)`);
  }
}
