// Desktop (Node) entry of the extension: the shared activate(), analyses in a worker thread, TS/JS analyzer via require.
import * as vscode from 'vscode';
import { activateWith, deactivate } from './activate';
import type { Platform } from './platform';
import { requireTsJs } from '../protocol/tsjsBundle';
import { failedResult } from './failedResult';
import { WorkerRunner, type ThreadWorker } from './workerRunner';

/** The analysis worker's heap cap (MB); real models need well under 500 MB. */
const workerHeapMb = 2048;

declare const require: (id: string) => Record<string, unknown>;

const platform: Platform = {
  name: 'desktop',
  async loadTsJs(extensionUri) {
    return requireTsJs(vscode.Uri.joinPath(extensionUri, 'dist').fsPath, require);
  },
  createRunner(extensionUri, inProcess, log) {
    const file = vscode.Uri.joinPath(extensionUri, 'dist', 'analysisWorker.js').fsPath;
    const { Worker } = require('node:worker_threads') as unknown as {
      Worker: new (file: string, options: { resourceLimits: { maxOldGenerationSizeMb: number } }) => ThreadWorker;
    };
    // A heap cap of its own: an analysis that builds huge values ends its worker, not the extension host.
    const runner = new WorkerRunner(
      () => new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } }),
      inProcess,
      (error) => log.error('the analysis worker could not start; analyzing on the extension host thread', error),
      failedResult,
    );
    runner.heapLimitMb = workerHeapMb;
    return runner;
  },
};

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, platform);
}

export { deactivate };
