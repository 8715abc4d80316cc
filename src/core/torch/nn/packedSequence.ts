// torch.nn.utils.rnn: PackedSequence as a named tuple (data, batch_sizes, sorted_indices, unsorted_indices),
// pack_padded_sequence / pack_sequence / pad_packed_sequence / pad_sequence. The packed length is the sum of the
// sequence lengths, known when the lengths are (a list, or a tensor whose values are folded); else it is unknown.
import type { TorchCtx } from '../context';
import { bind } from '../signature';
import { asTensor, toDim } from '../values';
import { dataOf, withData } from '../constData';
import { int64 } from '../dtypes';
import { fresh } from '../strides';
import { dimEq, type Dim } from '../../sym/dim';
import { Tensor } from '../../model/tensor';
import { PyException } from '../../eval/errors';
import { iterate } from '../../eval/protocols';
import { NativeFunction, PyClass, PyModule, PyTuple, Unknown, type Value } from '../../eval/values';

const FIELDS = ['data', 'batch_sizes', 'sorted_indices', 'unsorted_indices'] as const;

export function isPacked(v: Value): v is PyTuple {
  return v instanceof PyTuple && v.names !== undefined && v.names[0] === 'data' && v.names[1] === 'batch_sizes';
}

/** What an RNN needs of a packed input: its data, the number of sequences and the packed length (Σ lengths). */
export function packedInfo(v: PyTuple): { data: Tensor; batch: Dim; total: Dim } | undefined {
  const data = asTensor(v.items[0]);
  const sizes = dataOf(asTensor(v.items[1]));
  if (!data?.shape || !sizes || sizes.data.length === 0) return undefined;
  return { data, batch: sizes.data[0], total: data.shape[0] };
}

function packed(data: Tensor, batchSizes: number[], sorted: Value, unsorted: Value): PyTuple {
  const bs = withData(fresh(new Tensor([batchSizes.length], int64)), batchSizes);
  return new PyTuple([data, bs, sorted, unsorted], FIELDS);
}

function lengthsOf(c: TorchCtx, v: Value): number[] | undefined {
  const t = asTensor(v);
  if (t) {
    if (t.dtype.isFloat) throw new PyException('RuntimeError', "'lengths' argument should be a 1D CPU int64 tensor");
    return dataOf(t)?.data;
  }
  const items = iterate(c.ip, v);
  if (!items) return undefined;
  const out = items.map((x) => (typeof x === 'number' ? x : undefined));
  return out.every((x) => x !== undefined) ? (out as number[]) : undefined;
}

function batchSizesOf(lengths: number[]): number[] {
  const max = Math.max(...lengths);
  return Array.from({ length: max }, (_, t) => lengths.filter((l) => l > t).length);
}

function packPadded(c: TorchCtx, x: Tensor, lengths: number[] | undefined, batchFirst: boolean, sorted: boolean) {
  const feats = x.shape ? x.shape.slice(2) : undefined;
  const perm = sorted ? null : fresh(new Tensor([lengths?.length ?? x.shape?.[batchFirst ? 0 : 1] ?? 0], int64));
  if (!lengths || !feats) {
    c.unknownShape('pack_padded_sequence');
    return new PyTuple([c.tensor(undefined, x.dtype), new Unknown('batch_sizes'), perm, perm], FIELDS);
  }
  if (sorted && lengths.some((l, i) => i > 0 && l > lengths[i - 1]))
    throw new PyException(
      'RuntimeError',
      '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.',
    );
  const order = [...lengths].sort((a, b) => b - a);
  const total = lengths.reduce((a, b) => a + b, 0);
  const data = c.tensor([total, ...feats], x.dtype);
  data.requiresGrad = x.requiresGrad;
  return packed(data, batchSizesOf(order), perm, perm);
}

export function registerPackedSequence(c: TorchCtx, object: PyClass): PyModule {
  const m = new PyModule('torch.nn.utils.rnn');
  const cls = new PyClass('PackedSequence', [object], new Map());
  cls.instanceCheck = (v) => isPacked(v);
  m.attrs.set('PackedSequence', cls);
  const fn = (name: string, impl: (args: Value[], kw: Map<string, Value> | undefined) => Value) =>
    m.attrs.set(name, new NativeFunction(name, impl));
  fn('pack_padded_sequence', (args, kw) => {
    const a = bind('pack_padded_sequence', 'input, lengths, batch_first=False, enforce_sorted=True', args, kw);
    const x = asTensor(a.input);
    if (!x) return new Unknown('pack_padded_sequence');
    return packPadded(c, x, lengthsOf(c, a.lengths), a.batch_first === true, a.enforce_sorted !== false);
  });
  fn('pack_sequence', (args, kw) => {
    const a = bind('pack_sequence', 'sequences, enforce_sorted=True', args, kw);
    const seqs = (iterate(c.ip, a.sequences) ?? []).map((s) => asTensor(s));
    const first = seqs[0];
    const lengths = seqs.map((s) => s?.shape?.[0]);
    if (!first?.shape || lengths.some((l) => typeof l !== 'number')) return new Unknown('pack_sequence');
    const padded = new Tensor([Math.max(...(lengths as number[])), seqs.length, ...first.shape.slice(1)], first.dtype);
    return packPadded(c, padded, lengths as number[], false, a.enforce_sorted !== false);
  });
  fn('pad_packed_sequence', (args, kw) => {
    const a = bind(
      'pad_packed_sequence',
      'sequence, batch_first=False, padding_value=0.0, total_length=None',
      args,
      kw,
    );
    const s = a.sequence;
    const data = isPacked(s) ? asTensor(s.items[0]) : undefined;
    const sizes = isPacked(s) ? dataOf(asTensor(s.items[1])) : undefined;
    if (!isPacked(s) || !data?.shape || !sizes)
      return new PyTuple([c.tensor(undefined, data?.dtype ?? c.defaultFloat), new Unknown('lengths')]);
    const B = sizes.data[0];
    const T = toDim(a.total_length) ?? sizes.data.length;
    const feats = data.shape.slice(1);
    const out = c.tensor(a.batch_first === true ? [B, T, ...feats] : [T, B, ...feats], data.dtype);
    out.requiresGrad = data.requiresGrad;
    // Lengths in sorted order; a packing with a permutation (enforce_sorted=False) gives them in an order not modelled.
    const lengths = Array.from({ length: B }, (_, b) => sizes.data.filter((n) => n > b).length);
    const lens = fresh(new Tensor([B], int64));
    return new PyTuple([fresh(out), s.items[3] === null ? withData(lens, lengths) : lens]);
  });
  fn('pad_sequence', (args, kw) => {
    const a = bind('pad_sequence', 'sequences, batch_first=False, padding_value=0.0', args, kw);
    const seqs = (iterate(c.ip, a.sequences) ?? []).map((s) => asTensor(s));
    const first = seqs[0];
    if (!first?.shape || seqs.some((s) => !s?.shape)) return new Unknown('pad_sequence');
    const lengths = seqs.map((s) => s!.shape![0]);
    const known = lengths.every((l) => typeof l === 'number');
    const T: Dim | undefined = known
      ? Math.max(...(lengths as number[]))
      : lengths.every((l) => dimEq(l, lengths[0]))
        ? lengths[0]
        : undefined;
    if (T === undefined) return new Unknown('pad_sequence');
    const feats = first.shape.slice(1);
    return fresh(
      c.tensor(a.batch_first === true ? [seqs.length, T, ...feats] : [T, seqs.length, ...feats], first.dtype),
    );
  });
  return m;
}
