// Desktop (Node) entry of the extension: the shared activate(), analyses in a child process, TS/JS analyzer via require.
import * as vscode from 'vscode';
import { activateWith, deactivate } from './activate';
import type { Platform } from './platform';
import { requireTsJs } from '../protocol/tsjsBundle';
import { failedResult } from './failedResult';
import { memoryLimitMb } from './config';
import { startAnalysisProcess } from './analysisProcess';
import { ProcessRunner } from './processRunner';

declare const require: (id: string) => Record<string, unknown>;

const platform: Platform = {
  name: 'desktop',
  async loadTsJs(extensionUri) {
    return requireTsJs(vscode.Uri.joinPath(extensionUri, 'dist').fsPath, require);
  },
  runPython: (exe, script) =>
    new Promise((resolve, reject) => {
      const { execFile } = require('node:child_process') as unknown as {
        execFile: (f: string, a: string[], o: object, cb: (e: Error | null, out: string) => void) => void;
      };
      execFile(exe, ['-c', script], { timeout: 10_000, encoding: 'utf8' }, (e, out) => (e ? reject(e) : resolve(out)));
    }),
  createRunner(extensionUri, inProcess, log) {
    const file = vscode.Uri.joinPath(extensionUri, 'dist', 'analysisProcess.js').fsPath;
    // A process of its own: an analysis that exhausts memory ends that process, never the extension host.
    return new ProcessRunner(
      () => startAnalysisProcess(file, memoryLimitMb(), require),
      inProcess,
      (error) => log.error('the analysis process could not start; analyzing on the extension host thread', error),
      failedResult,
    );
  },
};

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, platform);
}

export { deactivate };
