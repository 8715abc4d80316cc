// Inline annotations after each costed line (`→ [32, 256] · 12.9 MFLOPs · 32 KiB`), heat-tinted by share, visible editors only.
import * as vscode from 'vscode';
import type { AnalysisResult, LineCost } from '../core/api/result';
import { flopUnit, formatBytes, formatCount, shareOf } from '../protocol/format';
import { paramsPerCall } from '../protocol/layerView';
import { isAnalyzable } from './analysisCache';
import { annotationConfig, type AnnotationConfig } from './config';
import type { Deps } from './deps';
import { lineEnd } from './typeConverters';

/** All shapes when short; else the first and the last (a Sequential's input stage and its result), saying how many. */
export function shapeSummary(shapes: readonly string[], calls = 1): string {
  const all = shapes.join(', ');
  if (shapes.length <= 3 && all.length <= 48) return all;
  const what = calls > 1 ? `×${calls} calls, ${shapes.length} shapes` : `${shapes.length} shapes`;
  return `${shapes[0]} … ${shapes[shapes.length - 1]} (${what})`;
}

/** `21.3 M params (12 × 1.77 M)` when the line built one module per call, each with `each` parameters (a loop). */
export function paramsText(params: bigint, calls: number, each?: bigint): string {
  return each ? `${formatCount(params)} params (${calls} × ${formatCount(each)})` : `${formatCount(params)} params`;
}

/** The annotation text of one line, fields in the configured order. */
export function annotationText(
  line: LineCost,
  fields: AnnotationConfig['fields'],
  unit: 'FLOPs' | 'MACs' = 'FLOPs',
  paramsEach?: bigint,
): string {
  const parts: string[] = [];
  for (const field of fields) {
    if (field === 'shape' && line.shapes.length) parts.push(`→ ${shapeSummary(line.shapes, line.calls)}`);
    if (field === 'flops') {
      const callees = line.inclusive.flops - line.flops;
      if (line.flops > 0n || (line.shapes.length && callees <= 0n)) parts.push(formatCount(line.flops, unit));
      if (callees > 0n) parts.push(`${formatCount(callees, unit)} in calls`);
    }
    if (field === 'macs' && line.macs > 0n && !(unit === 'MACs' && fields.includes('flops')))
      parts.push(formatCount(line.macs, 'MACs'));
    if (field === 'memory' && line.activationBytes > 0n) parts.push(formatBytes(line.activationBytes));
    if (field === 'params' && line.params > 0n) parts.push(paramsText(line.params, line.calls, paramsEach));
  }
  return parts.join(' · ');
}

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
  for (const line of result.lines) {
    if (line.line < 1 || line.line > document.lineCount) continue;
    const text = annotationText(line, config.fields, flopUnit(result.convention), each.get(line.line));
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
