// Options of analyze(), merged into defaults at the facade.

/** Reads a sibling file for imports; returns undefined when it does not exist. Injected so core stays pure. */
export type FileReader = (path: string) => string | undefined;

/** A persistent store of lowered IR by file text (the CLI keeps one on disk; a cold parse is the CLI's largest cost). */
export interface IrStore {
  load(path: string, text: string): unknown | undefined;
  save(path: string, text: string, ir: unknown): void;
}

/** One dim of an input: a size, or the name of a symbolic dim (`B`). */
export type DimSpec = number | string;

export interface InputOption {
  /** The dims, `[1, 3, 224, 224]` or `['B', 3, 224, 224]`; text (`B,3,224,224`) is read by pipeline/shape.ts. */
  readonly shape: string | readonly DimSpec[];
  readonly dtype?: string;
}

/**
 * How FLOPs are counted, each rule stated once: per multiply-accumulate of matmul-class ops (forward MACs, and backward
 * MACs: one forward's worth per operand whose gradient autograd computes), and whether element-wise, norm and softmax
 * FLOPs count. Every host (CLI, settings, package.json) lists these keys.
 * `label` names what it counts in one line (pickers, report headers); `seed` is the old name of `full`.
 */
export const conventionRules = {
  full: {
    perMac: 2,
    elementwise: true,
    unit: 'FLOPs',
    label: 'full FLOPs: 2 per MAC + element-wise, norms, softmax',
    description: 'Full FLOPs: 2 per MAC for matmul-class ops plus element-wise, norm and softmax ops (default).',
  },
  macs: {
    perMac: 1,
    elementwise: false,
    unit: 'MACs',
    label: 'MACs only, as torchvision / fvcore / ptflops / thop quote "FLOPs"',
    description: 'MACs only, as torchvision, fvcore, ptflops and thop quote "FLOPs".',
  },
  matmul2x: {
    perMac: 2,
    elementwise: false,
    unit: 'FLOPs',
    label: '2 × MACs of matmul-class ops only, as torch FlopCounterMode',
    description: "2 x MACs of matmul-class ops only, as torch's FlopCounterMode.",
  },
} as const;
export type Convention = keyof typeof conventionRules;
export const conventions = Object.keys(conventionRules) as readonly Convention[];

/** A convention by name; `seed` (its old name, still in old settings) is `full`. */
export function conventionNamed(name: unknown): Convention | undefined {
  if (name === 'seed') return 'full';
  return typeof name === 'string' && (conventions as readonly string[]).includes(name)
    ? (name as Convention)
    : undefined;
}

export const precisions = ['fp32', 'fp16', 'bf16', 'mixed', 'mixed-bf16'] as const;
export type Precision = (typeof precisions)[number];

export const optimizers = ['sgd', 'momentum', 'adam'] as const;
export type Optimizer = (typeof optimizers)[number];

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
  /**
   * Folders searched for absolute imports after the document's own folder, in order (extra paths, PYTHONPATH, the
   * Python environment's sys.path). Read through `readFile`; the CLI's sandbox allows the same list.
   */
  readonly importRoots?: readonly string[];
  /**
   * How the user gives the Python environment, in the host's words (the CLI's flags, the editor's settings): appended to
   * the message of a module that cannot be found. Without it the message names both hosts' ways.
   */
  readonly importHint?: string;
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
