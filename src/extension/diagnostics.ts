// Analysis diagnostics as a DiagnosticCollection, plus one coverage note when some ops are unknown.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../core/api/result';
import { coverageText } from '../protocol/report';
import type { Deps } from './deps';
import { cellScheme } from './notebookCells';
import { lineRange, spanToRange, toSeverity } from './typeConverters';

export function toDiagnostics(document: vscode.TextDocument, result: AnalysisResult): vscode.Diagnostic[] {
  const out = result.diagnostics.map((d) => {
    const diagnostic = new vscode.Diagnostic(spanToRange(document, d.span), d.message, toSeverity(d.severity));
    diagnostic.source = 'flopscope';
    diagnostic.code = d.code;
    return diagnostic;
  });
  // A notebook cell carries the note only if one of the unknown ops is in it (coverage counts are the notebook's).
  const inThisCell = document.uri.scheme !== cellScheme || result.coverage.unknown.length > 0;
  if (result.coverage.unknownOps > 0 && inThisCell) {
    const first = result.coverage.unknown[0]?.line ?? 1;
    const note = new vscode.Diagnostic(lineRange(document, first), `flopscope coverage: ${coverageText(result)}`, vscode.DiagnosticSeverity.Information);
    note.source = 'flopscope';
    note.code = 'coverage';
    out.push(note);
  }
  return out;
}

export function register(deps: Deps): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('flopscope');
  const subscriptions = [
    collection,
    deps.cache.onDidAnalyze(({ document, result }) => {
      if (!document.isClosed) collection.set(document.uri, toDiagnostics(document, result));
    }),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
  ];
  return vscode.Disposable.from(...subscriptions);
}
