// The flopscope command line (bundled as dist/cli-main.js, loaded by launcher.ts): analyze a model file and print its per-line cost report.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, languageOf } from '../core';
import type { AnalysisResult } from '../core/api/result';
import type { AnalyzeOptions } from '../core/api/options';
import { renderReport } from '../protocol/report';
import { parseArgs, usage, type AnalyzeCommand } from './args';
import { exitCodes, internalMessage, UsageError } from './cliError';
import { fileReader, readRegularFile, ReadRoots } from './fileReader';
import { projectRoot } from './projectRoot';
import { requireTsJs } from '../protocol/tsjsBundle';
import { renderOpsList } from './opsList';
import { diskIrStore } from './irStore';
import { readNotebook } from './notebookFile';
import { type ImportRoots, importRoots } from './pythonEnv';

declare const FLOPSCOPE_VERSION: string;

function version(): string {
  return typeof FLOPSCOPE_VERSION === 'string' ? FLOPSCOPE_VERSION : 'dev';
}

/** The producing build, for caches: the version and this bundle's size and time (a rebuild's IR is never reused). */
function buildId(): string {
  try {
    const st = statSync(__filename);
    return `${version()}-${st.size}-${Math.floor(st.mtimeMs)}`;
  } catch {
    return version();
  }
}

/** Imports are read only under the analyzed file's project root (see projectRoot.ts) and these extra roots. */
/** What the CLI may read: the analyzed file's project, and the import roots (--python-path, PYTHONPATH, sys.path). */
function readRoots(path: string, importRoots: readonly string[]): ReadRoots {
  return new ReadRoots([projectRoot(path), ...importRoots]);
}

function run(cmd: AnalyzeCommand): number {
  const path = resolve(cmd.file);
  const read = readRegularFile(path);
  if ('error' in read) throw new UsageError(`cannot read ${cmd.file}: ${read.error}`);
  let source = read.text;
  const tsjs = languageOf(path) === 'tsjs';
  // A TS/JS file resolves its imports relative to itself: no Python interpreter is asked for its sys.path.
  const env: ImportRoots = tsjs ? { roots: [] } : importRoots(cmd);
  if (env.error) throw new UsageError(env.error);
  const options: Partial<AnalyzeOptions> = {
    path,
    entry: cmd.entry,
    inputs: cmd.inputs,
    dims: cmd.dims,
    convention: cmd.convention,
    precision: cmd.precision,
    optimizer: cmd.optimizer,
    readFile: fileReader(readRoots(path, env.roots)),
    importRoots: env.roots,
    importHint: 'Give the Python environment: --python EXE or --python-path DIR',
    irStore: diskIrStore(buildId()),
  };
  let note: string | undefined;
  if (path.endsWith('.ipynb')) {
    const notebook = readNotebook(source);
    if (typeof notebook === 'string') throw new UsageError(`${cmd.file}: ${notebook}`);
    ({ source, note } = notebook);
  }
  const result: AnalysisResult = tsjs ? requireTsJs(__dirname, require)(source, options) : analyze(source, options);
  const badInput = result.diagnostics.find((d) => d.code === 'bad-input' || d.code === 'bad-entry');
  if (badInput) throw new UsageError(badInput.message.replace(/^flopscope: /, ''));
  process.stdout.write(renderReport(result, cmd.format, { fileName: cmd.file, source, note, depth: cmd.depth }));
  const partial = !result.coverage.complete;
  if (partial)
    process.stderr.write(
      `flopscope: partial result: ${result.coverage.reasons.map((r) => oneLine(r.message)).join('; ')}\n`,
    );
  if (result.diagnostics.some((d) => d.severity === 'error' && d.code !== 'syntax')) return exitCodes.shapeErrors;
  return partial && cmd.strict ? exitCodes.partial : exitCodes.ok;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\p{Cc}/gu, '?');
}

function main(argv: string[]): number {
  const cmd = parseArgs(argv);
  if ('error' in cmd) throw new UsageError(`${cmd.error}\n\n${usage}`);
  switch (cmd.kind) {
    case 'help':
      process.stdout.write(usage + '\n');
      return exitCodes.ok;
    case 'version':
      process.stdout.write(`${version()}\n`);
      return exitCodes.ok;
    case 'ops':
      process.stdout.write(renderOpsList(cmd.format));
      return exitCodes.ok;
    default:
      return run(cmd);
  }
}

/** Runs the command; every failure becomes a one-line message and an exit status (2 usage, 4 internal), never a stack. */
function guarded(argv: string[]): number {
  // A reader that closes the pipe early (`flopscope analyze m.py | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  try {
    return main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`flopscope: ${e.message}\n`);
      return exitCodes.usage;
    }
    const debug = argv.includes('--debug');
    process.stderr.write(
      `flopscope: ${internalMessage(e)}${debug ? '' : ' (run with --debug for the stack trace)'}\n` +
        (debug && e instanceof Error && e.stack ? `${e.stack}\n` : ''),
    );
    return exitCodes.internal;
  }
}

process.exitCode = guarded(process.argv.slice(2));
