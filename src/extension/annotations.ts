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

/** Heat tint: transparent below 1% of total FLOPs, then up to a warm 35% alpha. */
function heat(share: number): string | undefined {
  if (share < 0.01) return undefined;
  return `rgba(255, 140, 0, ${(0.08 + 0.27 * Math.sqrt(share)).toFixed(2)})`;
}

function decorations(
  document: vscode.TextDocument,
  result: AnalysisResult,
  config: AnnotationConfig,
): vscode.DecorationOptions[] {
  const out: vscode.DecorationOptions[] = [];
  const each = paramsPerCall(result);
  const uncounted = new Set(result.coverage.unknown.map((u) => u.line));
  for (const line of result.lines) {
    if (line.line < 1 || line.line > document.lineCount) continue;
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
      range: lineEnd(document, line.line),
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
  const render = (editor: vscode.TextEditor): void => {
    if (!type || !isAnalyzable(editor.document)) return;
    const result = config.enabled ? deps.cache.peek(editor.document) : undefined;
    if (config.enabled && !result) {
      void deps.cache.get(editor.document);
      return;
    }
    editor.setDecorations(type, result ? decorations(editor.document, result, config) : []);
  };
  const renderVisible = (): void => vscode.window.visibleTextEditors.forEach(render);

  createType();
  renderVisible();
  const subscriptions = [
    deps.cache.onDidAnalyze(({ document }) => {
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) render(editor);
    }),
    vscode.window.onDidChangeVisibleTextEditors(renderVisible),
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
