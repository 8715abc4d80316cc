// Recurrent layers: LSTM, GRU, SimpleRNN over [B, T, I]; MACs = gates·H(I+H) per step (seed).
import { term } from '../../cost/terms';
/** Element-wise FLOPs per unit per step besides the gate matmuls (choice; same table as the PyTorch engine). */
const gateElementwise = { LSTM: 26, GRU: 18, SimpleRNN: 5 };
const gates = { LSTM: 4, GRU: 3, SimpleRNN: 1 };
function rnn(className) {
    const g = gates[className], ew = gateElementwise[className];
    return {
        className,
        ndim: 3,
        fixedLastAxis: true,
        compute(cfg, [x], bytes) {
            const H = cfg.count('units');
            const bias = cfg.bool('useBias', true);
            const seq = cfg.bool('returnSequences', false);
            const [B, T, I] = x;
            const out = seq ? [B, T, H] : [B, H];
            return {
                shape: out,
                weights: [[I, g * H], [H, g * H], ...(bias ? [[g * H]] : [])],
                cost: {
                    macs: [term(g, B, T, H, I), term(g, B, T, H, H)],
                    flops: [...(bias ? [term(g, B, T, H)] : []), term(ew, B, T, H)],
                    bwd: [term(ew, B, T, H)],
                    saved: [term(bytes * (g + 2), B, T, H)],
                    rule: `${className}: MACs = ${g}H(I+H) per step (seed); gate element-wise ${ew}H per step (choice)`,
                },
            };
        },
    };
}
export const lstm = rnn('LSTM');
export const gru = rnn('GRU');
export const simpleRNN = rnn('SimpleRNN');
