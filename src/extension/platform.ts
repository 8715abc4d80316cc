// What differs between the desktop (Node) and web-worker hosts: where analyses run and how the TS/JS analyzer bundle loads.
import type * as vscode from 'vscode';
import type { Analyzer } from '../protocol/tsjsBundle';
import type { Log } from './log';
import type { AnalysisRunner } from './runner';
import type { PythonRunner } from './pythonEnvironment';

export type { Analyzer };

export interface Platform {
  readonly name: 'desktop' | 'web';
  /** Loads `analyzeTsJs` from the separate TS/JS bundle (dist/tsjs.js) on first use. */
  loadTsJs(extensionUri: vscode.Uri): Promise<Analyzer>;
  /** Where analyses run; `inProcess` runs them on the host's thread. */
  createRunner(extensionUri: vscode.Uri, inProcess: AnalysisRunner, log: Log): AnalysisRunner;
  /** Runs a Python interpreter (desktop only): how the environment's sys.path is found. */
  readonly runPython?: PythonRunner;
}
