// Shared activation for the desktop and web entries: builds the cache and registers every feature.
import * as vscode from 'vscode';
import { AnalysisCache, isAnalyzable } from './analysisCache';
import * as annotations from './annotations';
import * as codeActions from './codeActions';
import * as commands from './commands';
import type { Deps } from './deps';
import * as diagnostics from './diagnostics';
import * as entryLens from './entryLens';
import { FileCache } from './fileCache';
import * as hover from './hover';
import { InputStore } from './inputStore';
import { PythonEnvironment } from './pythonEnvironment';
import { Log } from './log';
import { Analyzers } from './analyzers';
import { InProcessRunner } from './runner';
import { isVisibleCell, pythonCells } from './notebookCells';
import type { Platform } from './platform';
import * as reportDocument from './reportDocument';
import * as sidebar from './sidebar';
import * as statusBar from './statusBar';

function isVisible(document: vscode.TextDocument): boolean {
  return vscode.window.visibleTextEditors.some((e) => e.document === document) || isVisibleCell(document);
}

export function activateWith(context: vscode.ExtensionContext, platform: Platform): void {
  const log = new Log();
  context.subscriptions.push(log);
  try {
    const files = new FileCache();
    const inputs = new InputStore(context.workspaceState);
    const runner = platform.createRunner(
      context.extensionUri,
      new InProcessRunner(new Analyzers(platform, context.extensionUri)),
      log,
    );
    const python = new PythonEnvironment(platform.runPython);
    const cache = new AnalysisCache(files, inputs, log, runner, python);
    context.subscriptions.push(files, inputs, cache, runner, python);
    void python.refresh().catch((error) => log.error('could not read the Python environment', error));
    const deps: Deps = { context, cache, inputs, log };
    for (const feature of [
      diagnostics,
      annotations,
      hover,
      codeActions,
      statusBar,
      sidebar,
      reportDocument,
      commands,
      entryLens,
    ]) {
      context.subscriptions.push(feature.register(deps));
    }
    context.subscriptions.push(
      // Only what the user sees is analyzed eagerly (documents opened in the background are not); the rest on demand.
      vscode.workspace.onDidChangeTextDocument(
        (e) => e.contentChanges.length && isVisible(e.document) && cache.schedule(e.document),
      ),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => cache.schedule(e.document))),
      vscode.workspace.onDidCloseTextDocument((d) => cache.forget(d)),
      // Cells added, removed or moved change what every cell sees: re-run the notebook through one of its cells.
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        const cell = e.contentChanges.length ? pythonCells(e.notebook)[0] : undefined;
        if (cell && vscode.window.visibleNotebookEditors.some((n) => n.notebook === e.notebook)) cache.schedule(cell);
      }),
      vscode.workspace.onDidCloseNotebookDocument((nb) => cache.forgetNotebook(nb)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('flopscope.analysis.memoryLimitMb')) runner.restart?.();
        if (e.affectsConfiguration('flopscope.analysis')) cache.invalidate();
        if (e.affectsConfiguration('flopscope.python') || e.affectsConfiguration('python')) void python.refresh();
      }),
      // Trust granted: the workspace's own restricted settings (maxSteps, memoryLimitMb) and interpreter now apply.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        log.info('workspace trusted: settings and the Python environment read again');
        runner.restart?.();
        cache.invalidate();
        void python.refresh();
      }),
      // A new interpreter or extra path: library imports resolve elsewhere.
      python.onDidChange(() => cache.invalidate()),
      inputs.onDidChange((uri) => cache.invalidate(uri)),
    );
    for (const editor of vscode.window.visibleTextEditors)
      if (isAnalyzable(editor.document)) void cache.get(editor.document);
    log.info(
      `flopscope activated (${platform.name}; analyses run in ${runner.kind === 'in-process' ? 'the host thread' : `the ${runner.kind}`})`,
    );
  } catch (error) {
    log.error('activation failed', error);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
