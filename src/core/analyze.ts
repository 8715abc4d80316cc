// The facade: analyze(source, options) -> AnalysisResult. Never throws for bad input.
import type { AnalysisResult } from './api/result';
import { defaultOptions, type AnalyzeOptions } from './api/options';

export function analyze(source: string, options: Partial<AnalyzeOptions> = {}): AnalysisResult {
  const opts: AnalyzeOptions = { ...defaultOptions, ...options };
  void source;
  const zero = { macs: 0n, flops: 0n, backwardFlops: 0n };
  return {
    language: 'python', inputs: [], totals: { ...zero, params: 0n, buffers: 0n, trainingFlops: 0n },
    memory: { paramBytes: 0n, bufferBytes: 0n, activationBytes: 0n, savedBytes: 0n, gradientBytes: 0n, optimizerBytes: 0n, masterWeightBytes: 0n, largestTransientBytes: 0n, trainingBytes: 0n },
    lines: [], modules: [], diagnostics: [], coverage: { ops: 0, unknownOps: 0, unknown: [] },
    dims: { ...opts.dims }, convention: opts.convention, precision: opts.precision, steps: 0, budgetExceeded: false,
  };
}
