// Preloads sibling source files (folder, package parent, subpackages) so core's synchronous import reader can see them.
import * as vscode from 'vscode';
import { normalizePath } from '../protocol/paths';
import type { FileView } from './runner';

const sourceFile = /\.(py|pyi|ts|js|mjs)$/;
const maxFilesPerFolder = 200;

export class FileCache implements vscode.Disposable {
  private readonly files = new Map<string, string>();
  private readonly loadedFolders = new Set<string>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.{py,pyi,ts,js,mjs}');
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `extraRoots`: folders outside the workspace that imports may also read (e.g. configured import paths). */
  constructor(private readonly extraRoots: () => readonly vscode.Uri[] = () => []) {
    const drop = (uri: vscode.Uri): void => void this.files.delete(uri.path);
    this.subscriptions.push(
      this.watcher,
      this.watcher.onDidChange(drop),
      this.watcher.onDidDelete(drop),
      this.watcher.onDidCreate((uri) => this.loadedFolders.delete(parentPath(uri.path))),
    );
  }

  /**
   * Reads the document's folder, its parent, and the folder's direct subfolders, once each; only what lies inside a
   * workspace folder or an extra root (`extraRoots`: configured import paths). A document outside every workspace
   * folder gets its own folder and subfolders, never their parent.
   */
  async preload(document: vscode.TextDocument): Promise<void> {
    const folder = document.uri.with({ path: parentPath(document.uri.path), query: '', fragment: '' });
    const parent = folder.with({ path: parentPath(folder.path) });
    const roots = [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri), ...this.extraRoots()];
    const inside = (uri: vscode.Uri): boolean => roots.some((r) => within(r, uri));
    const allowed = inside(folder) ? inside : (uri: vscode.Uri) => within(folder, uri);
    const subfolders = allowed(folder) ? await this.loadFolder(folder) : [];
    await Promise.all([parent, ...subfolders.slice(0, 20)].filter(allowed).map((s) => this.loadFolder(s)));
  }

  /** The files as an analysis sees them: open documents first (unsaved edits count), then preloaded files. */
  view(): FileView {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.path, d]));
    return {
      read: (path) => {
        const key = normalizePath(path);
        return open.get(key)?.getText() ?? this.files.get(key);
      },
      entries: () => {
        const all = new Map(this.files);
        for (const [path, d] of open) if (sourceFile.test(path)) all.set(path, d.getText());
        return all;
      },
    };
  }

  private async loadFolder(folder: vscode.Uri): Promise<vscode.Uri[]> {
    const subfolders: vscode.Uri[] = [];
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return subfolders;
    }
    const firstLoad = !this.loadedFolders.has(folder.toString());
    this.loadedFolders.add(folder.toString());
    const reads: Promise<void>[] = [];
    for (const [name, type] of entries.slice(0, maxFilesPerFolder)) {
      const uri = vscode.Uri.joinPath(folder, name);
      if (type === vscode.FileType.Directory && !name.startsWith('.') && name !== 'node_modules') subfolders.push(uri);
      if (type !== vscode.FileType.File || !sourceFile.test(name)) continue;
      if (!firstLoad && this.files.has(uri.path)) continue;
      reads.push(
        Promise.resolve(vscode.workspace.fs.readFile(uri)).then(
          (bytes) => void this.files.set(uri.path, new TextDecoder().decode(bytes)),
          () => undefined,
        ),
      );
    }
    await Promise.all(reads);
    return subfolders;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function parentPath(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

/** True when `uri` is `root` or lies below it (same scheme and authority). */
function within(root: vscode.Uri, uri: vscode.Uri): boolean {
  if (root.scheme !== uri.scheme || root.authority !== uri.authority) return false;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path === root.path || uri.path.startsWith(base);
}
