// Collects every op the interpreter executes, charging it to its line (self), each call-site line (inclusive) and each module on the stack.
import type { Storage, Tensor } from '../model/tensor';
import { dimPoly } from '../sym/dim';
import { Poly } from '../sym/poly';
import type { Term } from './terms';
import { CostSum, termsCost, type CostValue } from './sum';

/** A module as the recorder sees it: an opaque identity the front end owns (a Python nn.Module instance, a TF.js layer). */
export type ModuleRef = object;

export interface OpEvent {
  readonly op: string;
  readonly rule: string;
  readonly known: boolean;
  readonly out?: Tensor;
  /** Multiply-accumulates of matmul-class work. */
  readonly macs: readonly Term[];
  /** FLOPs beyond 2·MACs (bias adds, element-wise, reductions). */
  readonly flops: readonly Term[];
  /** Backward FLOPs beyond 2× the matmul forward (element-wise gradients). */
  readonly bwd: readonly Term[];
  /** Bytes autograd keeps for backward that no tensor of the program holds (statistics, wrapped scalars, copies). */
  readonly saved: readonly Term[];
  /** Tensors autograd keeps for backward: counted once per storage; parameters' storages are not activations. */
  readonly savedTensors?: readonly Tensor[];
  /** Multiply-accumulates of the backward pass (one forward's worth per operand whose gradient is computed); default 2·MACs. */
  readonly bwdMacs?: readonly Term[];
  /** Element-wise kernels its backward runs (aten names; elements each writes), set when autograd records the op. */
  readonly bwdKernels?: readonly { readonly kernel: string; readonly n: readonly Term[] }[];
  /** Set when autograd records the op: the parameters whose gradient its backward produces. */
  readonly autograd?: { readonly params: readonly Tensor[] };
}

/** One op autograd recorded, in forward order: what the backward-pass memory simulation needs (see result/peak.ts). */
export interface GradStep {
  /** Bytes of the op's output (its gradient has the same size). */
  readonly out: CostValue;
  /** The output tensor itself (its dtype decides the loss's fp32 copy when it is the model's last op). */
  readonly output?: Tensor;
  /** Bytes of the saved extras (statistics, copies): freed when this op's backward has run. */
  readonly extra: CostValue;
  readonly params: readonly Tensor[];
  /** Storages this op was the first to save (filled by finishSaved): freed when its backward has run. */
  readonly frees: Storage[];
}

/** The four sums exactly, once any of them is symbolic or has passed 2^53. */
interface ExactSums {
  readonly macs: CostSum;
  readonly flops: CostSum;
  readonly bwd: CostSum;
  readonly bwdMacs: CostSum;
}

/** MACs, extra forward FLOPs, extra backward FLOPs and backward MACs, summed in place: plain numbers while they are safe integers. */
export class CostSums {
  private m = 0;
  private f = 0;
  private b = 0;
  private bm = 0;
  private exact?: ExactSums;

  add(c: OpCost): void {
    if (
      !this.exact &&
      typeof c.macs === 'number' &&
      typeof c.flops === 'number' &&
      typeof c.bwd === 'number' &&
      typeof c.bwdMacs === 'number'
    ) {
      const m = this.m + c.macs,
        f = this.f + c.flops,
        b = this.b + c.bwd,
        bm = this.bm + c.bwdMacs;
      if (Number.isSafeInteger(m) && Number.isSafeInteger(f) && Number.isSafeInteger(b) && Number.isSafeInteger(bm)) {
        this.m = m;
        this.f = f;
        this.b = b;
        this.bm = bm;
        return;
      }
    }
    const x = this.sums();
    x.macs.add(c.macs);
    x.flops.add(c.flops);
    x.bwd.add(c.bwd);
    x.bwdMacs.add(c.bwdMacs);
  }

  /** True while all three sums are concrete safe integers, readable as `safeMacs`, `safeFlops`, `safeBwd`. */
  isSafe(): boolean {
    return this.exact === undefined;
  }
  get safeMacs(): number {
    return this.m;
  }
  get safeFlops(): number {
    return this.f;
  }
  get safeBwd(): number {
    return this.b;
  }
  get safeBwdMacs(): number {
    return this.bm;
  }

  /** The sums as exact CostSums (from then on this object sums exactly). */
  sums(): ExactSums {
    if (!this.exact) {
      this.exact = { macs: new CostSum(), flops: new CostSum(), bwd: new CostSum(), bwdMacs: new CostSum() };
      this.exact.macs.add(this.m);
      this.exact.flops.add(this.f);
      this.exact.bwd.add(this.b);
      this.exact.bwdMacs.add(this.bm);
    }
    return this.exact;
  }
}

export interface OpCost {
  readonly macs: CostValue;
  readonly flops: CostValue;
  readonly bwd: CostValue;
  readonly bwdMacs: CostValue;
}

export class OpAgg extends CostSums {
  calls = 0;
  readonly outBytes = new CostSum();
  readonly saved = new CostSum();
  constructor(
    readonly event: OpEvent,
    /** The library place (file, 1-based line) that ran the op, when it ran outside the document. */
    readonly source?: OpSource,
  ) {
    super();
    this.shape = event.out?.shapeString() ?? '';
  }
  /** The output shape's text, kept: every later record of the line compares against it. */
  readonly shape: string;
}

/** Where in a library file an op ran (the innermost frame, when it is not the analyzed document). */
export interface OpSource {
  readonly file: string;
  readonly line: number;
}

export class LineAgg {
  /** The line's distinct ops (name, output shape, rule), in order of first record. */
  readonly ops: OpAgg[] = [];
  /** `ops` by op name: a short list each, found without building a key string per recorded op. */
  private readonly byName = new Map<string, OpAgg[]>();

  /** The aggregate of this op name, output shape, rule and library source, made on first use. */
  op(ev: OpEvent, src: OpSource | undefined): OpAgg {
    const shape = ev.out?.shapeString() ?? '';
    let same = this.byName.get(ev.op);
    if (!same) this.byName.set(ev.op, (same = []));
    for (const a of same)
      if (a.event.rule === ev.rule && a.shape === shape && a.source?.file === src?.file && a.source?.line === src?.line)
        return a;
    const agg = new OpAgg(ev, src);
    same.push(agg);
    this.ops.push(agg);
    return agg;
  }
  readonly self = new CostSums();
  readonly inclusive = new CostSums();
  readonly outBytes = new CostSum();
  readonly inclusiveOutBytes = new CostSum();
  readonly saved = new CostSum();
}

export interface ModuleAgg {
  readonly inclusive: CostSums;
  calls: number;
  /** Position of its first call among all module calls (call order). */
  order: number;
  /** Document line of its first call, if it was called from the document. */
  callLine?: number;
  /** Distinct output shapes by display string (first tensor of each call's output; '' for none), in order. */
  readonly shapes: Map<string, Tensor | undefined>;
  /** Bytes of the first output tensor of each call, summed over calls. */
  readonly outBytes: CostSum;
  /** The serial number of the last op charged to it (a module on the stack twice is charged once per op). */
  stamp: number;
}

/** Distinct output shapes kept per module (more are counted, not kept). */
const maxShapes = 8;

/** Bytes of a tensor (its own elements). */
export function tensorBytes(t: Tensor): CostValue {
  if (!t.shape) return 0;
  const n = t.numel()!;
  if (typeof n === 'number' && Number.isSafeInteger(n * t.dtype.bytes)) return n * t.dtype.bytes;
  return dimPoly(n).mul(Poly.const(t.dtype.bytes));
}

/** Elements of `k` tensors of t's shape. */
function copies(t: Tensor, k: number): CostValue {
  return t.shape ? termsCost([{ c: k, f: t.shape.slice() }]) : 0;
}

export interface UnknownOp {
  readonly name: string;
  readonly line: number;
  count: number;
}

/** The minimal view of the interpreter the recorder needs (kept narrow so the recorder has no eval dependency). */
export interface StackView {
  /** Distinct document lines on the stack, innermost first; valid until the next call. */
  docLines(): readonly number[];
  /** The library place running now, when the innermost frame is not the document. */
  opSource?(): OpSource | undefined;
}

export class Recorder {
  readonly lines = new Map<number, LineAgg>();
  readonly lineCalls = new Map<number, number>();
  readonly moduleStack: ModuleRef[] = [];
  readonly modules = new Map<ModuleRef, ModuleAgg>();
  /** Modules called with an empty module stack: the models the file runs. */
  readonly rootModules: ModuleRef[] = [];
  readonly unknown = new Map<string, UnknownOp>();
  readonly total = new CostSums();
  /** The value the last top-level module call returned (the model's output). */
  lastOutput: unknown = null;
  /** Every parameter and buffer created, in order. */
  readonly tensors: Tensor[] = [];
  knownOps = 0;
  unknownOps = 0;
  readonly outBytes = new CostSum();
  /** Bytes saved for backward: distinct storages (activations, inputs, buffers) plus op-made extras. */
  readonly saved = new CostSum();
  /** The part of `saved` that is buffers' storages (already counted as buffers in the memory ledger). */
  readonly savedBuffers = new CostSum();
  /** Storages already counted in `saved`. */
  readonly savedStorages = new Set<Storage>();

  /** The value each document statement bound, by its first line; `endLines` maps a statement's last line to its first. */
  readonly boundValues = new Map<number, unknown>();
  readonly endLines = new Map<number, number>();

  /** What a bound module's parameters were when its statement ran (set by the engine; a later change is not its). */
  readonly boundParams = new Map<number, unknown>();
  paramSnapshot?: (v: unknown) => unknown;

  bindValue(line: number, endLine: number, v: unknown): void {
    if (this.boundValues.has(line)) return;
    this.boundValues.set(line, v);
    const snap = this.paramSnapshot?.(v);
    if (snap !== undefined) this.boundParams.set(line, snap);
    if (endLine !== line) this.endLines.set(endLine, line);
  }

  /** The document line of the statement that ran last (where a resource limit stopped evaluation). */
  lastLine = 0;

  countLine(line: number): void {
    this.lastLine = line;
    this.lineCalls.set(line, (this.lineCalls.get(line) ?? 0) + 1);
  }

  private line(l: number): LineAgg {
    let agg = this.lines.get(l);
    if (!agg) this.lines.set(l, (agg = new LineAgg()));
    return agg;
  }

  record(stack: StackView, ev: OpEvent): void {
    const macs = termsCost(ev.macs);
    const bwdMacs = ev.bwdMacs ? termsCost(ev.bwdMacs) : typeof macs === 'number' ? 2 * macs : macs.mul(Poly.const(2));
    const c: OpCost = { macs, flops: termsCost(ev.flops), bwd: termsCost(ev.bwd), bwdMacs };
    const out = ev.out ? tensorBytes(ev.out) : 0;
    const saved = termsCost(ev.saved);
    if (ev.known) this.knownOps++;
    else this.unknownOps++;
    this.total.add(c);
    this.outBytes.add(out);
    this.saved.add(saved);
    const lines = stack.docLines();
    let selfLine: LineAgg | undefined, selfOp: OpAgg | undefined;
    if (lines.length) {
      const self = this.line(lines[0]);
      const agg = self.op(ev, stack.opSource?.());
      agg.calls++;
      agg.add(c);
      agg.outBytes.add(out);
      agg.saved.add(saved);
      selfLine = self;
      selfOp = agg;
      self.self.add(c);
      self.outBytes.add(out);
      self.saved.add(saved);
      for (const l of lines) {
        const la = this.line(l);
        la.inclusive.add(c);
        la.inclusiveOutBytes.add(out);
      }
    }
    if (ev.bwdKernels) for (const k of ev.bwdKernels) this.bwdKernel(k.kernel, termsCost(k.n));
    let step: GradStep | undefined;
    if (ev.autograd)
      this.gradSteps.push((step = { out, output: ev.out, extra: saved, params: ev.autograd.params, frees: [] }));
    if (ev.savedTensors) for (const t of ev.savedTensors) this.savedRefs.push({ t, line: selfLine, op: selfOp, step });
    const serial = ++this.opSerial;
    for (const a of this.aggStack)
      if (a.stamp !== serial) {
        a.stamp = serial;
        a.inclusive.add(c);
      }
  }

  /** The aggregates of `moduleStack`, in the same order. */
  private readonly aggStack: ModuleAgg[] = [];
  private opSerial = 0;

  /** Tensors ops saved, in order, with where they were charged; storages resolve at the end (in-place ops re-point them). */
  private readonly savedRefs: { t: Tensor; line?: LineAgg; op?: OpAgg; step?: GradStep }[] = [];
  /** The ops autograd recorded, in forward order. */
  readonly gradSteps: GradStep[] = [];
  private savedDone = 0;

  /**
   * Adds the saved tensors recorded since the last call to the saved sums: each storage once, at the first op that
   * saved it; parameters' storages are not activations. Call before reading `saved` (idempotent).
   */
  finishSaved(): void {
    for (; this.savedDone < this.savedRefs.length; this.savedDone++) {
      const { t, line, op, step } = this.savedRefs[this.savedDone];
      const st = t.storage;
      if (st.base.role === 'param' || this.savedStorages.has(st)) continue;
      this.savedStorages.add(st);
      step?.frees.push(st);
      const b = tensorBytes(st.base);
      this.saved.add(b);
      line?.saved.add(b);
      op?.saved.add(b);
      if (st.base.role === 'buffer') this.savedBuffers.add(b);
    }
  }

  /** Elements of the element-wise backward kernels, by aten kernel name (`add`: gradient accumulation). */
  readonly bwdKernels = new Map<string, CostSum>();
  /** Autograd uses of each tensor that requires grad (the current version of an in-place-modified tensor). */
  private readonly gradUses = new Map<Tensor, number>();

  private bwdKernel(kernel: string, n: CostValue): void {
    let s = this.bwdKernels.get(kernel);
    if (!s) this.bwdKernels.set(kernel, (s = new CostSum()));
    s.add(n);
  }

  /** How many autograd nodes have used `t` (its current version) so far. */
  gradUseCount(t: Tensor): number {
    return this.gradUses.get(t) ?? 0;
  }

  useForGrad(t: Tensor): void {
    this.gradUses.set(t, (this.gradUses.get(t) ?? 0) + 1);
  }

  /** `t` was modified in place: its earlier uses are final (k uses: k − 1 gradient adds), later ones count afresh. */
  rebaseGrad(t: Tensor): void {
    const k = this.gradUses.get(t) ?? 0;
    if (k > 1) this.bwdKernel('add', copies(t, k - 1));
    this.gradUses.delete(t);
  }

  /** Adds the gradient accumulations of every tensor used more than once. Call before reading `bwdKernels`. */
  finishGradUses(): void {
    for (const [t, k] of this.gradUses) if (k > 1) this.bwdKernel('add', copies(t, k - 1));
    this.gradUses.clear();
  }

  unknownOp(stack: StackView, name: string): void {
    this.nameUnknown(stack, name);
    this.unknownOps++;
  }

  /** Names why the op just recorded with `known: false` has an unknown cost (record() counted it already). */
  nameUnknown(stack: StackView, name: string): void {
    const line = stack.docLines()[0] ?? 0;
    const key = `${name}@${line}`;
    const u = this.unknown.get(key);
    if (u) u.count++;
    else this.unknown.set(key, { name, line, count: 1 });
  }

  moduleAgg(m: ModuleRef): ModuleAgg {
    let a = this.modules.get(m);
    if (!a)
      this.modules.set(
        m,
        (a = {
          inclusive: new CostSums(),
          calls: 0,
          order: this.modules.size,
          shapes: new Map(),
          outBytes: new CostSum(),
          stamp: 0,
        }),
      );
    return a;
  }

  /** Distinct output shapes seen per module beyond the kept ones, by module. */
  readonly moreShapes = new Map<ModuleRef, Set<string>>();

  enterModule(m: ModuleRef, callLine?: number): void {
    if (this.moduleStack.length === 0 && !this.rootModules.includes(m)) this.rootModules.push(m);
    const a = this.moduleAgg(m);
    if (a.calls++ === 0) a.callLine = callLine;
    this.moduleStack.push(m);
    this.aggStack.push(a);
  }

  /** Leaves the innermost module call; `out` is the first tensor it returned when it returned (the layer table's shapes). */
  exitModule(returned = false, out?: Tensor): void {
    const m = this.moduleStack.pop();
    const a = this.aggStack.pop();
    if (!m || !returned || !a) return;
    if (out) a.outBytes.add(tensorBytes(out));
    const key = out ? out.shapeString() : '';
    if (a.shapes.has(key)) return;
    if (a.shapes.size < maxShapes) a.shapes.set(key, out);
    else {
      let more = this.moreShapes.get(m);
      if (!more) this.moreShapes.set(m, (more = new Set()));
      more.add(key);
    }
  }
}
