// What every front end's result shares: totals, the training memory ledger, coverage, dims and the budget note.
import type { AnalysisResult, Diagnostic, LineCost, PartialReason } from '../api/result';
import type { AnalyzeOptions } from '../api/options';
import type { Recorder } from '../cost/recorder';
import type { DimValues } from './evaluate';
import { optimizerRates } from './conventions';
import { costCounts } from './costCounts';
import { isPartialCode } from '../api/partial';
import { backwardPeak } from './peak';
import type { CostValue } from '../cost/sum';
import { savedTensorsModel } from '../cost/savedRules';
import { precisionPolicies } from '../cost/precision';

export interface WeightCounts {
  readonly params: bigint;
  readonly paramBytes: bigint;
  /** Parameters that require grad (frozen ones get no gradient and no optimizer state). */
  readonly trainableParams: bigint;
  readonly trainableBytes: bigint;
  readonly buffers: bigint;
  readonly bufferBytes: bigint;
}

type Summary = Pick<
  AnalysisResult,
  | 'totals'
  | 'memory'
  | 'savedTensorsModel'
  | 'backwardKernels'
  | 'coverage'
  | 'dims'
  | 'convention'
  | 'precision'
  | 'diagnostics'
  | 'budgetExceeded'
>;

export function summarize(
  rec: Recorder,
  lines: readonly LineCost[],
  dims: DimValues,
  opts: AnalyzeOptions,
  w: WeightCounts,
  diagnostics: Diagnostic[],
  budgetExceeded: boolean,
): Summary {
  const total = costCounts(rec.total, dims, opts.convention);
  const opt = optimizerRates[opts.optimizer];
  rec.finishSaved();
  rec.finishGradUses();
  const saved = dims.sum(rec.saved);
  const backwardKernels: Record<string, bigint> = {};
  let backwardElements = 0n;
  for (const [k, n] of [...rec.bwdKernels].sort(([a], [b]) => (a < b ? -1 : 1)))
    backwardElements += backwardKernels[k] = dims.sum(n);
  let largest = 0n;
  for (const l of lines)
    for (const o of l.ops) {
      const per = o.calls > 1 ? o.outputBytes / BigInt(o.calls) : o.outputBytes;
      if (per > largest) largest = per;
    }
  // torch.optim keeps its state in each parameter's dtype (zeros_like): fp32 weights 4 B per state value, half ones 2 B.
  const optimizerBytes = (w.trainableBytes * opt.stateBytesPerParam) / 4n;
  // Autocast keeps the weights in fp32 (they are the master copy): no separate master weights in any precision.
  const master = 0n;
  const value = (v: CostValue) => (typeof v === 'number' ? BigInt(v) : dims.poly(v));
  const bwd = backwardPeak(rec, value);
  const persistent = w.paramBytes + w.bufferBytes + optimizerBytes + master;
  // A front end that records no autograd steps (TF.js) gets every gradient at the peak.
  const gradsAtPeak = rec.gradSteps.length ? bwd.gradientBytes : w.trainableBytes;
  const trainingPeak = persistent + gradsAtPeak + bwd.activationBytes;
  const gradsOnly = persistent + w.trainableBytes;
  const notes = budgetExceeded
    ? [
        ...diagnostics,
        {
          span: { start: 0, end: 1, line: 1 },
          severity: 'information' as const,
          code: 'budget' as const,
          message: `flopscope: the step budget (${opts.maxSteps} steps) ran out; results cover what ran before it`,
        },
      ]
    : diagnostics;
  const reasons = partialReasons(rec, notes);
  return {
    totals: {
      ...total,
      params: w.params,
      trainableParams: w.trainableParams,
      frozenParams: w.params - w.trainableParams,
      buffers: w.buffers,
      trainingFlops: total.flops + total.backwardFlops + opt.flopsPerParam * w.trainableParams,
      backwardElements,
    },
    backwardKernels,
    memory: {
      paramBytes: w.paramBytes,
      bufferBytes: w.bufferBytes,
      activationBytes: dims.sum(rec.outBytes),
      savedBytes: saved,
      gradientBytes: w.trainableBytes,
      optimizerBytes,
      masterWeightBytes: master,
      largestTransientBytes: largest,
      activationsAtPeakBytes: bwd.activationBytes,
      gradientsAtPeakBytes: gradsAtPeak,
      trainingBytes: trainingPeak > gradsOnly ? trainingPeak : gradsOnly,
      inferenceBytes: w.paramBytes + w.bufferBytes + 2n * largest,
    },
    savedTensorsModel: rec.gradSteps.length
      ? savedTensorsModel.autograd + (precisionPolicies[opts.precision].autocast ? savedTensorsModel.autocast : '')
      : savedTensorsModel.none,
    coverage: {
      ops: rec.knownOps + rec.unknownOps,
      unknownOps: rec.unknownOps,
      unknown: [...rec.unknown.values()].map((u) => ({ name: u.name, line: u.line, count: u.count })),
      complete: reasons.length === 0,
      reasons,
    },
    dims: Object.fromEntries([...dims.used].filter((d) => /^[A-Za-z_]\w*$/.test(d)).map((d) => [d, opts.dims[d] ?? 1])),
    convention: opts.convention,
    precision: opts.precision,
    diagnostics: notes,
    budgetExceeded,
  };
}

/** Why the figures are lower bounds: unknown ops, and each kind of diagnostic that stopped or skipped evaluation. */
function partialReasons(rec: Recorder, diagnostics: readonly Diagnostic[]): PartialReason[] {
  const reasons: PartialReason[] = [];
  if (rec.unknownOps > 0) {
    const names = [...rec.unknown.values()];
    const listed = names.slice(0, 5).map((u) => `${u.name} (line ${u.line})`);
    reasons.push({
      code: 'unknown-op',
      message: `${rec.unknownOps} unknown op${rec.unknownOps === 1 ? '' : 's'}: ${listed.join(', ')}${names.length > 5 ? ', ...' : ''}`,
      line: names[0]?.line,
    });
  }
  const seen = new Map<string, { reason: PartialReason; count: number }>();
  // A missing module explains unknown ops (each use of its names is one); unused, it changes no figure.
  const skip = rec.unknownOps === 0 ? 'unresolved-import' : undefined;
  for (const d of diagnostics) {
    if (!isPartialCode(d.code) || d.code === skip) continue;
    const s = seen.get(d.code);
    if (s) s.count++;
    else {
      const reason = { code: d.code, message: d.message.split('\n')[0].replace(/^flopscope: /, ''), line: d.span.line };
      seen.set(d.code, { reason, count: 1 });
    }
  }
  for (const { reason, count } of seen.values())
    reasons.push(count > 1 ? { ...reason, message: `${reason.message} (and ${count - 1} more)` } : reason);
  return reasons;
}
