// Loads the TS/JS front end (its own bundle, with the TypeScript parser) only when a TS/JS file is analyzed.
import { join } from 'node:path';
import type { AnalysisResult } from '../core/api/result';
import type { AnalyzeOptions } from '../core/api/options';

export interface TsJsModule {
  analyzeTsJs(source: string, options?: Partial<AnalyzeOptions>): AnalysisResult;
}

export function isTsJsFile(path: string): boolean {
  return /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(path);
}

export function loadTsJs(): TsJsModule {
  // A computed path keeps esbuild from inlining the chunk into the CLI bundle.
  const chunk = join(__dirname, 'tsjs.js');
  return require(chunk) as TsJsModule;
}
