// What differs between the desktop (Node) and web-worker hosts: where analyses run and how the TS/JS analyzer bundle loads.
import type * as vscode from 'vscode';
import type { AnalyzeOptions } from '../core/api/options';
import type { AnalysisResult } from '../core/api/result';
import type { Log } from './log';
import type { AnalysisRunner } from './runner';
import type { PythonRunner } from './pythonEnvironment';

export type Analyzer = (source: string, options: Partial<AnalyzeOptions>) => AnalysisResult;

export interface Platform {
  readonly name: 'desktop' | 'web';
  /** Loads `analyzeTsJs` from the separate TS/JS bundle (dist/tsjs.js or dist/web/tsjs.js) on first use. */
  loadTsJs(extensionUri: vscode.Uri): Promise<Analyzer>;
  /** Where analyses run; `inProcess` runs them on the host's thread. */
  createRunner(extensionUri: vscode.Uri, inProcess: AnalysisRunner, log: Log): AnalysisRunner;
  /** Runs a Python interpreter (desktop only): how the environment's sys.path is found. */
  readonly runPython?: PythonRunner;
}

/** Evaluates a CommonJS bundle's text and returns its exports (the web worker cannot `require` a file). */
export function evaluateCommonJs(text: string, url: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const noRequire = (id: string): never => {
    throw new Error(`${url}: the bundle requires '${id}', which a web worker cannot provide`);
  };
  new Function('module', 'exports', 'require', `${text}\n//# sourceURL=${url}`)(module, module.exports, noRequire);
  return module.exports;
}

export function analyzerFrom(exports: Record<string, unknown>, where: string): Analyzer {
  const analyzeTsJs = exports.analyzeTsJs;
  if (typeof analyzeTsJs !== 'function') throw new Error(`${where} does not export analyzeTsJs`);
  return analyzeTsJs as Analyzer;
}
