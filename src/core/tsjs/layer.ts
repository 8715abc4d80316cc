// A TF.js layer value: its class spec, config, creation line, TF.js-style name, and weights once built.
import type { NameCounter } from './names';
import type { Dim } from '../sym/dim';
import type { Term } from '../cost/terms';
import { CostSums } from '../cost/recorder';
import type { Cfg } from './config';
import type { LayerRef } from './values';

export interface LayerCost {
  readonly macs: Term[];
  readonly flops: Term[];
  readonly bwd: Term[];
  readonly saved: Term[];
  readonly rule: string;
}

export interface LayerOutput {
  readonly shape: Dim[];
  /** Weight shapes, created on the first build (countParams sums their sizes). */
  readonly weights: Dim[][];
  readonly cost: LayerCost;
}

export interface LayerSpec {
  /** TF.js class name, e.g. `Dense`, `Conv2D`. */
  readonly className: string;
  /** Input rank required (`ndim`) or minimum rank (`minNdim`), as TF.js InputSpec. */
  readonly ndim?: number;
  readonly minNdim?: number;
  /** Merge layers take a list of inputs. */
  readonly multi?: boolean;
  /** After the first build, input axis -1 must keep its size (Dense, Conv, RNN, norms). */
  readonly fixedLastAxis?: boolean;
  /** A layer TF.js has but flopscope does not model: its outputs are unknown and it counts as an unknown op. */
  readonly unsupported?: boolean;
  /** Output shape, weights and cost for input shape(s); throws TfError on a shape problem. */
  compute(cfg: Cfg, inputs: Dim[][], bytes: number, name: string): LayerOutput;
}

export function toSnakeCase(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

export class Layer implements LayerRef {
  readonly kind = 'layer' as const;
  readonly name: string;
  weights?: Dim[][];
  builtLastAxis?: Dim;
  applications = 0;
  /** The layer was given an input shape the evaluator could not determine. */
  inputShapeUnknown = false;
  /** Self costs of all applications, for the module tree. */
  readonly cost = new CostSums();

  constructor(
    names: NameCounter,
    readonly spec: LayerSpec,
    readonly cfg: Cfg,
    readonly line: number,
    readonly batchInputShape?: (number | null)[],
    readonly dtype = 'float32',
  ) {
    const given = cfg.optStrSafe('name');
    if (given) this.name = given;
    else {
      const prefix = `${toSnakeCase(spec.className)}_${spec.className}`;
      this.name = `${prefix}${names.next(prefix)}`;
    }
  }
}
