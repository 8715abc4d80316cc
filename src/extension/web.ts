// Web-worker entry of the extension (VS Code for the Web): the shared activate(); no Node built-ins.
import * as vscode from 'vscode';
import { activateWith, deactivate } from './activate';
import type { Platform } from './platform';
import { analyzerFrom, evaluateCommonJs, TSJS_BUNDLE } from '../protocol/tsjsBundle';

const platform: Platform = {
  name: 'web',
  async loadTsJs(extensionUri) {
    const url = vscode.Uri.joinPath(extensionUri, 'dist', TSJS_BUNDLE).toString(true);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
    return analyzerFrom(evaluateCommonJs(await response.text(), url), url);
  },
  // The extension host is itself a web worker here; analyses run on its thread.
  createRunner: (_uri, inProcess) => inProcess,
};

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, platform);
}

export { deactivate };
