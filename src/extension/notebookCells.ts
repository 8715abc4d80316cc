// Notebook cells as one program: the notebook a cell belongs to, its Python code cells in order, and a stamp of their state.
import * as vscode from 'vscode';

export const cellScheme = 'vscode-notebook-cell';

export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== cellScheme) return undefined;
  const key = document.uri.toString();
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document.uri.toString() === key));
}

/** The notebook's Python code cells, in order: what runs, top to bottom. */
export function pythonCells(notebook: vscode.NotebookDocument): vscode.TextDocument[] {
  return notebook
    .getCells()
    .filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python')
    .map((c) => c.document);
}

/** Changes whenever a code cell's text, the cells' order or the set of cells changes (not on outputs or metadata). */
export function notebookStamp(notebook: vscode.NotebookDocument): string {
  return pythonCells(notebook)
    .map((d) => `${d.uri.fragment}:${d.version}`)
    .join(',');
}

/** True when a notebook editor shows the notebook this cell belongs to. */
export function isVisibleCell(document: vscode.TextDocument): boolean {
  const notebook = notebookOf(document);
  return !!notebook && vscode.window.visibleNotebookEditors.some((e) => e.notebook === notebook);
}

/** The model the user is looking at: the active text editor's document, or the active notebook's first Python cell. */
export function activeModelDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document) return document;
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  return notebook ? pythonCells(notebook)[0] : undefined;
}

/** The URI entry and inputs are remembered under: the notebook's for a cell (its cells run as one program). */
export function modelUri(document: vscode.TextDocument): vscode.Uri {
  return notebookOf(document)?.uri ?? document.uri;
}
