// The flopscope command line (bundled as dist/cli-main.js, loaded by launcher.ts): analyze a model file and print its per-line cost report.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, languageOf } from '../core';
import type { AnalysisResult } from '../core/api/result';
import type { AnalyzeOptions } from '../core/api/options';
import { renderReport } from '../protocol/report';
import { parseArgs, usage, type AnalyzeCommand } from './args';
import { fileReader } from './fileReader';
import { requireTsJs } from '../protocol/tsjsBundle';
import { renderOpsList } from './opsList';
import { diskIrStore } from './irStore';
import { readNotebook } from './notebookFile';

declare const FLOPSCOPE_VERSION: string;

function version(): string {
  return typeof FLOPSCOPE_VERSION === 'string' ? FLOPSCOPE_VERSION : 'dev';
}

function fail(message: string): never {
  process.stderr.write(`flopscope: ${message}\n`);
  process.exit(2);
}

function run(cmd: AnalyzeCommand): number {
  const path = resolve(cmd.file);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    fail(
      `cannot read ${cmd.file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  const options: Partial<AnalyzeOptions> = {
    path,
    entry: cmd.entry,
    inputs: cmd.inputs,
    dims: cmd.dims,
    convention: cmd.convention,
    precision: cmd.precision,
    optimizer: cmd.optimizer,
    readFile: fileReader(),
    irStore: diskIrStore(version()),
  };
  let note: string | undefined;
  if (path.endsWith('.ipynb')) {
    const notebook = readNotebook(source);
    if (typeof notebook === 'string') fail(`${cmd.file}: ${notebook}`);
    ({ source, note } = notebook);
  }
  const result: AnalysisResult =
    languageOf(path) === 'tsjs' ? requireTsJs(__dirname, require)(source, options) : analyze(source, options);
  const badInput = result.diagnostics.find((d) => d.code === 'bad-input' || d.code === 'bad-entry');
  if (badInput) fail(badInput.message.replace(/^flopscope: /, ''));
  process.stdout.write(renderReport(result, cmd.format, { fileName: cmd.file, source, note, depth: cmd.depth }));
  return result.diagnostics.some((d) => d.severity === 'error' && d.code !== 'syntax') ? 1 : 0;
}

function main(argv: string[]): number {
  const cmd = parseArgs(argv);
  if ('error' in cmd) fail(`${cmd.error}\n\n${usage}`);
  switch (cmd.kind) {
    case 'help':
      process.stdout.write(usage + '\n');
      return 0;
    case 'version':
      process.stdout.write(`${version()}\n`);
      return 0;
    case 'ops':
      process.stdout.write(renderOpsList(cmd.format));
      return 0;
    default:
      return run(cmd);
  }
}

process.exitCode = main(process.argv.slice(2));
