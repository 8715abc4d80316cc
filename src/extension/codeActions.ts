// Quick fixes on flopscope's input and entry diagnostics: open the "set entry and input shapes" flow.
import * as vscode from 'vscode';
import { selector } from './deps';

const inputCodes = new Set(['no-inputs', 'bad-input', 'bad-entry', 'no-entry']);

class InputActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    _document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const diagnostics = context.diagnostics.filter((d) => d.source === 'flopscope' && inputCodes.has(String(d.code)));
    if (!diagnostics.length) return [];
    const action = new vscode.CodeAction('flopscope: Set entry and input shapes…', vscode.CodeActionKind.QuickFix);
    action.command = { command: 'flopscope.setInput', title: 'Set entry and input shapes' };
    action.diagnostics = diagnostics;
    action.isPreferred = true;
    return [action];
  }
}

export function register(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(selector, new InputActions(), {
    providedCodeActionKinds: InputActions.kinds,
  });
}
