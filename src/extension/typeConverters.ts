// The one place where core offsets and 1-based lines become vscode Ranges and Positions.
import * as vscode from 'vscode';
import type { Severity, SourceSpan } from '../core/api/result';

/** The whole text of a 1-based line, clamped to the document. */
export function lineRange(document: vscode.TextDocument, line: number): vscode.Range {
  const index = Math.min(Math.max(line - 1, 0), Math.max(document.lineCount - 1, 0));
  return document.lineAt(index).range;
}

/** The (zero-width) end of a 1-based line: where inline annotations go. */
export function lineEnd(document: vscode.TextDocument, line: number): vscode.Range {
  const end = lineRange(document, line).end;
  return new vscode.Range(end, end);
}

/** A core span (character offsets) as a Range; an empty span widens to its line's text. */
export function spanToRange(document: vscode.TextDocument, span: SourceSpan): vscode.Range {
  const length = document.getText().length;
  const start = Math.min(Math.max(span.start, 0), length);
  const end = Math.min(Math.max(span.end, start), length);
  if (end === start) return lineRange(document, span.line);
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** A vscode Position as core's 1-based line. */
export function toLine(position: vscode.Position): number {
  return position.line + 1;
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}
