import { dimPoly } from '../sym/dim';
import { Poly } from '../sym/poly';
import { CostSum, termsCost } from './sum';
/** MACs, extra forward FLOPs, extra backward FLOPs and backward MACs, summed in place: plain numbers while they are safe integers. */
export class CostSums {
    m = 0;
    f = 0;
    b = 0;
    bm = 0;
    exact;
    add(c) {
        if (!this.exact &&
            typeof c.macs === 'number' &&
            typeof c.flops === 'number' &&
            typeof c.bwd === 'number' &&
            typeof c.bwdMacs === 'number') {
            const m = this.m + c.macs, f = this.f + c.flops, b = this.b + c.bwd, bm = this.bm + c.bwdMacs;
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
    isSafe() {
        return this.exact === undefined;
    }
    get safeMacs() {
        return this.m;
    }
    get safeFlops() {
        return this.f;
    }
    get safeBwd() {
        return this.b;
    }
    get safeBwdMacs() {
        return this.bm;
    }
    /** The sums as exact CostSums (from then on this object sums exactly). */
    sums() {
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
export class OpAgg extends CostSums {
    event;
    source;
    calls = 0;
    outBytes = new CostSum();
    saved = new CostSum();
    constructor(event, 
    /** The library place (file, 1-based line) that ran the op, when it ran outside the document. */
    source) {
        super();
        this.event = event;
        this.source = source;
    }
}
export class LineAgg {
    ops = new Map();
    self = new CostSums();
    inclusive = new CostSums();
    outBytes = new CostSum();
    inclusiveOutBytes = new CostSum();
    saved = new CostSum();
}
/** Distinct output shapes kept per module (more are counted, not kept). */
const maxShapes = 8;
/** Bytes of a tensor (its own elements). */
export function tensorBytes(t) {
    if (!t.shape)
        return 0;
    const n = t.numel();
    if (typeof n === 'number' && Number.isSafeInteger(n * t.dtype.bytes))
        return n * t.dtype.bytes;
    return dimPoly(n).mul(Poly.const(t.dtype.bytes));
}
export class Recorder {
    lines = new Map();
    lineCalls = new Map();
    moduleStack = [];
    modules = new Map();
    /** Modules called with an empty module stack: the models the file runs. */
    rootModules = [];
    unknown = new Map();
    total = new CostSums();
    /** The value the last top-level module call returned (the model's output). */
    lastOutput = null;
    /** Every parameter and buffer created, in order. */
    tensors = [];
    knownOps = 0;
    unknownOps = 0;
    outBytes = new CostSum();
    /** Bytes saved for backward: distinct storages (activations, inputs, buffers) plus op-made extras. */
    saved = new CostSum();
    /** The part of `saved` that is buffers' storages (already counted as buffers in the memory ledger). */
    savedBuffers = new CostSum();
    /** Storages already counted in `saved`. */
    savedStorages = new Set();
    /** The value each document statement bound, by its first line; `endLines` maps a statement's last line to its first. */
    boundValues = new Map();
    endLines = new Map();
    bindValue(line, endLine, v) {
        if (this.boundValues.has(line))
            return;
        this.boundValues.set(line, v);
        if (endLine !== line)
            this.endLines.set(endLine, line);
    }
    /** The document line of the statement that ran last (where a resource limit stopped evaluation). */
    lastLine = 0;
    countLine(line) {
        this.lastLine = line;
        this.lineCalls.set(line, (this.lineCalls.get(line) ?? 0) + 1);
    }
    line(l) {
        let agg = this.lines.get(l);
        if (!agg)
            this.lines.set(l, (agg = new LineAgg()));
        return agg;
    }
    record(stack, ev) {
        const macs = termsCost(ev.macs);
        const bwdMacs = ev.bwdMacs ? termsCost(ev.bwdMacs) : typeof macs === 'number' ? 2 * macs : macs.mul(Poly.const(2));
        const c = { macs, flops: termsCost(ev.flops), bwd: termsCost(ev.bwd), bwdMacs };
        const out = ev.out ? tensorBytes(ev.out) : 0;
        const saved = termsCost(ev.saved);
        if (ev.known)
            this.knownOps++;
        else
            this.unknownOps++;
        this.total.add(c);
        this.outBytes.add(out);
        this.saved.add(saved);
        const lines = stack.docLines();
        let selfLine, selfOp;
        if (lines.length) {
            const self = this.line(lines[0]);
            const src = stack.opSource?.();
            const key = `${ev.op}|${ev.out?.shapeString() ?? ''}|${ev.rule}${src ? `|${src.file}:${src.line}` : ''}`;
            let agg = self.ops.get(key);
            if (!agg)
                self.ops.set(key, (agg = new OpAgg(ev, src)));
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
        let step;
        if (ev.autograd)
            this.gradSteps.push((step = { out, extra: saved, params: ev.autograd.params, frees: [] }));
        if (ev.savedTensors)
            for (const t of ev.savedTensors)
                this.savedRefs.push({ t, line: selfLine, op: selfOp, step });
        const ms = this.moduleStack;
        for (let i = 0; i < ms.length; i++)
            if (ms.indexOf(ms[i]) === i)
                this.moduleAgg(ms[i]).inclusive.add(c);
    }
    /** Tensors ops saved, in order, with where they were charged; storages resolve at the end (in-place ops re-point them). */
    savedRefs = [];
    /** The ops autograd recorded, in forward order. */
    gradSteps = [];
    savedDone = 0;
    /**
     * Adds the saved tensors recorded since the last call to the saved sums: each storage once, at the first op that
     * saved it; parameters' storages are not activations. Call before reading `saved` (idempotent).
     */
    finishSaved() {
        for (; this.savedDone < this.savedRefs.length; this.savedDone++) {
            const { t, line, op, step } = this.savedRefs[this.savedDone];
            const st = t.storage;
            if (st.base.role === 'param' || this.savedStorages.has(st))
                continue;
            this.savedStorages.add(st);
            step?.frees.push(st);
            const b = tensorBytes(st.base);
            this.saved.add(b);
            line?.saved.add(b);
            op?.saved.add(b);
            if (st.base.role === 'buffer')
                this.savedBuffers.add(b);
        }
    }
    unknownOp(stack, name) {
        const line = stack.docLines()[0] ?? 0;
        const key = `${name}@${line}`;
        const u = this.unknown.get(key);
        if (u)
            u.count++;
        else
            this.unknown.set(key, { name, line, count: 1 });
        this.unknownOps++;
    }
    moduleAgg(m) {
        let a = this.modules.get(m);
        if (!a)
            this.modules.set(m, (a = {
                inclusive: new CostSums(),
                calls: 0,
                order: this.modules.size,
                shapes: new Map(),
                outBytes: new CostSum(),
            }));
        return a;
    }
    /** Distinct output shapes seen per module beyond the kept ones, by module. */
    moreShapes = new Map();
    enterModule(m, callLine) {
        if (this.moduleStack.length === 0 && !this.rootModules.includes(m))
            this.rootModules.push(m);
        const a = this.moduleAgg(m);
        if (a.calls++ === 0)
            a.callLine = callLine;
        this.moduleStack.push(m);
    }
    /** Leaves the innermost module call; `out` is the first tensor it returned when it returned (the layer table's shapes). */
    exitModule(returned = false, out) {
        const m = this.moduleStack.pop();
        if (!m || !returned)
            return;
        const a = this.modules.get(m);
        if (!a)
            return;
        if (out)
            a.outBytes.add(tensorBytes(out));
        const key = out ? out.shapeString() : '';
        if (a.shapes.has(key))
            return;
        if (a.shapes.size < maxShapes)
            a.shapes.set(key, out);
        else {
            let more = this.moreShapes.get(m);
            if (!more)
                this.moreShapes.set(m, (more = new Set()));
            more.add(key);
        }
    }
}
