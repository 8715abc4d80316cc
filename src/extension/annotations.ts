// Inline annotations after each costed line (`→ [32, 256] · 12.9 MFLOPs · 32 KiB`), heat-tinted by share, visible editors only.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../core/api/result';
import { annotationText } from '../protocol/annotationText';
import { flopUnit, shareOf } from '../protocol/format';
import { paramsPerCall } from '../protocol/layerView';
import { isAnalyzable } from './analysisCache';
import { annotationConfig, type AnnotationConfig } from './config';
import type { Deps } from './deps';
import { lineEnd } from './typeConverters';
import { followLine, type LineEdit } from '../protocol/lineShift';

/** Heat tint: transparent below 1% of total FLOPs, then up to a warm 35% alpha. */
function heat(share: number): string | undefined {
  if (share < 0.01) return undefined;
  return `rgba(255, 140, 0, ${(0.08 + 0.27 * Math.sqrt(share)).toFixed(2)})`;
}

/** The last result drawn in a document, and the edits made since (its lines follow them until the next result). */
interface Drawn {
  readonly result: AnalysisResult;
  readonly edits: LineEdit[][];
}

/** Edits beyond which the last result's lines are no longer followed (the next analysis is due long before). */
const maxFollowedEdits = 500;

function lineEdits(e: vscode.TextDocumentChangeEvent): LineEdit[] {
  return e.contentChanges.map((c) => ({
    startLine: c.range.start.line + 1,
    endLine: c.range.end.line + 1,
    insertedNewlines: c.text.split('\n').length - 1,
  }));
}

function decorations(
  document: vscode.TextDocument,
  result: AnalysisResult,
  config: AnnotationConfig,
  edits: readonly (readonly LineEdit[])[] = [],
): vscode.DecorationOptions[] {
  const out: vscode.DecorationOptions[] = [];
  const each = paramsPerCall(result);
  const uncounted = new Set(result.coverage.unknown.map((u) => u.line));
  for (const line of result.lines) {
    const at = edits.length ? followLine(edits, line.line) : line.line;
    if (at === undefined || at < 1 || at > document.lineCount) continue;
    const text = annotationText(line, {
      fields: config.fields,
      unit: flopUnit(result.convention),
      paramsEach: each.get(line.line),
      costFree: config.costFree,
      uncounted: uncounted.has(line.line),
    });
    if (!text) continue;
    const tint = heat(shareOf(line.flops, result.totals.flops));
    out.push({
      range: lineEnd(document, at),
      renderOptions: { after: { contentText: text, ...(tint ? { backgroundColor: tint } : {}) } },
    });
  }
  return out;
}

export function register(deps: Deps): vscode.Disposable {
  let config = annotationConfig();
  let type: vscode.TextEditorDecorationType | undefined;

  const createType = (): void => {
    type?.dispose();
    type = vscode.window.createTextEditorDecorationType({
      after: {
        color: new vscode.ThemeColor('flopscope.annotationForeground'),
        margin: '0 0 0 2.5em',
        fontStyle: 'normal',
      },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  };
  /** Per document: the last result drawn, kept (following the edits) until the next one arrives. */
  const drawn = new Map<string, Drawn>();
  /** Draws the document's result, or the last one drawn while the next is due (`analyze`: ask for it if not). */
  const render = (editor: vscode.TextEditor, analyze = true): void => {
    if (!type || !isAnalyzable(editor.document)) return;
    const key = editor.document.uri.toString();
    if (!config.enabled) {
      drawn.delete(key);
      editor.setDecorations(type, []);
      return;
    }
    const result = deps.cache.peek(editor.document);
    if (result) drawn.set(key, { result, edits: [] });
    const shown = drawn.get(key);
    if (!result && analyze) void deps.cache.get(editor.document);
    if (shown) editor.setDecorations(type, decorations(editor.document, shown.result, config, shown.edits));
  };
  /** An edit: the last result's annotations are drawn again at the ends of their (moved) lines, right away. */
  const follow = (e: vscode.TextDocumentChangeEvent): void => {
    const shown = drawn.get(e.document.uri.toString());
    if (!shown || !e.contentChanges.length) return;
    if (shown.edits.length >= maxFollowedEdits) return;
    shown.edits.push(lineEdits(e));
    // The edit already scheduled the next analysis (debounced): only draw here.
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) render(editor, false);
  };
  const renderVisible = (): void => vscode.window.visibleTextEditors.forEach((e) => render(e));

  createType();
  renderVisible();
  const subscriptions = [
    deps.cache.onDidAnalyze(({ document }) => {
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) render(editor);
    }),
    vscode.window.onDidChangeVisibleTextEditors(renderVisible),
    vscode.workspace.onDidChangeTextDocument(follow),
    vscode.workspace.onDidCloseTextDocument((d) => drawn.delete(d.uri.toString())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('flopscope.annotations')) return;
      config = annotationConfig();
      createType();
      renderVisible();
    }),
    vscode.commands.registerCommand('flopscope.toggleAnnotations', async () => {
      const c = vscode.workspace.getConfiguration('flopscope.annotations');
      const target = vscode.workspace.workspaceFolders?.length
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
      await c.update('enabled', !config.enabled, target);
    }),
  ];
  return new vscode.Disposable(() => {
    type?.dispose();
    for (const s of subscriptions) s.dispose();
  });
}
