// One analysis per document version (and settings generation): debounced, cancellable, shared by every feature.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../core/api/result';
import { analysisDelay, analysisOptions } from './config';
import type { AnalysisRunner } from './runner';
import type { FileCache } from './fileCache';
import type { InputStore } from './inputStore';
import type { Log } from './log';

export interface AnalysisEvent {
  readonly document: vscode.TextDocument;
  readonly result: AnalysisResult;
}

interface Entry {
  version: number;
  generation: number;
  result?: AnalysisResult;
  pending?: Promise<AnalysisResult | undefined>;
  cancel?: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

const languages = new Set(['python', 'typescript', 'javascript']);

export function isAnalyzable(document: vscode.TextDocument): boolean {
  return languages.has(document.languageId) && document.uri.scheme !== 'flopscope-report' && document.uri.scheme !== 'output';
}

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<AnalysisEvent>();
  /** Fires after every completed analysis. */
  readonly onDidAnalyze = this.emitter.event;
  private generation = 0;

  constructor(private readonly files: FileCache, private readonly inputs: InputStore, private readonly log: Log, private readonly runner: AnalysisRunner) {}

  /** The result for the document's current version, if already computed. */
  peek(document: vscode.TextDocument): AnalysisResult | undefined {
    const entry = this.entries.get(document.uri.toString());
    return entry && this.isFresh(entry, document) ? entry.result : undefined;
  }

  /** The result for the current version, analyzing now (skipping the debounce) when needed. */
  async get(document: vscode.TextDocument): Promise<AnalysisResult | undefined> {
    if (!isAnalyzable(document)) return undefined;
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry && this.isFresh(entry, document)) {
      if (entry.result) return entry.result;
      if (entry.pending) return entry.pending;
    }
    if (entry?.timer) clearTimeout(entry.timer);
    entry?.cancel?.();
    const next: Entry = { version: document.version, generation: this.generation };
    this.entries.set(key, next);
    let cancelled = false;
    next.cancel = () => void (cancelled = true);
    next.pending = this.run(document, () => cancelled || document.isClosed || document.version !== next.version).then((result) => {
      if (this.entries.get(key) === next) {
        next.pending = undefined;
        next.result = result;
      }
      if (result && !cancelled) this.emitter.fire({ document, result });
      return result;
    });
    return next.pending;
  }

  /** Debounced analysis after an edit; cancels the previous pending run of this document. */
  schedule(document: vscode.TextDocument): void {
    if (!isAnalyzable(document)) return;
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry && this.isFresh(entry, document)) return;
    if (entry?.timer) clearTimeout(entry.timer);
    entry?.cancel?.();
    const next: Entry = { version: -1, generation: -1 };
    this.entries.set(key, next);
    next.timer = setTimeout(() => {
      if (this.entries.get(key) === next) void this.get(document);
    }, analysisDelay());
  }

  /** Forces re-analysis (settings or inputs changed): of one document, or of all. */
  invalidate(uri?: vscode.Uri): void {
    if (uri) this.entries.delete(uri.toString());
    else this.generation++;
    for (const editor of vscode.window.visibleTextEditors) {
      if (!uri || editor.document.uri.toString() === uri.toString()) void this.get(editor.document);
    }
  }

  forget(document: vscode.TextDocument): void {
    const entry = this.entries.get(document.uri.toString());
    if (entry?.timer) clearTimeout(entry.timer);
    entry?.cancel?.();
    this.entries.delete(document.uri.toString());
  }

  private isFresh(entry: Entry, document: vscode.TextDocument): boolean {
    return entry.version === document.version && entry.generation === this.generation;
  }

  private async run(document: vscode.TextDocument, isCancelled: () => boolean): Promise<AnalysisResult | undefined> {
    try {
      await this.files.preload(document);
      if (isCancelled()) return undefined;
      const stored = this.inputs.get(document.uri);
      const settings = analysisOptions();
      const started = Date.now();
      const result = await this.runner.run(document.languageId, document.getText(), {
        ...settings,
        dims: { ...settings.dims, ...stored?.dims },
        path: document.uri.path,
        ...(stored?.entry ? { entry: stored.entry } : {}),
        ...(stored?.inputs.length ? { inputs: stored.inputs } : {}),
      }, this.files.view(), isCancelled);
      if (!result || isCancelled()) return undefined;
      this.log.info(`analyzed ${document.uri.path} v${document.version} in ${Date.now() - started} ms (${this.runner.kind}; ${result.lines.length} lines, ${result.diagnostics.length} diagnostics)`);
      return result;
    } catch (error) {
      if (isCancelled()) return undefined;
      this.log.error(`analysis of ${document.uri.path} failed`, error);
      return undefined;
    }
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.cancel?.();
    }
    this.entries.clear();
    this.emitter.dispose();
  }
}
