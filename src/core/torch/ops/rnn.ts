// Recurrent layers: LSTM, GRU and RNN over a sequence, and their single-step cells.
import type { TorchCtx } from '../context';
import { term } from '../../cost/terms';
import { dimEq, dimMul, type Dim } from '../../sym/dim';
import { Tensor } from '../../model/tensor';
import { PyTuple, type Value } from '../../eval/values';
import { autocastTensors } from '../autocast';

export type RnnKind = 'LSTM' | 'GRU' | 'RNN';
const gates: Record<RnnKind, number> = { LSTM: 4, GRU: 3, RNN: 1 };
/** Element-wise FLOPs per hidden unit per step besides the gate matmuls (choice: activations at their table rates plus the gate products). */
const gateElementwise: Record<RnnKind, number> = { LSTM: 26, GRU: 18, RNN: 5 };

export interface RnnConfig {
  kind: RnnKind;
  inputSize: Dim;
  hidden: Dim;
  layers: number;
  bias: boolean;
  batchFirst: boolean;
  bidirectional: boolean;
}

/** A PackedSequence input: its data [Σ lengths, I], the number of sequences, and the tuple to rebuild the output. */
export interface PackedInput {
  readonly data: Tensor;
  readonly batch: Dim;
  readonly seq: PyTuple;
}

export function rnnForward(c: TorchCtx, cfg: RnnConfig, input: Tensor | PackedInput): Value {
  const D = cfg.bidirectional ? 2 : 1;
  const pk = input instanceof Tensor ? undefined : input;
  // Under CUDA autocast cuDNN's RNN runs in half (its weights cast into one half buffer: not counted here).
  const [x] = autocastTensors(c, 'lower', [pk ? pk.data : (input as Tensor)]);
  if (!x.shape || (pk ? x.shape.length !== 2 : x.shape.length !== 3 && x.shape.length !== 2)) {
    c.unknownShape(cfg.kind.toLowerCase());
    return new PyTuple([c.tensor(undefined, x.dtype), null]);
  }
  const batched = pk !== undefined || x.shape.length === 3;
  // Packed: each of the Σ lengths rows is one step of one sequence (L·N becomes Σ lengths, written as L = Σ, N = 1).
  const [L, N] = pk
    ? [x.shape[0], 1]
    : !batched
      ? [x.shape[0], 1]
      : cfg.batchFirst
        ? [x.shape[1], x.shape[0]]
        : [x.shape[0], x.shape[1]];
  const I = x.shape[x.shape.length - 1];
  if (!dimEq(I, cfg.inputSize) && typeof I === 'number' && typeof cfg.inputSize === 'number') {
    c.error(`input.size(-1) must be equal to input_size. Expected ${cfg.inputSize}, got ${I}`);
  }
  const g = gates[cfg.kind];
  const H = cfg.hidden;
  const macs = [];
  const flops = [];
  for (let l = 0; l < cfg.layers; l++) {
    const inL = l === 0 ? I : dimMul(D, H);
    macs.push(term(g * D, L, N, H, inL), term(g * D, L, N, H, H));
    if (cfg.bias) flops.push(term(2 * g * D, L, N, H));
    flops.push(term(gateElementwise[cfg.kind] * D, L, N, H));
  }
  const outShape = pk || !batched ? [L, dimMul(D, H)] : cfg.batchFirst ? [N, L, dimMul(D, H)] : [L, N, dimMul(D, H)];
  const out = c.tensor(outShape, x.dtype);
  c.record({
    op: cfg.kind.toLowerCase(),
    known: true,
    out,
    rule: `${cfg.kind}: MACs = ${g}H(I+H) per step per direction per layer (seed); gate element-wise ${gateElementwise[cfg.kind]}H per step (choice)`,
    macs,
    flops,
    bwd: [term(gateElementwise[cfg.kind] * D * cfg.layers, L, N, H)],
    saved: [term(x.dtype.bytes * (g + 2) * D * cfg.layers, L, N, H)],
  });
  const hShape = batched ? [D * cfg.layers, pk ? pk.batch : N, H] : [D * cfg.layers, H];
  const h = c.tensor(hShape, x.dtype);
  const output = pk ? new PyTuple([out, ...pk.seq.items.slice(1)], pk.seq.names) : out;
  return new PyTuple([output, cfg.kind === 'LSTM' ? new PyTuple([h, c.tensor(hShape, x.dtype)]) : h]);
}

export function cellForward(
  c: TorchCtx,
  kind: RnnKind,
  inputSize: Dim,
  hidden: Dim,
  bias: boolean,
  input: Tensor,
): Value {
  // lstm_cell, gru_cell, rnn_*_cell are on autocast's lower-precision list.
  const [x] = autocastTensors(c, 'lower', [input]);
  if (!x.shape) {
    c.unknownShape(kind.toLowerCase() + '_cell');
    return c.tensor(undefined, x.dtype);
  }
  const lead = x.shape.slice(0, -1);
  const g = gates[kind];
  const h = c.tensor([...lead, hidden], x.dtype);
  c.record({
    op: kind.toLowerCase() + '_cell',
    known: true,
    out: h,
    rule: `${kind}Cell: MACs = ${g}H(I+H) per step (seed); gate element-wise ${gateElementwise[kind]}H (choice)`,
    macs: [term(g, ...lead, hidden, inputSize), term(g, ...lead, hidden, hidden)],
    flops: [...(bias ? [term(2 * g, ...lead, hidden)] : []), term(gateElementwise[kind], ...lead, hidden)],
    bwd: [term(gateElementwise[kind], ...lead, hidden)],
    saved: [term(x.dtype.bytes * (g + 2), ...lead, hidden)],
  });
  return kind === 'LSTM' ? new PyTuple([h, c.tensor(h.shape, x.dtype)]) : h;
}
