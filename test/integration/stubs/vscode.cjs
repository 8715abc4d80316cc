// A minimal stand-in for the `vscode` module over a fake file system, for plain-Node tests of extension files.
const listeners = () => ({ dispose() {} });
class Uri {
  constructor(scheme, authority, path) {
    Object.assign(this, { scheme, authority, path, query: '', fragment: '' });
  }
  static file(path) {
    return new Uri('file', '', path);
  }
  static joinPath(base, ...parts) {
    return base.with({ path: [base.path.replace(/\/$/, ''), ...parts].join('/') });
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path);
  }
  toString() {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}
const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };
/** The fake disk: path -> text (files) and every folder implied by them; `reads` logs each path read or listed. */
const disk = { files: new Map(), links: new Set(), reads: [] };
function children(path) {
  const out = new Map();
  const prefix = path.endsWith('/') ? path : `${path}/`;
  for (const f of disk.files.keys()) {
    if (!f.startsWith(prefix)) continue;
    const [name, ...rest] = f.slice(prefix.length).split('/');
    const link = disk.links.has(prefix + name) ? FileType.SymbolicLink : 0;
    out.set(name, (rest.length ? FileType.Directory : FileType.File) | link);
  }
  return [...out];
}
const workspace = {
  workspaceFolders: [],
  textDocuments: [],
  createFileSystemWatcher: () => ({
    onDidChange: listeners,
    onDidDelete: listeners,
    onDidCreate: listeners,
    dispose() {},
  }),
  fs: {
    async readDirectory(uri) {
      disk.reads.push(uri.path);
      return children(uri.path);
    },
    async readFile(uri) {
      disk.reads.push(uri.path);
      if (!disk.files.has(uri.path)) throw new Error('ENOENT');
      return new TextEncoder().encode(disk.files.get(uri.path));
    },
  },
};
module.exports = { Uri, FileType, workspace, disk };
