// torch.histc and torch.bincount: counts of values (MoE routing's tokens per expert); the counts stay unknown.
import { def } from '../registry';
import { asTensor, toDim } from '../values';
import { bind } from '../signature';
import { term } from '../../cost/terms';
import { dtypes, float32, int64, scalarTypeName } from '../dtypes';
import { Tensor } from '../../model/tensor';
import { PyFloat, Unknown, type Value } from '../../eval/values';

const float64 = dtypes.get('float64')!;
const num = (v: Value): number | undefined => (typeof v === 'number' ? v : v instanceof PyFloat ? v.v : undefined);

/** histc(input, bins=100, min=0, max=0): [bins] of the input's dtype; float only on CPU (torch 1.13). */
def('histc', 'tm', (c, args, kw) => {
  const a = bind('histc', 'input, bins=100, min=0, max=0, *, out=None', args, kw);
  const x = asTensor(a.input);
  const bins = toDim(a.bins);
  if (!x || bins === undefined) return new Unknown('histc');
  if (typeof bins === 'number' && bins <= 0)
    return c.error(`torch.histogram(): bins must be > 0, but got ${bins} for dimension 0`);
  const lo = num(a.min),
    hi = num(a.max);
  if (lo !== undefined && hi !== undefined && lo > hi) return c.error('torch.histc: max must be larger than min');
  // CPU kernels (torch 1.13): histogram_cpu has no signed-integer or half kernel; aminmax_cpu (the bounds, read when
  // min == max) none for half. bool and uint8 fail elsewhere, and complex is not modelled: unknown rather than guessed.
  const d = x.dtype.name;
  if (/^int(8|16|32|64)$/.test(d)) return c.error(`"histogram_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  if (d === 'float16')
    return c.error(
      lo === hi ? `"aminmax_cpu" not implemented for 'Half'` : `"histogram_cpu" not implemented for 'Half'`,
    );
  if (!/^(float32|float64|bfloat16)$/.test(d)) return new Unknown('histc');
  const out = new Tensor([bins], x.dtype);
  if (!x.shape) {
    c.unknownShape('histc');
    return out;
  }
  // The counts depend on the input's values: the output's shape is known, its values are not.
  c.record({
    op: 'histc',
    known: true,
    out,
    rule: 'histc: 1 comparison per input element (choice)',
    macs: [],
    flops: [term(1, ...x.shape)],
    bwd: [],
    saved: [],
  });
  return out;
});

/** bincount(input, weights=None, minlength=0): its length is max(input) + 1 (at least minlength), a value. */
def('bincount', 'tm', (c, args, kw) => {
  const a = bind('bincount', 'input, weights=None, minlength=0', args, kw);
  const x = asTensor(a.input);
  if (!x) return new Unknown('bincount');
  const w = asTensor(a.weights);
  // Counts are int64; weighted sums float32 for float32 weights, float64 for any other (torch 1.13).
  const dtype = !w ? int64 : w.dtype === float32 ? float32 : float64;
  if (x.dtype.isFloat || x.dtype.name === 'bool')
    return c.error(`"bincount_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  if (x.shape && x.shape.length !== 1) return c.error('bincount only supports 1-d non-negative integral inputs.');
  const data = x.data;
  if (data?.some((v) => v < 0)) return c.error('bincount only supports 1-d non-negative integral inputs.');
  const minlength = typeof a.minlength === 'number' ? a.minlength : undefined;
  if (!data || minlength === undefined) {
    c.unknownShape('bincount');
    return new Tensor(undefined, dtype);
  }
  const length = Math.max(minlength, data.length ? Math.max(...data) + 1 : 0);
  return new Tensor([length], dtype);
});
