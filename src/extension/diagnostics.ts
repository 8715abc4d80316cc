// Analysis diagnostics as a DiagnosticCollection, plus one coverage note when some ops are unknown.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../core/api/result';
import { coverageText } from '../protocol/report';
import type { Deps } from './deps';
import { lineRange, spanToRange, toSeverity } from './typeConverters';

export function toDiagnostics(document: vscode.TextDocument, result: AnalysisResult): vscode.Diagnostic[] {
  const out = result.diagnostics.map((d) => {
    const diagnostic = new vscode.Diagnostic(spanToRange(document, d.span), d.message, toSeverity(d.severity));
    diagnostic.source = 'flopscope';
    diagnostic.code = d.code;
    if (d.related?.length)
      diagnostic.relatedInformation = d.related.map(
        (r) =>
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(document.uri.with({ path: r.file }), new vscode.Position(Math.max(0, r.line - 1), 0)),
            r.message,
          ),
      );
    return diagnostic;
  });
  // The note sits on the first unknown op listed for this document (a notebook cell lists only its own).
  const first = result.coverage.unknown[0]?.line;
  if (result.coverage.unknownOps > 0 && first !== undefined) {
    const note = new vscode.Diagnostic(
      lineRange(document, first),
      `flopscope coverage: ${coverageText(result)}`,
      vscode.DiagnosticSeverity.Information,
    );
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
