// The one place where core offsets and 1-based lines become vscode Ranges and Positions.
import * as vscode from 'vscode';
import type { Severity, SourceSpan } from '../core/api/result';

/** The whole text of a 1-based line, clamped to the document. */
export function lineRange(document: vscode.TextDocument, line: number): vscode.Range {
  const index = Math.min(Math.max(line - 1, 0), Math.max(document.lineCount - 1, 0));
  return document.lineAt(index).range;
}

/** Past the end of any line: the editor clamps such a column to the line's end when it applies a decoration. */
const pastAnyLine = 1 << 30;

/**
 * The (zero-width) end of a 1-based line: where inline annotations go. Its column is past the end, not the end this
 * host sees: the editor may already hold a character typed since (the host learns of it later), and clamping puts
 * the annotation after that character instead of before it.
 */
export function lineEnd(document: vscode.TextDocument, line: number): vscode.Range {
  const index = lineRange(document, line).end.line;
  return new vscode.Range(index, pastAnyLine, index, pastAnyLine);
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
