// The read-only report document (scheme `flopscope-report`), live-updated when its source file is re-analyzed.
import * as vscode from 'vscode';
import { isAnalyzable } from './analysisCache';
import type { Deps } from './deps';

export const reportScheme = 'flopscope-report';

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** `flopscope-report:/mlp.py report?<source uri>` */
export function reportUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: reportScheme, path: `/${basename(source)} report`, query: source.toString() });
}

class ReportProvider implements vscode.TextDocumentContentProvider {
  readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly deps: Deps) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = vscode.Uri.parse(uri.query);
    const document = await vscode.workspace.openTextDocument(source);
    const result = await this.deps.cache.get(document);
    if (!result)
      return `flopscope: no analysis for ${vscode.workspace.asRelativePath(source)} (see the flopscope log).\n`;
    const text = await this.deps.cache.render(result, 'table', {
      fileName: vscode.workspace.asRelativePath(source),
      source: document.getText(),
    });
    return (
      text ??
      `flopscope: the report of ${vscode.workspace.asRelativePath(source)} could not be rendered (see the flopscope log).\n`
    );
  }
}

export function register(deps: Deps): vscode.Disposable {
  const provider = new ReportProvider(deps);
  const open = new Set<string>();
  return vscode.Disposable.from(
    provider.emitter,
    vscode.workspace.registerTextDocumentContentProvider(reportScheme, provider),
    vscode.workspace.onDidOpenTextDocument((d) => d.uri.scheme === reportScheme && open.add(d.uri.toString())),
    vscode.workspace.onDidCloseTextDocument((d) => open.delete(d.uri.toString())),
    deps.cache.onDidAnalyze(({ document }) => {
      const uri = reportUri(document.uri);
      if (open.has(uri.toString())) provider.emitter.fire(uri);
    }),
    vscode.commands.registerCommand('flopscope.showReport', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !isAnalyzable(editor.document)) {
        return void vscode.window.showInformationMessage(
          'flopscope: open a Python or TS/JS model file to see its report.',
        );
      }
      const document = await vscode.workspace.openTextDocument(reportUri(editor.document.uri));
      await vscode.languages.setTextDocumentLanguage(document, 'flopscope-report');
      await vscode.window.showTextDocument(document, {
        viewColumn: vscode.ViewColumn.Beside,
        preview: true,
        preserveFocus: false,
      });
    }),
  );
}
