// What every op implementation gets: the interpreter, cost recording, shape-error reporting, tensor construction.
import type { Dtype } from '../model/dtype';
import type { Interp } from '../eval/interpreter';
import type { OpEvent } from '../cost/recorder';
import type { Term } from '../cost/terms';
import { PyList, PyTuple, Unknown, type Value } from '../eval/values';
import { Tensor } from '../model/tensor';
import { shapeStr, type Dim } from '../sym/dim';
import { backwardRates, rates, type Rate, type RateName } from '../cost/rates';
import { term } from '../cost/terms';
import { savedRules, WRAPPED_SCALAR_BYTES, type SavedRule } from '../cost/savedRules';
import { fresh, isContiguous } from './strides';
import { backwardKernels, baseName, type BackwardKernel } from './backwardKernels';

export class TorchCtx {
  /** False inside torch.no_grad() / inference_mode() / set_grad_enabled(False): nothing new requires grad. */
  gradEnabled = true;
  /** What `tensor.device` gives: torch.device('cpu') once the torch module is built. */
  cpuDevice: Value = 'cpu';
  /** torch.set_default_device was called: where new tensors go is then not known. */
  defaultDeviceSet = false;
  /** Under torch.autocast: the half dtype that ops of its lower-precision list compute in (see autocast.ts). */
  autocast?: Dtype;
  /** Autocast's cached half copies of leaf parameters (one per parameter per autocast region, as PyTorch caches them). */
  private casts = new WeakMap<Tensor, Map<Dtype, Tensor>>();
  /** Leaving the outermost autocast region empties the cache (PyTorch's clear_cache). */
  clearAutocastCache(): void {
    this.casts = new WeakMap();
  }
  /** The tensor each autocast copy was made from: a parameter's copy produces that parameter's gradient. */
  private readonly castSources = new WeakMap<Tensor, Tensor>();
  /**
   * An autocast cast of `t` to `to`: a copy with a storage of its own (kept for backward by the op that saves it), an
   * autograd node using `t` that records no cost (as `.to()`). Leaf parameters that require grad are cast once and the
   * copy reused (PyTorch's autocast cache); activations and frozen parameters at every use.
   */
  autocastCast(t: Tensor, to: Dtype): Tensor {
    const cacheable = t.role === 'param' && t.storage.base === t && t.requiresGrad && to.bytes < t.dtype.bytes;
    let byDtype = cacheable ? this.casts.get(t) : undefined;
    const hit = byDtype?.get(to);
    if (hit) return hit;
    const copy = new Tensor(t.shape, to);
    copy.requiresGrad = this.gradEnabled && t.requiresGrad;
    if (t.strides && isContiguous(t)) fresh(copy);
    this.castSources.set(copy, this.castSources.get(t) ?? t);
    if (copy.requiresGrad) this.useForGrad([t]);
    if (cacheable) {
      if (!byDtype) this.casts.set(t, (byDtype = new Map()));
      byDtype.set(to, copy);
    }
    return copy;
  }
  /** The tensor arguments of the registry ops running now, innermost last. */
  readonly opInputs: Tensor[][] = [];
  /** Arrays numpy functions made in this analysis (numpy arrays are tensors here): see numpyModule's ndarray. */
  numpyArrays = 0;
  /** Inside `parametrize.cached()`: each parametrized tensor computed once, by its ParametrizationList (reset per run). */
  parametrizeCache?: Map<object, Value>;
  /** How many `parametrize.cached()` blocks are open (the cache empties when the outermost exits). */
  parametrizeDepth = 0;
  constructor(
    readonly ip: Interp,
    public defaultFloat: Dtype,
    readonly activationDtype: (d: Dtype) => Dtype,
  ) {}

  tensor(shape: Dim[] | undefined, dtype: Dtype): Tensor {
    return new Tensor(shape, this.activationDtype(dtype));
  }

  /** Whether autograd records an op over these inputs: grad mode on and one of them requires grad. */
  needsGrad(...inputs: readonly (Tensor | undefined)[]): boolean {
    return this.needsGradOf(inputs);
  }
  private needsGradOf(inputs: readonly (Tensor | undefined)[]): boolean {
    if (!this.gradEnabled) return false;
    for (const t of inputs) if (t?.requiresGrad) return true;
    return false;
  }

  /**
   * Records an op. `inputs` (default: the running registry op's tensor arguments) decide whether autograd records it:
   * if none requires grad it saves nothing and has no backward; otherwise the output requires grad.
   */
  record(ev: OpEvent, inputs?: readonly (Tensor | undefined)[]): void {
    const ins = inputs ?? this.opInputs[this.opInputs.length - 1] ?? noTerms;
    const grad = this.needsGradOf(ins);
    if (grad && ev.out && ev.out.dtype.isFloat && ev.out.role === 'activation') ev.out.requiresGrad = true;
    if (!grad) {
      this.ip.recorder.record(this.ip, opEvent(ev, noTerms, noTerms, undefined, noTerms, undefined, undefined));
      return;
    }
    const params: Tensor[] = [];
    // A parameter's view (a packed weight's rows) produces the parameter's gradient.
    for (const t of ins) {
      const src = t && (this.castSources.get(t) ?? t);
      if (t?.requiresGrad && src!.storage.base.role === 'param') params.push(src!.storage.base);
    }
    const kernels = ev.bwdKernels ?? backwardKernels(ev.op, ev.out, ins);
    const bwd = kernelFlops(kernels) ?? ev.bwd.slice();
    this.gradAdds(ins, bwd);
    this.ip.recorder.record(this.ip, opEvent(ev, bwd, ev.saved, ev.savedTensors, ev.bwdMacs, { params }, kernels));
    this.useForGrad(ins, ev.out);
  }

  /** Appends the gradient adds backward runs for inputs already used by another autograd node (1 FLOP per element each). */
  private gradAdds(ins: readonly (Tensor | undefined)[], adds: Term[]): void {
    for (let i = 0; i < ins.length; i++) {
      const t = ins[i];
      if (!t?.requiresGrad || !t.shape) continue;
      if (this.ip.recorder.gradUseCount(t) > 0 || ins.indexOf(t) < i)
        adds.push(term(backwardRates.add.perElem, ...t.shape));
    }
  }

  /**
   * Autograd edges: each input that requires grad is used once more (a tensor used k times gets k − 1 gradient adds in
   * backward). An in-place op's output is a new autograd version of its input: its uses count afresh.
   */
  useForGrad(ins: readonly (Tensor | undefined)[], out?: Tensor): void {
    const rec = this.ip.recorder;
    for (const t of ins) if (t?.requiresGrad) rec.useForGrad(t);
    if (out && ins.includes(out)) rec.rebaseGrad(out);
  }

  /**
   * Records an op whose cost follows a per-element rate from the rate table. `operands` are the op's two operands for
   * binary ops (undefined for a Python scalar); what autograd saves follows `savedRules`, only when grad is needed.
   */
  elementwise(
    op: string,
    out: Tensor,
    input: Tensor | undefined,
    rateName: RateName,
    operands?: readonly [Tensor | undefined, Tensor | undefined],
    inplace = false,
  ): Tensor {
    const r: Rate = rates[rateName];
    const n = out.shape ? out.shape : undefined;
    if (!n) {
      this.unknownShape(op);
      return out;
    }
    const ins = operands ?? [input];
    // TensorIterator: contiguous operands give a contiguous output (so `.contiguous()` of it is no copy).
    if (!out.strides && !inplace && ins.some((t) => t) && ins.every((t) => !t || isContiguous(t))) fresh(out);
    const { savedTensors, saved } = savedFor(op, r, out, input, operands, inplace);
    this.record(
      {
        op,
        rule: r.rule,
        known: true,
        out,
        macs: [],
        flops: r.fwd ? [term(r.fwd, ...n)] : [],
        bwd: r.bwd ? [term(r.bwd, ...n)] : [],
        saved,
        savedTensors,
      },
      ins,
    );
    return out;
  }

  /** A shape error: reported at the user's line with PyTorch's wording; evaluation continues with `fallback`. */
  error(message: string, fallback: Value = new Unknown('shape error')): Value {
    this.ip.report('error', 'shape-mismatch', message);
    return fallback;
  }

  /**
   * A dim that normDim rejected: PyTorch's "Dimension out of range" when every dim given is a concrete int; an unknown
   * dim (an Unknown, a symbol) is no error, only an unknown shape. `lo..hi` is the valid range; returns `fallback`.
   */
  dimOutOfRange(op: string, lo: number, hi: number, dims: readonly (Value | undefined)[], fallback: Value): Value {
    const bad = dims.find((d) => typeof d === 'number' && (d < lo || d > hi));
    const flat = dims.flatMap((d) => (d instanceof PyTuple || d instanceof PyList ? d.items : [d]));
    if (bad === undefined && flat.some((d) => typeof d !== 'number')) {
      this.unknownShape(op);
      return fallback;
    }
    const shown = bad ?? flat.find((d) => typeof d === 'number' && (d < lo || d > hi)) ?? flat[0];
    return this.error(
      `Dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${String(shown)})`,
      fallback,
    );
  }

  /** A runtime warning PyTorch prints (e.g. a loss broadcasting its target), reported at the user's line. */
  warn(message: string): void {
    this.ip.report('warning', 'torch-warning', message);
  }

  /** PyTorch's check on the size of a new tensor: a negative dim raises; the tensor then has an unknown shape. */
  creationShape(shape: Dim[] | undefined, report = true): Dim[] | undefined {
    const neg = shape?.find((d) => typeof d === 'number' && d < 0);
    if (neg === undefined) return shape;
    if (report) this.error(`Trying to create tensor with negative dimension ${neg}: ${shapeStr(shape!)}`);
    return undefined;
  }

  unknownShape(op: string): void {
    this.ip.recorder.unknownOp(this.ip, `${op} (unknown shape)`);
  }
}

const fromRate: Record<Rate['saved'], SavedRule> = { input: 'self', output: 'result', mask: 'self', none: 'none' };

/** What an element-wise op saves for backward (read only when autograd records it). */
function savedFor(
  op: string,
  r: Rate,
  out: Tensor,
  input: Tensor | undefined,
  operands: readonly [Tensor | undefined, Tensor | undefined] | undefined,
  inplace: boolean,
): { savedTensors: Tensor[]; saved: Term[] } {
  const rule = savedRules[baseName(op)] ?? fromRate[r.saved];
  const savedTensors: Tensor[] = [];
  const saved: Term[] = [];
  const [a, b] = operands ?? [input, undefined];
  const keep = (t: Tensor | undefined) => {
    if (t) savedTensors.push(t);
    else saved.push(term(WRAPPED_SCALAR_BYTES));
  };
  switch (rule) {
    case 'self':
      // An in-place op whose backward needs its input keeps a copy of it (autograd clones self before writing).
      if (input && inplace && input.shape) saved.push(term(input.dtype.bytes, ...input.shape));
      else if (input) savedTensors.push(input);
      break;
    case 'result':
      savedTensors.push(out);
      break;
    case 'operands':
      if (!operands) {
        if (input) savedTensors.push(input);
        break;
      }
      if (b?.requiresGrad) keep(a);
      if (a?.requiresGrad) keep(b);
      break;
    case 'divisor':
      if (!operands) break;
      keep(b);
      if (b?.requiresGrad) keep(a);
      break;
    case 'both':
      for (const t of operands ?? [input]) if (t) savedTensors.push(t);
      break;
    case 'mask':
      if (operands?.[1]) savedTensors.push(operands[1]);
      break;
    case 'none':
      break;
  }
  return { savedTensors, saved };
}

/** One shared empty list (frozen: nothing can write to it). */
const noTerms: readonly never[] = Object.freeze([]);

/**
 * The event the recorder gets, always built with the same fields in the same order: one hidden class for every op
 * (events spread from the ops' literals had many, and the recorder's reads of them went megamorphic).
 */
/** Backward FLOPs of an op's element-wise kernels at their rates; undefined when a kernel has no rate (or none known). */
function kernelFlops(kernels: readonly BackwardKernel[] | undefined): Term[] | undefined {
  if (!kernels) return undefined;
  const out: Term[] = [];
  for (const k of kernels) {
    const r = backwardRates[k.kernel];
    if (!r) return undefined;
    for (const t of k.n) out.push({ c: t.c * r.perElem, f: t.f });
  }
  return out;
}

function opEvent(
  ev: OpEvent,
  bwd: OpEvent['bwd'],
  saved: OpEvent['saved'],
  savedTensors: OpEvent['savedTensors'],
  bwdMacs: OpEvent['bwdMacs'],
  autograd: OpEvent['autograd'],
  bwdKernels: OpEvent['bwdKernels'],
): OpEvent {
  return {
    op: ev.op,
    rule: ev.rule,
    known: ev.known,
    out: ev.out,
    macs: ev.macs,
    flops: ev.flops,
    bwd,
    saved,
    savedTensors,
    bwdMacs,
    autograd,
    bwdKernels,
  };
}
