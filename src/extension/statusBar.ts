// Status bar totals of the active file or notebook (params · FLOPs); clicking focuses the sidebar.
import * as vscode from 'vscode';
import { flopUnit, formatCount, formatExact } from '../protocol/format';
import { atLeast, isPartial, partialText } from '../protocol/partial';
import { isAnalyzable } from './analysisCache';
import type { Deps } from './deps';
import { activeModelDocument } from './notebookCells';

export function register(deps: Deps): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('flopscope.totals', vscode.StatusBarAlignment.Right, 100);
  item.name = 'flopscope totals';
  item.command = 'flopscope.focusSidebar';

  const update = (): void => {
    const document = activeModelDocument();
    if (!document || !isAnalyzable(document)) return item.hide();
    const result = deps.cache.peek(document);
    if (!result) {
      item.text = '$(pulse) flopscope';
      item.tooltip = 'flopscope: analyzing…';
    } else {
      const t = result.totals;
      const ge = atLeast(result);
      const icon = isPartial(result) ? '$(warning)' : '$(pulse)';
      item.text = `${icon} ${ge}${formatCount(t.params)} params · ${ge}${formatCount(t.flops, flopUnit(result.convention))}`;
      item.tooltip =
        `flopscope: ${ge}${formatExact(t.params)} params · ${ge}${formatExact(t.macs)} MACs · ${ge}${formatExact(t.flops)} FLOPs forward (${result.convention}).` +
        (isPartial(result) ? ` ${partialText(result)}.` : '') +
        ' Click for details.';
    }
    item.show();
  };

  update();
  return vscode.Disposable.from(
    item,
    deps.cache.onDidAnalyze(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeActiveNotebookEditor(update),
    vscode.commands.registerCommand('flopscope.focusSidebar', () =>
      vscode.commands.executeCommand('flopscope.sidebar.focus'),
    ),
  );
}
