// Desktop (Node) entry of the extension: the shared activate(), analyses in a worker thread, TS/JS analyzer via require.
import * as vscode from 'vscode';
import { activateWith, deactivate } from './activate';
import type { Platform } from './platform';
import { requireTsJs } from '../protocol/tsjsBundle';
import { WorkerRunner, type ThreadWorker } from './workerRunner';

declare const require: (id: string) => Record<string, unknown>;

const platform: Platform = {
  name: 'desktop',
  async loadTsJs(extensionUri) {
    return requireTsJs(vscode.Uri.joinPath(extensionUri, 'dist').fsPath, require);
  },
  createRunner(extensionUri, inProcess, log) {
    const file = vscode.Uri.joinPath(extensionUri, 'dist', 'analysisWorker.js').fsPath;
    const { Worker } = require('node:worker_threads') as unknown as { Worker: new (file: string) => ThreadWorker };
    return new WorkerRunner(
      () => new Worker(file),
      inProcess,
      (error) => log.error('the analysis worker could not start; analyzing on the extension host thread', error),
    );
  },
};

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, platform);
}

export { deactivate };
