// One analysis per document version (and settings generation): debounced, cancellable, shared by every feature.
import * as vscode from 'vscode';
import { languageOf } from '../core';
import type { AnalysisResult } from '../core/api/result';
import { analysisDelay, analysisOptions } from './config';
import type { PythonEnvironment } from './pythonEnvironment';
import type { AnalysisRunner } from './runner';
import type { ReportContext, ReportFormat } from '../protocol/report';
import { joinCells, projectCell, type CellPlace } from '../protocol/notebook';
import { cellScheme, modelUri, notebookOf, notebookStamp, pythonCells } from './notebookCells';
import type { FileCache } from './fileCache';
import type { InputStore } from './inputStore';
import type { Log } from './log';

export interface AnalysisEvent {
  readonly document: vscode.TextDocument;
  readonly result: AnalysisResult;
}

/** A notebook's code cells joined once per state: where each cell sits in the program, and the result over all of it. */
export interface NotebookView {
  readonly cells: readonly vscode.TextDocument[];
  readonly places: readonly CellPlace[];
  readonly source: string;
  readonly whole: AnalysisResult;
}

interface NotebookRun extends Omit<NotebookView, 'whole'> {
  readonly stamp: string;
  readonly generation: number;
  readonly pending: Promise<AnalysisResult | undefined>;
  /** Set when the analysis has finished. */
  whole?: AnalysisResult;
}

interface Entry {
  /** The document version, or for a notebook cell the state of every code cell (cells run as one program). */
  stamp: string;
  generation: number;
  result?: AnalysisResult;
  pending?: Promise<AnalysisResult | undefined>;
  cancel?: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

export function isAnalyzable(document: vscode.TextDocument): boolean {
  return (
    languageOf(document.languageId) !== undefined &&
    document.uri.scheme !== 'flopscope-report' &&
    document.uri.scheme !== 'output'
  );
}

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<AnalysisEvent>();
  /** Fires after every completed analysis. */
  readonly onDidAnalyze = this.emitter.event;
  private generation = 0;
  /** One analysis per notebook state, shared by its cells. */
  private readonly notebooks = new Map<string, NotebookRun>();

  constructor(
    private readonly files: FileCache,
    private readonly inputs: InputStore,
    private readonly log: Log,
    private readonly runner: AnalysisRunner,
    private readonly python?: PythonEnvironment,
  ) {}

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
    const next: Entry = { stamp: this.stampOf(document), generation: this.generation };
    this.entries.set(key, next);
    let cancelled = false;
    next.cancel = () => void (cancelled = true);
    next.pending = this.run(
      document,
      () => cancelled || document.isClosed || this.stampOf(document) !== next.stamp,
    ).then((result) => {
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
    const next: Entry = { stamp: '', generation: -1 };
    this.entries.set(key, next);
    next.timer = setTimeout(() => {
      if (this.entries.get(key) === next) void this.get(document);
    }, analysisDelay());
  }

  /** A report of a result, rendered where analyses run (the desktop's analysis process), never on the host's thread there. */
  async render(result: AnalysisResult, format: ReportFormat, context: ReportContext): Promise<string | undefined> {
    try {
      return await this.runner.render(result, format, context);
    } catch (error) {
      this.log.error(`the ${format} report of ${context.fileName ?? 'a file'} could not be rendered`, error);
      return undefined;
    }
  }

  /** Forces re-analysis (settings or inputs changed): of one document, or of all. */
  invalidate(uri?: vscode.Uri): void {
    if (uri) {
      this.entries.delete(uri.toString());
      this.notebooks.delete(uri.toString());
    } else this.generation++;
    for (const editor of vscode.window.visibleTextEditors) {
      // A notebook's inputs belong to the notebook: each of its visible cells re-analyzes (sharing one run).
      if (uri && modelUri(editor.document).toString() !== uri.toString()) continue;
      if (uri) this.entries.delete(editor.document.uri.toString());
      void this.get(editor.document);
    }
  }

  /** The whole notebook's current analysis, for a cell of it (undefined until that analysis has finished). */
  notebookView(document: vscode.TextDocument): NotebookView | undefined {
    const notebook = notebookOf(document);
    const run = notebook && this.notebooks.get(notebook.uri.toString());
    if (!notebook || !run?.whole || run.stamp !== notebookStamp(notebook) || run.generation !== this.generation)
      return undefined;
    return { cells: run.cells, places: run.places, source: run.source, whole: run.whole };
  }

  forgetNotebook(notebook: vscode.NotebookDocument): void {
    this.notebooks.delete(notebook.uri.toString());
  }

  forget(document: vscode.TextDocument): void {
    const entry = this.entries.get(document.uri.toString());
    if (entry?.timer) clearTimeout(entry.timer);
    entry?.cancel?.();
    this.entries.delete(document.uri.toString());
  }

  private isFresh(entry: Entry, document: vscode.TextDocument): boolean {
    return entry.stamp === this.stampOf(document) && entry.generation === this.generation;
  }

  private stampOf(document: vscode.TextDocument): string {
    const notebook = notebookOf(document);
    return notebook ? `notebook ${notebookStamp(notebook)}` : String(document.version);
  }

  private async run(document: vscode.TextDocument, isCancelled: () => boolean): Promise<AnalysisResult | undefined> {
    const notebook = notebookOf(document);
    if (notebook) return this.runCell(notebook, document, isCancelled);
    return this.analyze(document, document.languageId, document.getText(), isCancelled);
  }

  /** A notebook cell: the notebook's code cells run as one program, the result cut to this cell and given to its siblings. */
  private async runCell(
    notebook: vscode.NotebookDocument,
    document: vscode.TextDocument,
    isCancelled: () => boolean,
  ): Promise<AnalysisResult | undefined> {
    const stamp = notebookStamp(notebook);
    const key = notebook.uri.toString();
    let shared = this.notebooks.get(key);
    if (!shared || shared.stamp !== stamp || shared.generation !== this.generation) {
      // The cells are joined once per notebook state; every cell that asks shares this run.
      const cells = pythonCells(notebook);
      const joined = joinCells(cells.map((d) => d.getText()));
      const stale = () => notebook.isClosed || notebookStamp(notebook) !== stamp;
      const generation = this.generation;
      const run: NotebookRun = {
        stamp,
        generation,
        cells,
        places: joined.cells,
        source: joined.source,
        pending: this.analyze(document, 'python', joined.source, stale),
      };
      this.notebooks.set(key, (shared = run));
      void run.pending.then((whole) => {
        if (!whole || stale() || generation !== this.generation) return;
        run.whole = whole;
        this.publishCells(run, whole, document);
      });
    }
    const whole = await shared.pending;
    const index = shared.cells.findIndex((d) => d.uri.toString() === document.uri.toString());
    return whole && index >= 0 && !isCancelled() ? projectCell(whole, shared.places[index]) : undefined;
  }

  /** Gives every other code cell of the notebook its part of a finished analysis (edits in one cell change the others). */
  private publishCells(run: NotebookRun, whole: AnalysisResult, requester: vscode.TextDocument): void {
    run.cells.forEach((cell, i) => {
      if (cell.uri.toString() === requester.uri.toString() || cell.isClosed) return;
      const key = cell.uri.toString();
      const entry = this.entries.get(key);
      if (entry && this.isFresh(entry, cell) && (entry.result || entry.pending)) return;
      if (entry?.timer) clearTimeout(entry.timer);
      const result = projectCell(whole, run.places[i]);
      this.entries.set(key, { stamp: this.stampOf(cell), generation: this.generation, result });
      this.emitter.fire({ document: cell, result });
    });
  }

  private async analyze(
    document: vscode.TextDocument,
    languageId: string,
    source: string,
    isCancelled: () => boolean,
  ): Promise<AnalysisResult | undefined> {
    try {
      await this.files.preload(document);
      if (isCancelled()) return undefined;
      const stored = this.inputs.get(modelUri(document));
      const settings = analysisOptions();
      const started = Date.now();
      const result = await this.runner.run(
        languageId,
        source,
        {
          ...settings,
          importRoots: this.python?.roots() ?? [],
          importHint: this.python?.importHint(),
          dims: { ...settings.dims, ...stored?.dims },
          path: document.uri.path,
          ...(stored?.entry ? { entry: stored.entry } : {}),
          ...(stored?.inputs.length ? { inputs: stored.inputs } : {}),
        },
        this.files.view(),
        isCancelled,
      );
      if (!result || isCancelled()) return undefined;
      this.log.info(
        `analyzed ${document.uri.path}${document.uri.scheme === cellScheme ? ' (notebook)' : ''} v${document.version} in ${Date.now() - started} ms (${this.runner.kind}; ${result.lines.length} lines, ${result.diagnostics.length} diagnostics)`,
      );
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
    this.notebooks.clear();
    this.emitter.dispose();
  }
}
