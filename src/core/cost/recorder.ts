// Collects every op the interpreter executes, charging it to its line (self), each call-site line (inclusive) and each module on the stack.
import type { Tensor } from '../torch/tensor';
import type { PyInstance } from '../eval/values';
import { Poly } from '../sym/poly';
import { termsPoly, type Term } from './terms';

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
  /** Bytes autograd keeps for backward. */
  readonly saved: readonly Term[];
}

export interface CostPolys {
  macs: Poly;
  flops: Poly;
  bwd: Poly;
}

export interface OpAgg extends CostPolys {
  readonly event: OpEvent;
  calls: number;
  outBytes: Poly;
  saved: Poly;
}

export interface LineAgg {
  readonly ops: Map<string, OpAgg>;
  self: CostPolys;
  inclusive: CostPolys;
  outBytes: Poly;
  inclusiveOutBytes: Poly;
  saved: Poly;
}

export interface ModuleAgg {
  inclusive: CostPolys;
  calls: number;
}

export interface UnknownOp {
  readonly name: string;
  readonly line: number;
  count: number;
}

/** The minimal view of the interpreter the recorder needs (kept narrow so the recorder has no eval dependency). */
export interface StackView {
  docLines(): number[];
}

const zero = (): CostPolys => ({ macs: Poly.zero, flops: Poly.zero, bwd: Poly.zero });
function addInto(a: CostPolys, b: CostPolys): void {
  a.macs = a.macs.add(b.macs);
  a.flops = a.flops.add(b.flops);
  a.bwd = a.bwd.add(b.bwd);
}

export class Recorder {
  readonly lines = new Map<number, LineAgg>();
  readonly lineCalls = new Map<number, number>();
  readonly moduleStack: PyInstance[] = [];
  readonly modules = new Map<PyInstance, ModuleAgg>();
  /** Modules called with an empty module stack: the models the file runs. */
  readonly rootModules: PyInstance[] = [];
  readonly unknown = new Map<string, UnknownOp>();
  readonly total = zero();
  /** The value the last top-level module call returned (the model's output). */
  lastOutput: import('../eval/values').Value = null;
  /** Every parameter and buffer created, in order. */
  readonly tensors: Tensor[] = [];
  knownOps = 0;
  unknownOps = 0;
  outBytes = Poly.zero;
  saved = Poly.zero;

  constructor(private readonly bytesOf: (t: Tensor) => Poly) {}

  /** The value each document statement bound, by its first line; `endLines` maps a statement's last line to its first. */
  readonly boundValues = new Map<number, import('../eval/values').Value>();
  readonly endLines = new Map<number, number>();

  bindValue(line: number, endLine: number, v: import('../eval/values').Value): void {
    if (this.boundValues.has(line)) return;
    this.boundValues.set(line, v);
    if (endLine !== line) this.endLines.set(endLine, line);
  }

  countLine(line: number): void {
    this.lineCalls.set(line, (this.lineCalls.get(line) ?? 0) + 1);
  }

  private line(l: number): LineAgg {
    let agg = this.lines.get(l);
    if (!agg) this.lines.set(l, (agg = { ops: new Map(), self: zero(), inclusive: zero(), outBytes: Poly.zero, inclusiveOutBytes: Poly.zero, saved: Poly.zero }));
    return agg;
  }

  record(stack: StackView, ev: OpEvent): void {
    const c: CostPolys = { macs: termsPoly(ev.macs), flops: termsPoly(ev.flops), bwd: termsPoly(ev.bwd) };
    const out = ev.out ? this.bytesOf(ev.out) : Poly.zero;
    const saved = termsPoly(ev.saved);
    if (ev.known) this.knownOps++; else this.unknownOps++;
    addInto(this.total, c);
    this.outBytes = this.outBytes.add(out);
    this.saved = this.saved.add(saved);
    const lines = stack.docLines();
    if (lines.length) {
      const self = this.line(lines[0]);
      const key = `${ev.op}|${ev.out?.shapeString() ?? ''}|${ev.rule}`;
      let agg = self.ops.get(key);
      if (!agg) self.ops.set(key, (agg = { event: ev, calls: 0, ...zero(), outBytes: Poly.zero, saved: Poly.zero }));
      agg.calls++;
      addInto(agg, c);
      agg.outBytes = agg.outBytes.add(out);
      agg.saved = agg.saved.add(saved);
      addInto(self.self, c);
      self.outBytes = self.outBytes.add(out);
      self.saved = self.saved.add(saved);
      for (const l of lines) {
        const la = this.line(l);
        addInto(la.inclusive, c);
        la.inclusiveOutBytes = la.inclusiveOutBytes.add(out);
      }
    }
    const ms = this.moduleStack;
    for (let i = 0; i < ms.length; i++) if (ms.indexOf(ms[i]) === i) addInto(this.moduleAgg(ms[i]).inclusive, c);
  }

  unknownOp(stack: StackView, name: string): void {
    const line = stack.docLines()[0] ?? 0;
    const key = `${name}@${line}`;
    const u = this.unknown.get(key);
    if (u) u.count++; else this.unknown.set(key, { name, line, count: 1 });
    this.unknownOps++;
  }

  moduleAgg(m: PyInstance): ModuleAgg {
    let a = this.modules.get(m);
    if (!a) this.modules.set(m, (a = { inclusive: zero(), calls: 0 }));
    return a;
  }

  enterModule(m: PyInstance): void {
    if (this.moduleStack.length === 0 && !this.rootModules.includes(m)) this.rootModules.push(m);
    this.moduleAgg(m).calls++;
    this.moduleStack.push(m);
  }

  exitModule(): void {
    this.moduleStack.pop();
  }
}
