// Per-analysis state: source positions, the call-line stack, diagnostics, the cost recorder, the step budget.
import { NameCounter } from './names';
import { BudgetExceeded, Cancelled } from '../pipeline/errors';
import { Recorder } from '../cost/recorder';
import { tfDtype } from './dtype';
import { precisionPolicies } from '../cost/precision';
export { BudgetExceeded, Cancelled } from '../pipeline/errors';
/** A TF.js-style error raised while building a layer or model (TF.js would throw a ValueError here). */
export class TfError extends Error {
    code;
    constructor(message, code = 'shape-mismatch') {
        super(message);
        this.code = code;
    }
}
export class EvalCtx {
    source;
    docFile;
    maxSteps;
    isCancelled;
    diagnostics = [];
    recorder;
    /** Lines of the calls being evaluated, innermost last. */
    callLines = [];
    /** Spans of the calls being evaluated, innermost last (for diagnostics). */
    callSpans = [];
    steps = 0;
    /** Every layer that was built (got weights), in build order. */
    builtLayers = [];
    /** Layer and model name counters of this analysis. */
    names = new NameCounter();
    /** Dims the first concrete call of a model fixed (`model.predict(tf.zeros([64, 28, 28, 1]))`: B = 64). */
    callDims = {};
    /** Activations' dtype. */
    float;
    /** Weights' dtype (fp32 under mixed precision). */
    weightFloat;
    lineStarts = [0];
    /** The file whose code is running: the document, or a module it imports (whose lines are not the document's). */
    file;
    constructor(source, docFile, maxSteps, precision, isCancelled) {
        this.source = source;
        this.docFile = docFile;
        this.maxSteps = maxSteps;
        this.isCancelled = isCancelled;
        this.file = docFile;
        for (let i = 0; i < source.length; i++)
            if (source.charCodeAt(i) === 10)
                this.lineStarts.push(i + 1);
        // The shared policy: under mixed precision (mixed_float16) variables stay fp32 and layers compute in half.
        const policy = precisionPolicies[precision] ?? precisionPolicies.fp32;
        this.float = tfDtype(policy.activations);
        this.weightFloat = tfDtype(policy.weights);
        this.recorder = new Recorder();
    }
    step() {
        if (++this.steps > this.maxSteps)
            throw new BudgetExceeded();
        if ((this.steps & 4095) === 0 && this.isCancelled?.())
            throw new Cancelled();
    }
    lineOf(pos) {
        const s = this.lineStarts;
        let lo = 0, hi = s.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (s[mid] <= pos)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo + 1;
    }
    get inDoc() {
        return this.file === this.docFile;
    }
    /** The innermost document line being evaluated (0 at the top of an imported module). */
    docLine() {
        for (let i = this.callLines.length - 1; i >= 0; i--)
            if (this.callLines[i] > 0)
                return this.callLines[i];
        return 0;
    }
    /** A node's span; in an imported module, the document call that led there. */
    span(node) {
        if (!this.inDoc)
            return this.here();
        return { start: node.range[0], end: node.range[1], line: node.loc.start.line };
    }
    lineSpan(line) {
        const start = this.lineStarts[line - 1] ?? 0;
        return { start, end: (this.lineStarts[line] ?? this.source.length + 1) - 1, line };
    }
    /** Where a problem found now is reported: the innermost call being evaluated. */
    here() {
        return this.callSpans[this.callSpans.length - 1] ?? { start: 0, end: 1, line: 1 };
    }
    report(severity, code, message, span = this.here()) {
        if (this.diagnostics.some((d) => d.span.start === span.start && d.message === message))
            return;
        this.diagnostics.push({ span, severity, code, message });
    }
    /** Set once code that builds layers was skipped (an unknown condition or loop bound): later shape errors may be artefacts. */
    skippedModelCode = false;
    /** A TF.js error (TF.js would throw here); only a warning once model-building code was skipped, as it may be an artefact. */
    tfError(code, message, span = this.here()) {
        if (this.skippedModelCode)
            this.report('warning', code, `${message} (flopscope: possibly because code before this could not be evaluated)`, span);
        else
            this.report('error', code, message, span);
    }
    /** Notes that `node`'s code did not run because its condition was unknown; counted as unknown when it builds layers or models. */
    skipped(node, why) {
        if (!this.inDoc) {
            this.skippedModelCode = true;
            return;
        }
        const text = this.source.slice(node.range[0], node.range[1]);
        if (!/\b(tf|layers)\s*\.|\.(add|apply)\s*\(/.test(text))
            return;
        this.skippedModelCode = true;
        this.unknownOp(why, node.loc.start.line);
    }
    /** Records an op charged to `selfLine` (self) and every enclosing call line (inclusive). */
    record(selfLine, ev) {
        const lines = [selfLine, ...[...this.callLines].reverse()].filter((l, i, a) => l > 0 && a.indexOf(l) === i);
        if (lines.length)
            this.recorder.countLine(lines[0]);
        this.recorder.record({ docLines: () => lines }, ev);
    }
    unknownOp(name, line = this.docLine()) {
        this.recorder.unknownOp({ docLines: () => [line] }, name);
    }
}
