// The sidebar webview view: follows the active editor, shows the view model, edits inputs, reveals lines.
import * as vscode from 'vscode';
import { fileInputs, parseDims, parseInputs } from '../protocol/inputs';
import { isWebviewMessage, type HostMessage, type WebviewMessage } from '../protocol/messages';
import { toViewModel } from '../protocol/viewModel';
import { cellAt } from '../protocol/notebook';
import { isAnalyzable } from './analysisCache';
import type { Deps } from './deps';
import { activeModelDocument, modelUri } from './notebookCells';
import { lineRange } from './typeConverters';

export const viewId = 'flopscope.sidebar';

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 32 }, () => chars[Math.floor(Math.random() * chars.length)]).join('');
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'sidebar.css'));
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${style}" rel="stylesheet"><title>flopscope</title></head>
<body><div id="status" role="status" class="sr-only"></div><main id="root"><p class="muted">Open a Python or TS/JS model file.</p></main>
<script nonce="${n}" src="${script}"></script></body></html>`;
}

class SidebarProvider implements vscode.WebviewViewProvider {
  private view?: vscode.WebviewView;
  private ready = false;
  private document?: vscode.TextDocument;

  constructor(private readonly deps: Deps) {
    const document = activeModelDocument();
    if (document && isAnalyzable(document)) this.document = document;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const root = this.deps.context.extensionUri;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')],
    };
    view.webview.html = html(view.webview, root);
    const subscriptions = [
      view.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      view.onDidChangeVisibility(() => view.visible && this.refresh()),
    ];
    view.onDidDispose(() => {
      subscriptions.forEach((s) => s.dispose());
      this.view = undefined;
    });
  }

  /** Tracks the last analyzable editor, so focusing the view keeps showing its file. */
  follow(document: vscode.TextDocument | undefined): void {
    if (!document || !isAnalyzable(document) || document === this.document) return;
    this.document = document;
    void this.refresh();
  }

  onAnalyzed(document: vscode.TextDocument): void {
    if (document === this.document) void this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.view || !this.ready) return;
    const document = this.document;
    if (!document || document.isClosed)
      return this.post({ type: 'empty', reason: 'Open a Python or TS/JS model file to see its shapes and costs.' });
    const result = this.deps.cache.peek(document) ?? (await this.deps.cache.get(document));
    if (document !== this.document) return;
    if (!result)
      return this.post({ type: 'empty', reason: `Analyzing ${vscode.workspace.asRelativePath(document.uri)}…` });
    const stored = this.deps.inputs.get(modelUri(document));
    // A notebook cell shows the whole notebook: every cell's lines, labelled `c2:14` (cell 2, line 14).
    const notebook = this.deps.cache.notebookView(document);
    if (notebook) {
      const label = (line: number): string => {
        const at = cellAt(notebook.places, line);
        return at ? `c${at.index + 1}:${at.line}` : String(line);
      };
      return this.post({
        type: 'update',
        model: toViewModel(
          notebook.whole,
          vscode.workspace.asRelativePath(modelUri(document)),
          notebook.source,
          stored,
          label,
        ),
      });
    }
    this.post({
      type: 'update',
      model: toViewModel(result, vscode.workspace.asRelativePath(document.uri), document.getText(), stored),
    });
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.error('sidebar', error);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    const document = this.document;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.refresh();
      case 'reveal': {
        if (!document) return;
        // In a notebook, lines are the joined program's: reveal the cell that holds the line.
        const notebook = this.deps.cache.notebookView(document);
        const at = notebook && cellAt(notebook.places, message.line);
        const target = at ? notebook.cells[at.index] : document;
        const editor = await vscode.window.showTextDocument(target, { preserveFocus: false, preview: false });
        const range = lineRange(target, at ? at.line : message.line);
        editor.selection = new vscode.Selection(range.start, range.start);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      case 'setInputs': {
        if (!document) return;
        const inputs = parseInputs(message.inputs);
        if (typeof inputs === 'string') return this.post({ type: 'inputError', message: inputs });
        const dims = parseDims(message.dims);
        if (typeof dims === 'string') return this.post({ type: 'inputError', message: dims });
        await this.deps.inputs.set(modelUri(document), fileInputs(message.entry, inputs, dims));
        return;
      }
      case 'runCommand':
        if (document) await vscode.window.showTextDocument(document, { preserveFocus: false });
        await vscode.commands.executeCommand(message.command);
    }
  }
}

export function register(deps: Deps): vscode.Disposable {
  const provider = new SidebarProvider(deps);
  return vscode.Disposable.from(
    vscode.window.registerWebviewViewProvider(viewId, provider),
    vscode.window.onDidChangeActiveTextEditor((editor) => provider.follow(editor?.document)),
    // A notebook with no cell in edit mode has no active text editor: follow its first Python cell (the totals are the notebook's).
    vscode.window.onDidChangeActiveNotebookEditor(() => provider.follow(activeModelDocument())),
    deps.cache.onDidAnalyze(({ document }) => provider.onAnalyzed(document)),
  );
}
