// The one plain-data result of an analysis, shared by every view (hover, annotations, sidebar, reports, CLI).

/** A half-open character range in the analyzed document, plus its 1-based first line. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
}

export type Severity = 'error' | 'warning' | 'information';

/** A place elsewhere that explains a diagnostic (a frame of a traceback): absolute file path and 1-based line. */
export interface RelatedInfo {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Every diagnostic code the engine reports: the partial kinds of `api/partial.ts` and the rest. */
export type DiagnosticCode =
  | 'annotation'
  | 'bad-entry'
  | 'bad-input'
  | 'batch-differs'
  | 'branch-unknown'
  | 'budget'
  | 'config'
  | 'entry'
  | 'evaluation-stopped'
  | 'graph-disconnected'
  | 'internal'
  | 'loop-unknown'
  | 'missing-input-shape'
  | 'no-inputs'
  | 'resource-limit'
  | 'shape-mismatch'
  | 'syntax'
  | 'torch-warning'
  | 'unknown-attribute'
  | 'unknown-base'
  | 'unknown-name'
  | 'unknown-op'
  | 'unknown-shape'
  | 'unresolved-import';

export interface Diagnostic {
  readonly span: SourceSpan;
  readonly severity: Severity;
  readonly message: string;
  /** Stable machine-readable code, e.g. `shape-mismatch`, `unknown-op`, `budget`. */
  readonly code: DiagnosticCode;
  /** The frames of a traceback (outermost first), or other places that explain the diagnostic. */
  readonly related?: readonly RelatedInfo[];
}

/** Exact counts are bigints; symbolic forms are display strings (`2·B·T·C·3C`). */
export interface CostCounts {
  readonly macs: bigint;
  readonly flops: bigint;
  readonly backwardFlops: bigint;
  /** Multiply-accumulates of the backward pass: each matmul-class op's MACs once per operand that requires grad. */
  readonly backwardMacs: bigint;
}

/** One op executed on a line (merged over calls with the same name and shape). */
export interface OpRecord {
  readonly op: string;
  readonly shape: string;
  readonly dtype: string;
  readonly macs: bigint;
  readonly flops: bigint;
  readonly backwardFlops: bigint;
  readonly outputBytes: bigint;
  readonly savedBytes: bigint;
  readonly calls: number;
  /** Evaluated formula of one call, e.g. `2·32·784·256 + 32·256`. */
  readonly formula: string;
  /** Symbolic formula of one call when the shapes hold symbols, e.g. `2·B·784·256`. */
  readonly symbolicFormula?: string;
  /** The cost rule applied, e.g. `Linear: 2·L·in·out + L·out (bias)`. */
  readonly rule: string;
  readonly known: boolean;
  /** The library file and 1-based line that ran the op, when the line calls into a library (or a sibling file). */
  readonly source?: { readonly file: string; readonly line: number };
}

/** Everything charged to one source line. */
/** A tensor's shape as data: integers, and display strings for symbolic dims (`[1, 1000]`, `["B", 1000]`). */
export type ShapeDims = readonly (number | string)[];

/** A shape or, for a tuple value, the shapes of its items (nested); null where the rank is unknown. */
export type ShapeData = ShapeDims | readonly (ShapeData | null)[];

export interface LineCost extends CostCounts {
  readonly line: number;
  /** Output shapes of the ops run on this line, in PyTorch list style (`[B, 256]`). */
  readonly shapes: readonly string[];
  /** The same shapes as data, index for index (null where a rank is unknown). */
  readonly shapeDims?: readonly (ShapeData | null)[];
  /** Shape of the value the statement binds or returns: `[32, 256]`, or `([8, 50, 512], [4, 8, 256])` for tuples. */
  readonly value?: string;
  /** Dtype of the first tensor in the value the statement binds (`complex64`), as the line oracle reads it. */
  readonly valueDtype?: string;
  /** Parameters of the module the statement binds (distinct; e.g. `self.features = nn.Sequential(...)`). */
  readonly valueParams?: bigint;
  /** 1-based last line of a statement that spans several lines. */
  readonly endLine?: number;
  readonly dtypes: readonly string[];
  /** Self cost is in the CostCounts fields; inclusive adds everything called from this line. */
  readonly inclusive: CostCounts;
  readonly params: bigint;
  readonly paramBytes: bigint;
  readonly activationBytes: bigint;
  readonly inclusiveActivationBytes: bigint;
  readonly calls: number;
  readonly formula: string;
  readonly ops: readonly OpRecord[];
}

export interface ModuleNode {
  readonly name: string;
  readonly type: string;
  /** 1-based line where the module was constructed (in this document), if known. */
  readonly line?: number;
  readonly params: bigint;
  readonly inclusive: CostCounts;
  readonly calls: number;
  readonly children: readonly ModuleNode[];
}

/** One row of the layer table (torchinfo's summary): a module, in call order, with what its calls produced and cost. */
export interface LayerRow {
  /** Its name in named_modules() of the model: `layer1.0.conv2`; '' for the model itself. */
  readonly path: string;
  readonly type: string;
  /** 0 for the model, 1 for its children, and so on. */
  readonly depth: number;
  /** 1-based line that built the module (in this document), if known. */
  readonly line?: number;
  /** 1-based line (in this document) of the module's first call, if known. */
  readonly callLine?: number;
  readonly calls: number;
  /** Distinct output shapes (the first tensor of each call's output), in order of appearance; at most 8. */
  readonly outputShapes: readonly string[];
  /** The same shapes as data, index for index. */
  readonly outputDims: readonly (ShapeDims | null)[];
  /** How many distinct output shapes its calls produced (may exceed outputShapes.length). */
  readonly shapeCount: number;
  /** Bytes of the first output tensor of each call, summed over calls (torchinfo's per-layer output size). */
  readonly outputBytes: bigint;
  /** Distinct parameters under it, recursively (a tied weight once). */
  readonly params: bigint;
  /** Parameters it holds itself, each counted at its first path only: the rows' ownParams sum to the total. */
  readonly ownParams: bigint;
  /** `transformer.wte.weight` when a parameter it holds was first seen under that name (a tied weight). */
  readonly tiedWith?: string;
  /** Everything its calls ran, summed over calls (a container never called itself: the sum of its children). */
  readonly inclusive: CostCounts;
  /** params / total params and inclusive FLOPs / total FLOPs, as fractions (0 when the total is 0). */
  readonly paramShare: number;
  readonly flopShare: number;
}

/** An expression that builds a model the file defines (`resnet50()`), and the line of its definition. */
export interface EntryCandidate {
  readonly expr: string;
  readonly line: number;
}

export interface InputSpec {
  readonly name: string;
  readonly shape: string;
  readonly dtype: string;
  /** The shape as data (symbolic dims as their names). */
  readonly dims?: ShapeDims | null;
  readonly bytesPerElement?: number;
}

/** Why a result is partial: one entry per kind of gap (unknown ops, budget, evaluation stopped, ...). */
export interface PartialReason {
  /** The diagnostic code of the gap: `unknown-op`, `budget`, `evaluation-stopped`, `syntax`, ... */
  readonly code: DiagnosticCode;
  readonly message: string;
  /** 1-based document line of the first place it happened, when known. */
  readonly line?: number;
}

export interface Coverage {
  readonly ops: number;
  readonly unknownOps: number;
  readonly unknown: readonly { readonly name: string; readonly line: number; readonly count: number }[];
  /** False when any figure is a lower bound: something ran that the engine could not cost or follow. */
  readonly complete: boolean;
  /** What makes the result partial (empty when complete). */
  readonly reasons: readonly PartialReason[];
}

export interface Totals extends CostCounts {
  readonly params: bigint;
  /** Parameters that require grad: they get gradients and optimizer state. */
  readonly trainableParams: bigint;
  /** Frozen parameters (requires_grad False): weights only. */
  readonly frozenParams: bigint;
  readonly buffers: bigint;
  readonly trainingFlops: bigint;
  /** Elements of the element-wise kernels autograd runs in backward (gradient adds included; see backwardKernels). */
  readonly backwardElements: bigint;
}

export interface MemoryTotals {
  readonly paramBytes: bigint;
  readonly bufferBytes: bigint;
  /** Sum of all forward outputs (inference activations, nothing freed). */
  readonly activationBytes: bigint;
  /** What autograd keeps for backward: distinct storages of saved tensors (activations, inputs, buffers), parameters excluded. */
  readonly savedBytes: bigint;
  /** Gradients of the trainable parameters (their dtype). */
  readonly gradientBytes: bigint;
  /** Optimizer state of the trainable parameters (fp32). */
  readonly optimizerBytes: bigint;
  /** Separate fp32 master weights (0: autocast keeps the weights themselves in fp32). */
  readonly masterWeightBytes: bigint;
  readonly largestTransientBytes: bigint;
  /** Saved activations still held at the training step's peak, plus the gradients of the op running then. */
  readonly activationsAtPeakBytes: bigint;
  /** Parameter gradients allocated by the training step's peak. */
  readonly gradientsAtPeakBytes: bigint;
  /**
   * Peak of one training step: weights + buffers + optimizer state + gradients and activations at the peak of backward
   * (saved tensors freed as backward goes). Not modelled: the allocator's caching and fragmentation, library workspaces.
   */
  readonly trainingBytes: bigint;
  /** Inference estimate: weights + buffers + the largest op's output twice (its input and output live together). */
  readonly inferenceBytes: bigint;
}

export interface AnalysisResult {
  readonly language: 'python' | 'tsjs';
  /** The entry analyzed: an explicit expression, `__main__`, `top-level`, or undefined (none found). */
  readonly entry?: string;
  readonly inputs: readonly InputSpec[];
  readonly output?: { readonly shape: string; readonly dtype: string; readonly dims?: ShapeDims | null };
  readonly totals: Totals;
  readonly memory: MemoryTotals;
  /** Element-wise backward kernels by aten name (`add`: gradients of a tensor used twice summed): elements each. */
  readonly backwardKernels?: Readonly<Record<string, bigint>>;
  /** Which autograd the saved-for-backward figures follow (a sentence; see cost/savedRules.ts `savedTensorsModel`). */
  readonly savedTensorsModel: string;
  readonly lines: readonly LineCost[];
  readonly modules: readonly ModuleNode[];
  /** The module tree flattened as torchinfo's summary: every module in call order (see LayerRow). */
  readonly layers?: readonly LayerRow[];
  /** When no entry ran a model: what the file offers (factory functions in `__all__`, modules built with no arguments). */
  readonly entryCandidates?: readonly EntryCandidate[];
  readonly diagnostics: readonly Diagnostic[];
  readonly coverage: Coverage;
  /** Files the analysis imported and evaluated (sibling and library modules), in the order they ran. */
  readonly importedFiles?: readonly string[];
  /** Values used for symbolic dims (`B=1` by default), and which symbols appeared. */
  readonly dims: Readonly<Record<string, number>>;
  readonly convention: string;
  readonly precision: string;
  /** Interpreter steps used, and whether the step budget stopped evaluation. */
  readonly steps: number;
  readonly budgetExceeded: boolean;
}
