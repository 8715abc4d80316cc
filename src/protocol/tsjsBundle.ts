// The TS/JS front end's own bundle (it carries the TypeScript parser), loaded on first use the same way by every host.
import type { AnalyzeOptions } from '../core/api/options';
import type { AnalysisResult } from '../core/api/result';

export type Analyzer = (source: string, options: Partial<AnalyzeOptions>) => AnalysisResult;

/** The bundle's file name in dist/, for every host (Node hosts `require` it, the web worker evaluates its text). */
export const TSJS_BUNDLE = 'tsjs.js';

/** A Node host's loader: `require` the bundle beside `dir` (a computed path keeps esbuild from inlining it). */
export function requireTsJs(dir: string, requireFile: (path: string) => unknown): Analyzer {
  const file = `${dir.replace(/[\\/]$/, '')}/${TSJS_BUNDLE}`;
  return analyzerFrom(requireFile(file) as Record<string, unknown>, file);
}

/**
 * Node modules the bundle names but, without `process` (a web worker), never calls: TypeScript builds its Node `sys`
 * only on Node, and typescript-estree's file-system paths are not ours (we parse with `createSourceFile`).
 */
const unusedInWorker = new Set(['fs', 'node:fs', 'path', 'node:path', 'os', 'url', 'module', 'perf_hooks', 'crypto']);

/** Evaluates a CommonJS bundle's text and returns its exports (the web worker cannot `require` a file). */
export function evaluateCommonJs(text: string, url: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (unusedInWorker.has(id)) return {};
    throw new Error(`${url}: the bundle requires '${id}', which a web worker cannot provide`);
  };
  new Function('module', 'exports', 'require', `${text}\n//# sourceURL=${url}`)(module, module.exports, require);
  return module.exports;
}

/** The bundle's analyzer, checked: a bundle from another version without `analyzeTsJs` fails with a clear message. */
export function analyzerFrom(exports: Record<string, unknown>, where: string): Analyzer {
  const analyzeTsJs = exports.analyzeTsJs;
  if (typeof analyzeTsJs !== 'function') throw new Error(`${where} does not export analyzeTsJs`);
  return analyzeTsJs as Analyzer;
}
