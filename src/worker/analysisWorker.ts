// The analysis worker thread (desktop, inside the analysis process): runs the engine and renders reports, with its own copy of the files.
import { parentPort } from 'node:worker_threads';
import { serialize } from 'node:v8';
import { analyze, Engine, languageOf } from '../core';
import { requireTsJs, type Analyzer } from '../protocol/tsjsBundle';
import { normalizePath } from '../protocol/paths';
import { fileReader, ReadRoots } from '../cli/fileReader';
import type { FileReader } from '../core/api/options';
import { renderReport } from '../protocol/report';
import type { PackedReply, WorkerReply, WorkerRequest } from './protocol';
import type { AnalysisResult } from '../core/api/result';

const files = new Map<string, string>();
/** This worker's engine: its caches (parsed files, evaluated imports, interpreter worlds) serve every analysis it runs. */
const engine = new Engine();
let tsjs: Analyzer | undefined;
/** The last result of each file (a few files), by the id of the analysis that made it: reports render from these. */
const recent = new Map<string, { readonly id: number; readonly result: AnalysisResult }>();
const recentFiles = 8;

function keep(path: string, id: number, result: AnalysisResult): void {
  recent.delete(path);
  recent.set(path, { id, result });
  if (recent.size > recentFiles) recent.delete(recent.keys().next().value!);
}

function resultOf(id: number | undefined): AnalysisResult | undefined {
  for (const r of recent.values()) if (r.id === id) return r.result;
  return undefined;
}

function analyzerFor(languageId: string): Analyzer {
  if (languageOf(languageId) === 'python') return (source, options) => analyze(source, options, engine);
  // The TS/JS front end is its own bundle beside this one, loaded on first use (a computed path keeps it out of this bundle).
  tsjs ??= requireTsJs(__dirname, require);
  return tsjs;
}

/** The import roots' sandbox (resolved once per list of roots: the environment rarely changes). */
let sandbox: { key: string; reader: FileReader } | undefined;

/**
 * A file under an import root (site-packages, extra paths), read from disk as libraries are not synced: through the
 * CLI's sandboxed reader (no `..` or symlink escape, no device or FIFO, size cap).
 */
function libraryFile(path: string, roots: readonly string[] | undefined): string | undefined {
  if (!roots?.length) return undefined;
  const key = roots.join('\0');
  if (sandbox?.key !== key) sandbox = { key, reader: fileReader(new ReadRoots(roots)) };
  return sandbox.reader(path);
}

function handle(req: WorkerRequest): WorkerReply {
  if (req.kind === 'render') {
    const result = req.result ?? resultOf(req.resultOf);
    if (!result) return { id: req.id, missing: true };
    try {
      return { id: req.id, text: renderReport(result, req.format, req.context) };
    } catch (error) {
      return { id: req.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
    }
  }
  for (const [path, text] of req.files) {
    if (text === null) files.delete(path);
    else files.set(path, text);
  }
  const flag = new Int32Array(req.cancel);
  try {
    const result = analyzerFor(req.languageId)(req.source, {
      ...req.options,
      readFile: (path) => files.get(normalizePath(path)) ?? libraryFile(path, req.options.importRoots),
      isCancelled: () => Atomics.load(flag, 0) === 1,
    });
    keep(req.options.path ?? '', req.id, result);
    return { id: req.id, result };
  } catch (error) {
    // Cancelled is thrown by whichever bundle ran (the TS/JS one has its own copy of the class): trust the flag.
    if (Atomics.load(flag, 0) === 1) return { id: req.id, cancelled: true };
    return { id: req.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  const reply = handle(req);
  parentPort!.postMessage({ id: reply.id, packed: serialize(reply) } satisfies PackedReply);
});
