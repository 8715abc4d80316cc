// What every feature's register() receives: the shared cache, stores and log.
import type * as vscode from 'vscode';
import type { AnalysisCache } from './analysisCache';
import type { InputStore } from './inputStore';
import type { Log } from './log';

export interface Deps {
  readonly context: vscode.ExtensionContext;
  readonly cache: AnalysisCache;
  readonly inputs: InputStore;
  readonly log: Log;
}

/**
 * Where the documents flopscope analyzes live: local and untitled files, notebook cells, a remote window's files seen
 * from the UI side, virtual workspaces of VS Code for the Web, and @vscode/test-web's file system (the web e2e tests).
 * Naming schemes keeps providers from being offered documents of other hosts in remote setups.
 */
const schemes = ['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote', 'vscode-vfs', 'vscode-test-web'];

/** Documents flopscope analyzes, for provider registration. */
export const selector: vscode.DocumentSelector = ['python', 'typescript', 'javascript'].flatMap((language) =>
  schemes.map((scheme) => ({ language, scheme })),
);
