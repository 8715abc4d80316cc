// import statements: native modules (torch, math, typing, ...) and sibling files read through the injected reader.
import type { Interp } from './interpreter';
import { dirname, join } from './paths';
import { getAttr, lookupAttr } from './attributes';
import { LazyImport, PyModule, Unknown, UnresolvedImport, type Value } from './values';
import { Scope } from './scope';
import { PyException } from './errors';

/** Native module factories, keyed by dotted name; filled by the stdlib and torch layers. */
export type NativeModules = Map<string, (ip: Interp) => PyModule>;

/** Executes a source file as a module (provided by the facade, which owns parsing). */
export type ModuleRunner = (ip: Interp, path: string, name: string) => PyModule | undefined;

export interface ImportContext {
  readonly natives: NativeModules;
  readonly run: ModuleRunner;
}

export function setImportContext(ip: Interp, ctx: ImportContext): void {
  ip.importContext = ctx;
}

function nativeModule(ip: Interp, name: string): PyModule | undefined {
  const cached = ip.modules.get(name);
  if (cached) return cached;
  const make = ip.importContext?.natives.get(name);
  if (!make) return undefined;
  // A native module is part of the shared world, whichever analysis first imports it: built outside the journal, frozen.
  const m = ip.journal.shared(() => make(ip));
  ip.journal.freeze(m);
  ip.modules.set(name, m);
  return m;
}

function candidates(ip: Interp, fromFile: string, dotted: string, level: number): string[] {
  // Absolute imports search the analyzed document's folder (Python's sys.path[0]); relative ones walk up from the importer.
  let base = level === 0 ? dirname(ip.docFile) : dirname(fromFile);
  for (let i = 1; i < level; i++) {
    // More dots than folders: Python's "attempted relative import beyond top-level package"; nothing to read.
    if (dirname(base) === base) return [];
    base = dirname(base);
  }
  const rel = dotted ? dotted.split('.').join('/') : '';
  const out = rel ? [join(base, rel + '.py'), join(base, rel, '__init__.py')] : [join(base, '__init__.py')];
  // An absolute import of the importer's own package (`from torchvision.ops import X` inside torchvision/models/):
  // the package's parent folder is on sys.path whenever the package is importable at all. Only a package (a folder with
  // __init__.py) counts: an ancestor folder that merely shares the name is not importable.
  if (level === 0)
    for (let d = dirname(fromFile), top = rel.split('/')[0]; d !== '/' && d !== '.'; d = dirname(d)) {
      if (d.slice(d.lastIndexOf('/') + 1) === top && ip.loader.read(join(d, '__init__.py')) !== undefined) {
        out.push(join(dirname(d), rel + '.py'), join(dirname(d), rel, '__init__.py'));
        break;
      }
    }
  return out;
}

/** Resolves a module by dotted name relative to a file (level = number of leading dots; 0 = absolute). */
function resolve(ip: Interp, fromFile: string, dotted: string, level: number): PyModule | undefined {
  if (level === 0) {
    const n = nativeModule(ip, dotted);
    if (n) return n;
  }
  const ctx = ip.importContext;
  for (const path of candidates(ip, fromFile, dotted, level)) {
    const cached = ip.modules.get(path);
    if (cached) return cached;
    const m = ctx?.run(ip, path, dotted || dirname(path));
    if (m) return m;
  }
  return undefined;
}

export function importModule(ip: Interp, dotted: string, alias: string | undefined, scope: Scope): void {
  const file = ip.frames[ip.frames.length - 1].file;
  const m = resolve(ip, file, dotted, 0);
  if (alias) {
    scope.assign(alias, m ?? unresolved(ip, dotted, alias));
    return;
  }
  const top = dotted.split('.')[0];
  scope.assign(top, (top === dotted ? m : resolve(ip, file, top, 0)) ?? unresolved(ip, dotted, top));
}

/** True when `dotted` names a file module that exists but has not run in this analysis: binding its names lazily saves work. */
function unloadedFile(ip: Interp, fromFile: string, dotted: string, level: number): boolean {
  if (level === 0 && ip.importContext?.natives.has(dotted)) return false;
  for (const p of candidates(ip, fromFile, dotted, level)) {
    if (ip.modules.has(p)) return false;
    if (ip.loader.read(p) !== undefined) return true;
  }
  return false;
}

export function importFrom(
  ip: Interp,
  dotted: string,
  level: number,
  names: { name: string; alias?: string }[],
  scope: Scope,
): void {
  const file = ip.frames[ip.frames.length - 1].file;
  if (names.every((n) => n.name !== '*') && (dotted ? unloadedFile(ip, file, dotted, level) : level > 0)) {
    for (const n of names) {
      const pos = ip.frames[ip.frames.length - 1].pos;
      scope.assign(
        n.alias ?? n.name,
        new LazyImport(
          `${'.'.repeat(level)}${dotted}.${n.name}`,
          () => {
            const tmp = new Scope('module', undefined, ip.builtins);
            ip.withFrame(file, pos, () => importFromNow(ip, file, dotted, level, [{ name: n.name }], tmp));
            return tmp.vars.get(n.name) ?? new Unknown(`name ${n.name}`);
          },
          () => ip.runId,
        ),
      );
    }
    return;
  }
  importFromNow(ip, file, dotted, level, names, scope);
}

function importFromNow(
  ip: Interp,
  file: string,
  dotted: string,
  level: number,
  names: { name: string; alias?: string }[],
  scope: Scope,
): void {
  if (!dotted && level > 0 && names.every((n) => n.name !== '*')) {
    // `from . import a, b`: each name is most often a sibling module; only fall back to the package's __init__.
    let pkg: PyModule | undefined | null = null;
    for (const { name, alias } of names) {
      let v: Value | undefined = resolve(ip, file, name, level);
      if (!v) {
        if (pkg === null) pkg = resolve(ip, file, '', level);
        v = pkg ? lookupAttr(ip, pkg, name) : undefined;
      }
      scope.assign(alias ?? name, v ?? unresolved(ip, '.'.repeat(level), alias ?? name));
    }
    return;
  }
  const m = resolve(ip, file, dotted, level);
  for (const { name, alias } of names) {
    if (name === '*') {
      if (m) for (const [k, v] of m.attrs) if (!k.startsWith('_')) scope.assign(k, v);
      continue;
    }
    let v: Value | undefined = m ? lookupAttr(ip, m, name) : undefined;
    if (v === undefined && m) {
      // `from pkg import submodule`
      v = resolve(ip, file, dotted ? `${dotted}.${name}` : name, level);
    }
    scope.assign(
      alias ?? name,
      v ?? (m ? getAttr(ip, m, name) : unresolved(ip, `${'.'.repeat(level)}${dotted}`, alias ?? name)),
    );
  }
}

/** The value bound by an import that resolves to nothing: an Unknown that remembers the import, so each use is a gap. */
function unresolved(ip: Interp, module: string, label: string): Unknown {
  // A missing part of a modelled library (`torch.onnx`) is an unmodelled API, not a missing file: plain Unknown.
  const top = module.split('.')[0];
  if (top && ip.importContext?.natives.has(top)) return new Unknown(`name ${label}`);
  // Inside `try: ... except ImportError:` the fallback is what real Python runs where the module is missing.
  if (ip.importGuard > 0) throw new PyException('ModuleNotFoundError', `No module named '${module}'`);
  const f = ip.frames[ip.frames.length - 1];
  const at = f.file === ip.docFile ? ip.lineIndex.get(f.file)?.statementSpan(f.pos) : undefined;
  return new UnresolvedImport(`name ${label}`, module, label, at);
}

/** A use (call, base class) of an unresolved import: a warning at the import naming it, and an unknown op at the use. */
export function useOfUnresolved(ip: Interp, v: UnresolvedImport): void {
  ip.recorder.unknownOp(ip, `${v.label} (unresolved import)`);
  ip.report(
    'warning',
    'unresolved-import',
    `flopscope: cannot resolve the import '${v.module}': '${v.label}' and what it builds are unknown`,
    v.at,
  );
}
