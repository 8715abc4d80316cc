// Lists what the engine models: nn layers, torch functions, torch.linalg, F functions, Tensor methods, torch.fft (docs and
// the CLI).
import { ops } from '../torch/registry';
import { linalgOps } from '../torch/ops/linalg';
import { fftOps } from '../torch/ops/fft';
import { Engine } from './engine';
import { defaultOptions } from '../api/options';
import { importModule } from '../eval/imports';
import { Scope } from '../eval/scope';
import { PyClass, PyModule } from '../eval/values';

export interface SupportedOps {
  layers: string[];
  torchFunctions: string[];
  functional: string[];
  tensorMethods: string[];
  linalg: string[];
  /** torch.fft's functions (`fft`, `rfft2`, `fftfreq`, ...). */
  fft: string[];
}

export function supportedOps(): SupportedOps {
  const { ip } = new Engine().session(defaultOptions);
  const scope = new Scope('module', undefined, ip.builtins);
  ip.withFrame('<supported>', 0, () => importModule(ip, 'torch.nn', 'nn', scope));
  const nn = scope.vars.get('nn');
  const layers =
    nn instanceof PyModule
      ? [...nn.attrs].filter(([k, v]) => v instanceof PyClass && /^[A-Z]/.test(k)).map(([k]) => k)
      : [];
  const pick = (f: (d: { torch: boolean; functional: boolean; method: boolean }) => boolean) =>
    [...ops]
      .filter(([n, d]) => f(d) && !n.startsWith('_'))
      .map(([n]) => n)
      .sort();
  return {
    layers: [...new Set(layers)].sort(),
    torchFunctions: pick((d) => d.torch),
    functional: pick((d) => d.functional),
    tensorMethods: pick((d) => d.method),
    linalg: Object.keys(linalgOps).sort(),
    fft: Object.keys(fftOps).sort(),
  };
}
