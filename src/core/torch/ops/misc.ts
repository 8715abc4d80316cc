// Embedding lookups, one_hot, padding and loss functions.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, toDim, toDims } from '../values';
import { bind } from '../signature';
import { term } from '../../cost/terms';
import { dimAdd, type Dim } from '../../sym/dim';
import { int64 } from '../dtypes';
import { Tensor } from '../../model/tensor';
import { Unknown, type Value } from '../../eval/values';

/** True when random indices from torch.randint are out of [0, n) with certainty (or a chance of missing it below 1e-9). */
function indexSurelyOutOfRange(idx: Tensor, n: Dim): boolean {
  const v = idx.values,
    count = idx.numel();
  if (!v || typeof n !== 'number' || typeof count !== 'number' || count === 0) return false;
  const inRange = Math.max(0, Math.min(v.high, n) - Math.max(v.low, 0));
  return Math.pow(inRange / (v.high - v.low), count) < 1e-9;
}

export function embedding(c: TorchCtx, idx: Value, weight: Value): Value {
  const i = asTensor(idx),
    w = asTensor(weight);
  if (!i || !w?.shape) return new Unknown('embedding');
  if (i.dtype.isFloat)
    c.error(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)`,
    );
  const out = c.tensor(i.shape ? [...i.shape, w.shape[w.shape.length - 1]] : undefined, w.dtype);
  if (indexSurelyOutOfRange(i, w.shape[0])) return c.error('index out of range in self', out);
  c.record(
    {
      op: 'embedding',
      known: true,
      out,
      rule: 'embedding lookup: 0 FLOPs, a gather (seed)',
      macs: [],
      flops: [],
      bwd: out.shape ? [term(1, ...out.shape)] : [],
      // Backward keeps the indices (an input: counted once per storage).
      saved: [],
      savedTensors: [i],
    },
    [i, w],
  );
  return out;
}
def('embedding', 'f', (c, args, kw) => {
  const a = bind('embedding', 'input, weight, *rest', args, kw);
  return embedding(c, a.input, a.weight);
});

def('one_hot', 'f', (_c, args, kw) => {
  const a = bind('one_hot', 'tensor, num_classes=-1', args, kw);
  const t = asTensor(a.tensor);
  const n = toDim(a.num_classes);
  return t?.shape && n !== undefined && n !== -1 ? new Tensor([...t.shape, n], int64) : new Unknown('one_hot');
});

def('pad', 'f', (c, args, kw) => {
  const a = bind('pad', "input, pad, mode='constant', value=None", args, kw);
  const x = asTensor(a.input);
  const p = toDims(a.pad);
  if (!x?.shape || !p) return new Unknown('pad');
  const s = x.shape.slice();
  for (let i = 0; i < p.length / 2; i++) {
    const d = s.length - 1 - i;
    s[d] = dimAdd(dimAdd(s[d], p[2 * i]), p[2 * i + 1]);
  }
  return c.tensor(s, x.dtype);
});
