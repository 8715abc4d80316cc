import { dimPoly } from '../sym/dim';
import { Poly } from '../sym/poly';
import { CostSum, termsCost } from './sum';
/** MACs, extra forward FLOPs and extra backward FLOPs, summed in place: three plain numbers while they are safe integers. */
export class CostSums {
    m = 0;
    f = 0;
    b = 0;
    exact;
    add(c) {
        if (!this.exact && typeof c.macs === 'number' && typeof c.flops === 'number' && typeof c.bwd === 'number') {
            const m = this.m + c.macs, f = this.f + c.flops, b = this.b + c.bwd;
            if (Number.isSafeInteger(m) && Number.isSafeInteger(f) && Number.isSafeInteger(b)) {
                this.m = m;
                this.f = f;
                this.b = b;
                return;
            }
        }
        const x = this.sums();
        x.macs.add(c.macs);
        x.flops.add(c.flops);
        x.bwd.add(c.bwd);
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
    /** The sums as exact CostSums (from then on this object sums exactly). */
    sums() {
        if (!this.exact) {
            this.exact = { macs: new CostSum(), flops: new CostSum(), bwd: new CostSum() };
            this.exact.macs.add(this.m);
            this.exact.flops.add(this.f);
            this.exact.bwd.add(this.b);
        }
        return this.exact;
    }
}
export class OpAgg extends CostSums {
    event;
    calls = 0;
    outBytes = new CostSum();
    saved = new CostSum();
    constructor(event) {
        super();
        this.event = event;
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
/** Bytes of a tensor's storage. */
function tensorBytes(t) {
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
    saved = new CostSum();
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
    countLine(line) {
        this.lineCalls.set(line, (this.lineCalls.get(line) ?? 0) + 1);
    }
    line(l) {
        let agg = this.lines.get(l);
        if (!agg)
            this.lines.set(l, (agg = new LineAgg()));
        return agg;
    }
    record(stack, ev) {
        const c = { macs: termsCost(ev.macs), flops: termsCost(ev.flops), bwd: termsCost(ev.bwd) };
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
        if (lines.length) {
            const self = this.line(lines[0]);
            const key = `${ev.op}|${ev.out?.shapeString() ?? ''}|${ev.rule}`;
            let agg = self.ops.get(key);
            if (!agg)
                self.ops.set(key, (agg = new OpAgg(ev)));
            agg.calls++;
            agg.add(c);
            agg.outBytes.add(out);
            agg.saved.add(saved);
            self.self.add(c);
            self.outBytes.add(out);
            self.saved.add(saved);
            for (const l of lines) {
                const la = this.line(l);
                la.inclusive.add(c);
                la.inclusiveOutBytes.add(out);
            }
        }
        const ms = this.moduleStack;
        for (let i = 0; i < ms.length; i++)
            if (ms.indexOf(ms[i]) === i)
                this.moduleAgg(ms[i]).inclusive.add(c);
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
            this.modules.set(m, (a = { inclusive: new CostSums(), calls: 0 }));
        return a;
    }
    enterModule(m) {
        if (this.moduleStack.length === 0 && !this.rootModules.includes(m))
            this.rootModules.push(m);
        this.moduleAgg(m).calls++;
        this.moduleStack.push(m);
    }
    exitModule() {
        this.moduleStack.pop();
    }
}
