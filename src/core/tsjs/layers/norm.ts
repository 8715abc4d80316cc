// Normalization over the last axis: batchNormalization (gamma, beta, moving mean/variance) and layerNormalization.
import { term } from '../../cost/terms';
import { rates, type Rate } from '../../cost/rates';
import type { Dim } from '../../sym/dim';
import { TfError } from '../context';
import type { Cfg } from '../config';
import type { LayerOutput, LayerSpec } from '../layer';

function axisDim(cfg: Cfg, x: Dim[]): Dim {
  const axis = cfg.num('axis', -1);
  const a = axis < 0 ? x.length + axis : axis;
  if (a < 0 || a >= x.length) throw new TfError(`Invalid axis: ${axis}`);
  return x[a];
}

/** A normalization layer's output: its input's shape, `n` weight vectors of `C`, element-wise cost at its rate. */
function normOutput(name: string, r: Rate, x: Dim[], C: Dim, n: number, bytes: number): LayerOutput {
  return {
    shape: x,
    weights: Array.from({ length: n }, () => [C]),
    cost: {
      macs: [],
      flops: [term(r.fwd, ...x)],
      bwd: [term(r.bwd, ...x)],
      saved: [term(bytes, ...x)],
      rule: `${name}: ${r.rule}`,
    },
  };
}

export const batchNormalization: LayerSpec = {
  className: 'BatchNormalization',
  compute(cfg, [x], bytes) {
    const C = axisDim(cfg, x);
    const n = 2 + (cfg.bool('center', true) ? 1 : 0) + (cfg.bool('scale', true) ? 1 : 0);
    return normOutput('BatchNormalization', rates.batch_norm, x, C, n, bytes);
  },
};

export const layerNormalization: LayerSpec = {
  className: 'LayerNormalization',
  compute(cfg, [x], bytes) {
    const C = axisDim(cfg, x);
    const n = (cfg.bool('center', true) ? 1 : 0) + (cfg.bool('scale', true) ? 1 : 0);
    return normOutput('LayerNormalization', rates.layer_norm, x, C, n, bytes);
  },
};
