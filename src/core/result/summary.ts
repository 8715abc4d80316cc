// What every front end's result shares: totals, the training memory ledger, coverage, dims and the budget note.
import type { AnalysisResult, Diagnostic, LineCost, PartialReason } from '../api/result';
import type { AnalyzeOptions } from '../api/options';
import type { Recorder } from '../cost/recorder';
import type { DimValues } from './evaluate';
import { optimizerRates } from './conventions';
import { costCounts } from './costCounts';

export interface WeightCounts {
  readonly params: bigint;
  readonly paramBytes: bigint;
  readonly buffers: bigint;
  readonly bufferBytes: bigint;
}

type Summary = Pick<
  AnalysisResult,
  'totals' | 'memory' | 'coverage' | 'dims' | 'convention' | 'precision' | 'diagnostics' | 'budgetExceeded'
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
  const saved = dims.sum(rec.saved);
  let largest = 0n;
  for (const l of lines)
    for (const o of l.ops) {
      const per = o.calls > 1 ? o.outputBytes / BigInt(o.calls) : o.outputBytes;
      if (per > largest) largest = per;
    }
  const optimizerBytes = w.params * opt.stateBytesPerParam;
  const master = opts.precision === 'mixed' ? w.params * 4n : 0n;
  const notes = budgetExceeded
    ? [
        ...diagnostics,
        {
          span: { start: 0, end: 1, line: 1 },
          severity: 'information' as const,
          code: 'budget',
          message: `flopscope: the step budget (${opts.maxSteps} steps) ran out; results cover what ran before it`,
        },
      ]
    : diagnostics;
  const reasons = partialReasons(rec, notes);
  return {
    totals: {
      ...total,
      params: w.params,
      buffers: w.buffers,
      trainingFlops: total.flops + total.backwardFlops + opt.flopsPerParam * w.params,
    },
    memory: {
      paramBytes: w.paramBytes,
      bufferBytes: w.bufferBytes,
      activationBytes: dims.sum(rec.outBytes),
      savedBytes: saved,
      gradientBytes: w.paramBytes,
      optimizerBytes,
      masterWeightBytes: master,
      largestTransientBytes: largest,
      trainingBytes: w.paramBytes * 2n + optimizerBytes + master + saved + largest,
    },
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

/** Diagnostic codes that mean some code ran (or should have) without being costed. */
const partialCodes = new Set(['budget', 'evaluation-stopped', 'syntax', 'internal']);

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
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (!partialCodes.has(d.code) || seen.has(d.code)) continue;
    seen.add(d.code);
    reasons.push({ code: d.code, message: d.message.replace(/^flopscope: /, ''), line: d.span.line });
  }
  return reasons;
}
