// Entries a file offers when it runs no model itself: a code lens above each ("flopscope: analyze resnet50()") and a quick pick.
import * as vscode from 'vscode';
import { askInputs } from './inputsBox';
import type { EntryCandidate } from '../core/api/result';
import { fileInputs } from '../protocol/inputs';
import type { Deps } from './deps';
import { activeModelDocument, modelUri } from './notebookCells';

const pythonFiles: vscode.DocumentSelector = [
  { language: 'python', scheme: 'file' },
  { language: 'python', scheme: 'untitled' },
  { language: 'python', scheme: 'vscode-vfs' },
  { language: 'python', scheme: 'vscode-remote' },
  { language: 'python', scheme: 'vscode-test-web' },
];

class EntryLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private readonly deps: Deps) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const candidates = this.deps.cache.peek(document)?.entryCandidates ?? [];
    return candidates
      .filter((c) => c.line >= 1 && c.line <= document.lineCount)
      .map(
        (c) =>
          new vscode.CodeLens(new vscode.Range(c.line - 1, 0, c.line - 1, 0), {
            title: `flopscope: analyze ${c.expr}`,
            tooltip: `Analyze ${c.expr} (you give its input shapes next)`,
            command: 'flopscope.analyzeEntry',
            arguments: [document.uri.toString(), c.expr],
          }),
      );
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Remembers `expr` as the file's entry after asking for its inputs (kept from before when there were some). */
async function analyzeEntry(deps: Deps, uriText: string, expr: string): Promise<void> {
  const uri = vscode.Uri.parse(uriText);
  const stored = deps.inputs.get(uri);
  const inputs = await askInputs(
    `flopscope: inputs of ${expr}`,
    'Input shapes separated by ";", e.g. [1, 3, 224, 224] float32 (empty: build the model only, no forward pass)',
    '[1, 3, 224, 224] float32',
    stored,
  );
  if (!inputs) return;
  await deps.inputs.set(uri, fileInputs(expr, inputs, { ...(stored?.dims ?? {}) }));
}

/** The active file's candidates in a quick pick. */
async function pickEntry(deps: Deps): Promise<void> {
  const document = activeModelDocument();
  if (!document) return;
  const result = await deps.cache.get(document);
  const candidates: readonly EntryCandidate[] = result?.entryCandidates ?? [];
  if (!candidates.length) {
    void vscode.window.showInformationMessage(
      'flopscope: this file offers no entry to pick (none needed, or none builds without arguments); use Set Entry and Input Shapes.',
    );
    return;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: c.expr, description: `line ${c.line}` })),
    { title: 'flopscope: analyze which model?' },
  );
  if (picked) await analyzeEntry(deps, modelUri(document).toString(), picked.label);
}

export function register(deps: Deps): vscode.Disposable {
  const lenses = new EntryLenses(deps);
  return vscode.Disposable.from(
    lenses,
    vscode.languages.registerCodeLensProvider(pythonFiles, lenses),
    deps.cache.onDidAnalyze(() => lenses.refresh()),
    vscode.commands.registerCommand('flopscope.analyzeEntry', (uri: string, expr: string) =>
      analyzeEntry(deps, uri, expr),
    ),
    vscode.commands.registerCommand('flopscope.pickEntry', () => pickEntry(deps)),
  );
}
