// Where library imports are found in the editor: flopscope.python.extraPaths, then the Python environment's sys.path
// (interpreter from the Python extension's API, else python.defaultInterpreterPath, else a workspace .venv/venv).
import * as vscode from 'vscode';

/** Runs `python -c script` and returns stdout (desktop only; undefined on the web). */
export type PythonRunner = (exe: string, script: string) => Promise<string>;

const sysPathScript = `import sys, json, sysconfig
p = sysconfig.get_paths()
std = {p.get('stdlib'), p.get('platstdlib')}
print(json.dumps([d for d in sys.path if d and d not in std and not d.endswith(('.zip', 'lib-dynload'))]))`;

interface PythonApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(path: { path: string } | string): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The interpreter the user selected: the Python extension's, else python.defaultInterpreterPath, else .venv/venv. */
async function interpreter(folder: vscode.Uri | undefined): Promise<string | undefined> {
  try {
    const ext = vscode.extensions.getExtension<PythonApi>('ms-python.python');
    const api = ext && (ext.isActive ? ext.exports : await ext.activate());
    const env = api?.environments;
    if (env) {
      const resolved = await env.resolveEnvironment(env.getActiveEnvironmentPath(folder));
      if (resolved?.executable.uri) return resolved.executable.uri.fsPath;
    }
  } catch {
    // the Python extension is absent or failed: fall through
  }
  const configured = vscode.workspace.getConfiguration('python', folder).get<string>('defaultInterpreterPath');
  if (configured && configured !== 'python' && configured !== 'python3') return configured;
  for (const venv of ['.venv', 'venv'])
    for (const bin of ['bin/python', 'Scripts/python.exe'])
      if (folder && (await exists(vscode.Uri.joinPath(folder, venv, bin))))
        return vscode.Uri.joinPath(folder, venv, bin).fsPath;
  return undefined;
}

/** site-packages folders of an environment read from disk, without running it (untrusted workspaces). */
async function sitePackages(exe: string): Promise<string[]> {
  const prefix = vscode.Uri.file(exe.replace(/[\\/](bin|Scripts)[\\/][^\\/]+$/, ''));
  const out: string[] = [];
  try {
    for (const [name] of await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(prefix, 'lib')))
      if (/^python\d/.test(name) && (await exists(vscode.Uri.joinPath(prefix, 'lib', name, 'site-packages'))))
        out.push(vscode.Uri.joinPath(prefix, 'lib', name, 'site-packages').fsPath);
  } catch {
    // no lib folder (Windows layout): Lib/site-packages
  }
  if (await exists(vscode.Uri.joinPath(prefix, 'Lib', 'site-packages')))
    out.push(vscode.Uri.joinPath(prefix, 'Lib', 'site-packages').fsPath);
  return out;
}

/** The import roots of the workspace, recomputed on refresh(); roots() is what analyses use meanwhile. */
export class PythonEnvironment implements vscode.Disposable {
  private current: readonly string[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly run?: PythonRunner) {}

  roots(): readonly string[] {
    return this.current;
  }

  /** How the user gives a missing module here, said in the message of an import that cannot be found. */
  importHint(): string {
    return this.run
      ? 'Select the Python interpreter that has it (Python: Select Interpreter), or add its folder to the setting flopscope.python.extraPaths'
      : 'Add its folder to the setting flopscope.python.extraPaths (read from the workspace)';
  }

  async refresh(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const extra = vscode.workspace.getConfiguration('flopscope.python').get<string[]>('extraPaths') ?? [];
    const roots = extra.map((p) =>
      folder && !/^([/\\]|[A-Za-z]:)/.test(p) ? vscode.Uri.joinPath(folder, p).fsPath : p,
    );
    if (!this.run) {
      // The web: the workspace folders and the extra paths (nothing can be spawned).
      roots.push(...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.path));
    } else {
      const exe = await interpreter(folder);
      if (exe && vscode.workspace.isTrusted) {
        try {
          const paths: unknown = JSON.parse((await this.run(exe, sysPathScript)).trim().split('\n').pop() ?? '[]');
          if (Array.isArray(paths)) roots.push(...paths.filter((p): p is string => typeof p === 'string'));
        } catch {
          roots.push(...(await sitePackages(exe)));
        }
      } else if (exe) roots.push(...(await sitePackages(exe)));
    }
    const next = [...new Set(roots)];
    if (next.join('\n') !== this.current.join('\n')) {
      this.current = next;
      this.emitter.fire();
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
