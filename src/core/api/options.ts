// Options of analyze(), merged into defaults at the facade.

/** Reads a sibling file for imports; returns undefined when it does not exist. Injected so core stays pure. */
export type FileReader = (path: string) => string | undefined;

/** A persistent store of lowered IR by file text (the CLI keeps one on disk; a cold parse is the CLI's largest cost). */
export interface IrStore {
  load(path: string, text: string): unknown | undefined;
  save(path: string, text: string, ir: unknown): void;
}

export interface InputOption {
  /** Comma-separated dims: `1,3,224,224` or `B,3,224,224`. */
  readonly shape: string;
  readonly dtype?: string;
}

/** How FLOPs are counted: `full` (2 per MAC + element-wise, the default), `macs`, `matmul2x` (FlopCounterMode). */
export type Convention = 'full' | 'macs' | 'matmul2x';

/** The conventions, each with what it counts in one line (pickers, CLI help, reports). */
export const conventionLabels: Readonly<Record<Convention, string>> = {
  full: 'full FLOPs: 2 per MAC + element-wise, norms, softmax',
  macs: 'MACs only, as torchvision / fvcore / ptflops / thop quote "FLOPs"',
  matmul2x: '2 × MACs of matmul-class ops only, as torch FlopCounterMode',
};

/** A convention by name; `seed` (its old name) is `full`. */
export function conventionNamed(name: unknown): Convention | undefined {
  if (name === 'seed') return 'full';
  return name === 'full' || name === 'macs' || name === 'matmul2x' ? name : undefined;
}
export type Precision = 'fp32' | 'fp16' | 'bf16' | 'mixed';
export type Optimizer = 'sgd' | 'momentum' | 'adam';

export interface AnalyzeOptions {
  /** Path of the document (used to resolve relative imports through `readFile`). */
  readonly path: string;
  /** An expression to call, e.g. `resnet50()` or `Net(10)`; the model is called on `inputs`. */
  readonly entry?: string;
  readonly inputs: readonly InputOption[];
  /** Values for symbolic dims; unspecified symbols evaluate to 1. */
  readonly dims: Readonly<Record<string, number>>;
  readonly convention: Convention;
  readonly precision: Precision;
  readonly optimizer: Optimizer;
  readonly readFile?: FileReader;
  /** Optional persistent IR cache for files that are not being edited. */
  readonly irStore?: IrStore;
  /** Interpreter step budget. */
  readonly maxSteps: number;
  /** Returns true when the caller no longer wants the result. */
  readonly isCancelled?: () => boolean;
}

export const defaultOptions: AnalyzeOptions = {
  path: 'untitled.py',
  inputs: [],
  dims: {},
  convention: 'full',
  precision: 'fp32',
  optimizer: 'adam',
  maxSteps: 2_000_000,
};
