// The result shown when an analysis could not finish (its worker died): nothing costed, one diagnostic saying why.
import { analyze } from '../core';
import type { AnalysisResult, Diagnostic } from '../core/api/result';
import type { WorkerOptions } from '../worker/protocol';

export function failedResult(why: string, languageId: string, options: WorkerOptions): AnalysisResult {
  const empty = analyze('', { path: options.path ?? 'untitled.py' });
  const diagnostic: Diagnostic = {
    span: { start: 0, end: 0, line: 1 },
    severity: 'error',
    code: 'internal',
    message: `flopscope: ${why}`,
  };
  return {
    ...empty,
    language: languageId === 'python' ? 'python' : 'tsjs',
    diagnostics: [diagnostic],
    coverage: { ...empty.coverage, complete: false, reasons: [{ code: 'internal', message: why, line: 1 }] },
  };
}
