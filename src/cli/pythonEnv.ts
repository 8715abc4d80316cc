// The CLI's import search roots: --python-path folders, PYTHONPATH, then the Python environment's sys.path (asked once per interpreter, cached).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { cacheDir } from './cacheDir';

export interface PythonEnvOptions {
  readonly pythonPaths: readonly string[];
  readonly python?: string;
  readonly noPythonEnv: boolean;
}

export interface ImportRoots {
  readonly roots: string[];
  /** The interpreter asked for its sys.path, when one was. */
  readonly interpreter?: string;
  /** Why an explicitly named interpreter could not be used. */
  readonly error?: string;
}

// Site folders only: the standard library's own sources are modelled natively (math, typing...) or not at all.
const script = `import sys, json, sysconfig
p = sysconfig.get_paths()
std = {p.get('stdlib'), p.get('platstdlib')}
print(json.dumps([d for d in sys.path if d and d not in std and not d.endswith(('.zip', 'lib-dynload'))]))`;

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** An executable name resolved through PATH (as a shell would), or the path itself when it has a folder part. */
function onPath(exe: string, env: NodeJS.ProcessEnv): string | undefined {
  if (exe.includes('/') || exe.includes('\\')) return isFile(resolve(exe)) ? resolve(exe) : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of process.platform === 'win32' ? [`${exe}.exe`, exe] : [exe])
      if (isFile(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function envInterpreter(prefix: string | undefined): string | undefined {
  if (!prefix) return undefined;
  for (const p of [
    join(prefix, 'bin', 'python'),
    join(prefix, 'bin', 'python3'),
    join(prefix, 'Scripts', 'python.exe'),
  ])
    if (isFile(p)) return p;
  return undefined;
}

/** sys.path of an interpreter, cached by its path and its binary's mtime and size (a reinstall changes them). */
function sysPath(exe: string): string[] | string {
  const st = statSync(exe);
  const key = createHash('sha256').update(`${exe}\0${st.mtimeMs}\0${st.size}\0${script}`).digest('hex').slice(0, 24);
  const dir = cacheDir('python-env');
  const file = dir && join(dir, `${key}.json`);
  if (file)
    try {
      const cached = JSON.parse(readFileSync(file, 'utf8'));
      if (Array.isArray(cached) && cached.every((p) => typeof p === 'string')) return cached;
    } catch {
      // not cached yet
    }
  let out: string;
  try {
    // PYTHONPATH is added by us in its own place; without it the answer depends on the interpreter alone.
    const env = { ...process.env };
    delete env.PYTHONPATH;
    out = execFileSync(exe, ['-c', script], {
      encoding: 'utf8',
      timeout: 10_000,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    return `could not run ${exe}: ${(e as Error).message.split('\n')[0]}`;
  }
  let paths: unknown;
  try {
    paths = JSON.parse(out.trim().split('\n').pop() ?? '');
  } catch {
    return `${exe} did not print its sys.path`;
  }
  if (!Array.isArray(paths)) return `${exe} did not print its sys.path`;
  const list = paths.filter((p): p is string => typeof p === 'string' && isAbsolute(p));
  if (file)
    try {
      writeFileSync(file, JSON.stringify(list));
    } catch {
      // caching is best effort
    }
  return list;
}

/** The folders searched for absolute imports after the analyzed file's own folder, in order, each once. */
export function importRoots(opts: PythonEnvOptions, env: NodeJS.ProcessEnv = process.env): ImportRoots {
  const roots: string[] = [...opts.pythonPaths.map((p) => resolve(p))];
  for (const p of (env.PYTHONPATH ?? '').split(delimiter)) if (p) roots.push(resolve(p));
  let interpreter: string | undefined;
  let error: string | undefined;
  if (!opts.noPythonEnv) {
    interpreter = opts.python
      ? onPath(opts.python, env)
      : (envInterpreter(env.VIRTUAL_ENV) ?? envInterpreter(env.CONDA_PREFIX) ?? onPath('python3', env));
    if (opts.python && !interpreter) error = `--python ${opts.python}: no such interpreter`;
    if (interpreter) {
      const paths = sysPath(interpreter);
      if (typeof paths === 'string') {
        if (opts.python) error = `--python: ${paths}`;
      } else roots.push(...paths);
    }
  }
  const seen = new Set<string>();
  return { roots: roots.filter((r) => !seen.has(r) && (seen.add(r), true) && isDir(r)), interpreter, error };
}
