// Commands: export a report, set entry and inputs, pick the cost convention and precision, and an internal JSON query for tests.
import * as vscode from 'vscode';
import { askInputs } from './inputsBox';
import { fileInputs } from '../protocol/inputs';
import { renderJson, type ReportFormat } from '../protocol/report';
import { pinComments, pinnedLines } from '../protocol/pinComments';
import { conventionNamed, conventionRules, languageOf } from '../core';
import { isAnalyzable } from './analysisCache';
import { conventions, precisions, settingsTarget } from './config';
import type { Deps } from './deps';
import { reportScheme } from './reportDocument';
import { activeModelDocument, modelUri } from './notebookCells';

/** The active model file; from a report document, the file it reports on. */
async function activeDocument(): Promise<vscode.TextDocument | undefined> {
  const document = activeModelDocument();
  if (document && isAnalyzable(document)) return document;
  if (document?.uri.scheme === reportScheme)
    return vscode.workspace.openTextDocument(vscode.Uri.parse(document.uri.query));
  void vscode.window.showInformationMessage('flopscope: open a Python or TS/JS model file first.');
  return undefined;
}

const formats: { label: string; format: ReportFormat; ext: string; filter: string }[] = [
  { label: 'Markdown', format: 'markdown', ext: 'md', filter: 'Markdown' },
  { label: 'CSV', format: 'csv', ext: 'csv', filter: 'CSV' },
  { label: 'JSON', format: 'json', ext: 'json', filter: 'JSON' },
];

async function exportReport(deps: Deps): Promise<void> {
  const document = await activeDocument();
  if (!document) return;
  const choice = await vscode.window.showQuickPick(formats, { title: 'flopscope: export report as' });
  if (!choice) return;
  const result = await deps.cache.get(document);
  if (!result) return void vscode.window.showWarningMessage('flopscope: no analysis result for this file.');
  const base = document.uri.path.replace(/\.[^./]*$/, '');
  const target = await vscode.window.showSaveDialog({
    defaultUri: document.uri.with({ path: `${base}.flopscope.${choice.ext}` }),
    filters: { [choice.filter]: [choice.ext] },
    title: 'flopscope: export report',
  });
  if (!target) return;
  const text = await deps.cache.render(result, choice.format, {
    fileName: vscode.workspace.asRelativePath(document.uri),
    source: document.getText(),
  });
  if (text === undefined) return void vscode.window.showWarningMessage('flopscope: the report could not be rendered.');
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`flopscope: report written to ${vscode.workspace.asRelativePath(target)}`);
}

async function setInput(deps: Deps): Promise<void> {
  const document = await activeDocument();
  if (!document) return;
  const stored = deps.inputs.get(modelUri(document));
  const result = deps.cache.peek(document);
  const entry = await vscode.window.showInputBox({
    title: 'flopscope: entry (1/2)',
    prompt: result?.entryCandidates?.length
      ? `Expression that builds the model; this file offers ${result.entryCandidates
          .slice(0, 6)
          .map((c) => c.expr)
          .join(', ')}${result.entryCandidates.length > 6 ? ', …' : ''}`
      : 'Expression that builds the model, e.g. Net(10) or resnet50(). Leave empty to let flopscope pick.',
    value: stored?.entry ?? '',
    placeHolder: result?.entry ?? result?.entryCandidates?.[0]?.expr ?? 'Net()',
  });
  if (entry === undefined) return;
  const inputs = await askInputs(
    'flopscope: input shapes (2/2)',
    'Input shapes, separated by ";", e.g. [B, 3, 224, 224] float16',
    '[B, 3, 224, 224] float32',
    stored,
  );
  if (!inputs) return;
  const how = await vscode.window.showQuickPick(
    [
      { label: 'Remember for this file', insert: false },
      {
        label: 'Remember and insert as comments in the file',
        description: '# flopscope: entry … / input x: [...]',
        insert: true,
      },
    ],
    { title: 'flopscope: how to keep these inputs' },
  );
  if (!how) return;
  await deps.inputs.set(modelUri(document), fileInputs(entry, inputs, { ...(stored?.dims ?? {}) }));
  if (how.insert && (inputs.length || entry.trim())) {
    const language = languageOf(document.languageId) ?? 'python';
    const analyzed = (await deps.cache.get(document)) ?? result; // re-analyzed with the new inputs: names of the entry's parameters
    const names = inputs.map((_, i) => analyzed?.inputs[i]?.name ?? (i === 0 ? 'x' : `x${i}`));
    // The entry too: reopening the file (without the remembered inputs) must analyze the same model.
    const comment = pinComments(entry, inputs, names, language).join('\n') + '\n';
    const stale = new vscode.WorkspaceEdit();
    for (const line of pinnedLines(document.getText(), language))
      stale.delete(document.uri, document.lineAt(line).rangeIncludingLineBreak);
    if (stale.size) await vscode.workspace.applyEdit(stale);
    const edit = new vscode.WorkspaceEdit();
    const firstLine = document.lineCount > 0 ? document.lineAt(0).text : '';
    const at = /^#!|coding[:=]/.test(firstLine) ? new vscode.Position(1, 0) : new vscode.Position(0, 0);
    edit.insert(document.uri, at, comment);
    await vscode.workspace.applyEdit(edit);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    editor?.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

async function selectSetting(key: 'convention' | 'precision', items: vscode.QuickPickItem[]): Promise<void> {
  const setting = vscode.workspace.getConfiguration('flopscope.analysis').get<string>(key);
  const current = key === 'convention' ? (conventionNamed(setting) ?? setting) : setting; // `seed` is `full`
  const picked = await vscode.window.showQuickPick(
    items.map((i) => ({
      ...i,
      picked: i.label === current,
      description: `${i.label === current ? '(current) ' : ''}${i.description ?? ''}`,
    })),
    { title: `flopscope: ${key}` },
  );
  if (picked) await vscode.workspace.getConfiguration('flopscope.analysis').update(key, picked.label, settingsTarget());
}

const conventionItems: Record<string, string> = {
  full: `${conventionRules.full.label} (default)`,
  macs: conventionRules.macs.label,
  matmul2x: conventionRules.matmul2x.label,
};
const precisionItems: Record<string, string> = {
  fp32: '4 bytes per element',
  fp16: '2 bytes per element',
  bf16: '2 bytes per element',
  mixed: 'fp16 compute with fp32 master weights',
};

export function register(deps: Deps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('flopscope.exportReport', () => exportReport(deps)),
    vscode.commands.registerCommand('flopscope.setInput', () => setInput(deps)),
    vscode.commands.registerCommand('flopscope.selectConvention', () =>
      selectSetting(
        'convention',
        conventions.map((c) => ({ label: c, detail: conventionItems[c] })),
      ),
    ),
    vscode.commands.registerCommand('flopscope.selectPrecision', () =>
      selectSetting(
        'precision',
        precisions.map((p) => ({ label: p, detail: precisionItems[p] })),
      ),
    ),
    // Not in the palette: the JSON report of a document, for tests and tooling.
    vscode.commands.registerCommand('flopscope.internal.analysisJson', async (uri: vscode.Uri) => {
      const result = await deps.cache.get(await vscode.workspace.openTextDocument(uri));
      return result ? renderJson(result) : undefined;
    }),
  );
}
