// Embedding lookups, one_hot, padding and loss functions.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, toDim, toDims } from '../values';
import { bind } from '../signature';
import { term } from '../../cost/terms';
import { dimAdd, type Dim } from '../../sym/dim';
import { int64 } from '../dtypes';
import { Tensor } from '../tensor';
import { Unknown, type Value } from '../../eval/values';

export function embedding(c: TorchCtx, idx: Value, weight: Value): Value {
  const i = asTensor(idx), w = asTensor(weight);
  if (!i || !w?.shape) return new Unknown('embedding');
  if (i.dtype.isFloat) c.error(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)`);
  const out = c.tensor(i.shape ? [...i.shape, w.shape[w.shape.length - 1]] : undefined, w.dtype);
  c.record({ op: 'embedding', known: true, out, rule: 'embedding lookup: 0 FLOPs, a gather (seed)', macs: [], flops: [], bwd: out.shape ? [term(1, ...out.shape)] : [], saved: i.shape ? [term(i.dtype.bytes, ...i.shape)] : [] });
  return out;
}
def('embedding', 'f', (c, args, kw) => { const a = bind('embedding', 'input, weight, *rest', args, kw); return embedding(c, a.input, a.weight); });

def('one_hot', 'f', (_c, args, kw) => {
  const a = bind('one_hot', 'tensor, num_classes=-1', args, kw);
  const t = asTensor(a.tensor);
  const n = toDim(a.num_classes);
  return t?.shape && n !== undefined && n !== -1 ? new Tensor([...t.shape, n], int64) : new Unknown('one_hot');
});

def('pad', 'f', (c, args, kw) => {
  const a = bind('pad', 'input, pad, mode=\'constant\', value=None', args, kw);
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

function loss(name: string, perElem: number, softmax = false) {
  def(name, 'f', (c, args, kw) => {
    const a = bind(name, 'input, target, *rest', args, kw);
    const x = asTensor(a.input);
    if (!x) return new Unknown(name);
    const reduction = kw?.get('reduction');
    const out = c.tensor(reduction === 'none' && x.shape ? (softmax ? x.shape.slice(0, 1) : x.shape) : [], x.dtype);
    if (!x.shape) { c.unknownShape(name); return out; }
    const N: Dim[] = softmax ? x.shape.filter((_, i) => i !== 1) : x.shape;
    const flops = softmax ? [term(5, ...x.shape), term(2, ...N)] : [term(perElem, ...x.shape)];
    c.record({ op: name, known: true, out, rule: softmax ? 'cross-entropy: softmax 5C per row + 2 per sample (seed); fused gradient C per sample (seed)' : `${name}: ${perElem} FLOPs per element (choice)`, macs: [], flops, bwd: softmax ? [term(1, ...x.shape)] : [term(perElem, ...x.shape)], saved: [term(x.dtype.bytes, ...x.shape)] });
    return out;
  });
}
loss('cross_entropy', 0, true);
loss('nll_loss', 1);
loss('mse_loss', 3);
loss('l1_loss', 2);
loss('smooth_l1_loss', 4);
loss('huber_loss', 4);
loss('binary_cross_entropy', 4);
loss('binary_cross_entropy_with_logits', 8);
loss('kl_div', 5);
loss('cosine_similarity', 6);
