// Desktop (Node) entry of the extension: the shared activate(), loading the TS/JS analyzer with Node's require.
import * as vscode from 'vscode';
import { activateWith, deactivate } from './activate';
import { analyzerFrom, type Platform } from './platform';

declare const require: (id: string) => Record<string, unknown>;

const platform: Platform = {
  name: 'desktop',
  async loadTsJs(extensionUri) {
    const file = vscode.Uri.joinPath(extensionUri, 'dist', 'tsjs.js').fsPath;
    return analyzerFrom(require(file), file);
  },
};

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, platform);
}

export { deactivate };
