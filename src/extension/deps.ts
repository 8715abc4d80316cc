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

/** Documents flopscope analyzes, for provider registration. */
export const selector: vscode.DocumentSelector = [
  { language: 'python' },
  { language: 'typescript' },
  { language: 'javascript' },
];
