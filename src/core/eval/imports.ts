// import statements: native modules (torch, math, typing, ...) and sibling files read through the injected reader.
import type { Interp } from './interpreter';
import { dirname, join } from './paths';
import { getAttr, lookupAttr } from './attributes';
import { LazyImport, PyList, PyModule, PyTuple, Unknown, UnresolvedImport, type Value } from './values';
import { addLazyStar, lazyStars, mayExport, type Locate } from './lazyStar';
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

export function nativeModule(ip: Interp, name: string): PyModule | undefined {
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

/** Per world: the files a module name can be in below a folder (folder -> dotted name -> paths); pure, so kept. */
const inDirMemo = new WeakMap<Interp, Map<string, Map<string, readonly string[]>>>();

/** `a.b` below `base`: base/a/b.py, base/a/b/__init__.py (the same string objects each time, so lookups hash once). */
function filesIn(ip: Interp, base: string, dotted: string): readonly string[] {
  let byBase = inDirMemo.get(ip);
  if (!byBase) inDirMemo.set(ip, (byBase = new Map()));
  let byName = byBase.get(base);
  if (!byName) byBase.set(base, (byName = new Map()));
  let paths = byName.get(dotted);
  if (!paths) {
    const rel = dotted ? dotted.split('.').join('/') : '';
    paths = rel ? [join(base, rel + '.py'), join(base, rel, '__init__.py')] : [join(base, '__init__.py')];
    byName.set(dotted, paths);
  }
  return paths;
}

function candidates(ip: Interp, fromFile: string, dotted: string, level: number): readonly string[] {
  const rel = dotted ? dotted.split('.').join('/') : '';
  const inDir = (base: string) => filesIn(ip, base, dotted);
  if (level > 0) {
    // Relative imports walk up from the importer.
    let base = dirname(fromFile);
    for (let i = 1; i < level; i++) {
      // More dots than folders: Python's "attempted relative import beyond top-level package"; nothing to read.
      if (dirname(base) === base) return [];
      base = dirname(base);
    }
    return inDir(base);
  }
  // Absolute imports: the analyzed document's folder (Python's sys.path[0]), then the import roots in order.
  const out = [...inDir(dirname(ip.docFile))];
  for (const root of ip.loader.roots ?? []) out.push(...inDir(root));
  // An absolute import of the importer's own package (`from torchvision.ops import X` inside torchvision/models/):
  // the package's parent folder is on sys.path whenever the package is importable at all. Only a package (a folder with
  // __init__.py) counts: an ancestor folder that merely shares the name is not importable.
  for (let d = dirname(fromFile), top = rel.split('/')[0]; d !== '/' && d !== '.'; d = dirname(d)) {
    if (d.slice(d.lastIndexOf('/') + 1) === top && ip.loader.read(filesIn(ip, d, '')[0]) !== undefined) {
      out.push(...inDir(dirname(d)));
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
    const m = ctx?.run(ip, path, rootedName(ip, path) ?? (dotted || dirname(path)));
    if (m) return m;
  }
  return undefined;
}

/**
 * The module name Python gives a file found under an import root, as its `__name__` (`.auto_docstring` imported in
 * transformers/utils is `transformers.utils.auto_docstring`); undefined outside the roots.
 */
function rootedName(ip: Interp, path: string): string | undefined {
  const root = (ip.loader.roots ?? []).find((r) => path.startsWith(r.endsWith('/') ? r : r + '/'));
  if (root === undefined) return undefined;
  const rel = path
    .slice(root.length)
    .replace(/^\/+/, '')
    .replace(/(\/__init__)?\.py$/, '');
  return /^[A-Za-z_][\w]*(\/[A-Za-z_][\w]*)*$/.test(rel) ? rel.replace(/\//g, '.') : undefined;
}

/** The one warning of an unresolved import line: what could not be found, the names used from it, what to do. */
export interface ImportNote {
  /** Where the warning is in `ip.diagnostics`. */
  readonly index: number;
  readonly head: string;
  readonly tail: string;
  readonly names: string[];
}

function importMessage(n: Pick<ImportNote, 'head' | 'tail' | 'names'>): string {
  const q = n.names.map((x) => `'${x}'`).join(', ');
  const what =
    n.names.length === 0
      ? 'names from it are unknown'
      : `${q} and what ${n.names.length === 1 ? 'it builds are' : 'they build are'} unknown`;
  return `${n.head}; ${what}${n.tail}`;
}

/** A note at the document's import line: which module could not be found, so the names it gives are unknown. */
function reportUnresolved(ip: Interp, dotted: string, level: number): void {
  // A library's own missing imports are said where they matter: at a use inside a model's forward (useOfUnresolved).
  const f = ip.frames[ip.frames.length - 1];
  if (f?.file !== ip.docFile) return;
  const name = '.'.repeat(level) + dotted;
  const top = dotted.split('.')[0];
  const natives = ip.importContext?.natives;
  const roots = ip.loader.roots?.length ?? 0;
  const modelled = level === 0 && natives && [...natives.keys()].some((k) => k === top || k.startsWith(top + '.'));
  const note = {
    head: modelled
      ? `flopscope: module '${name}' is not modelled`
      : `flopscope: cannot find module '${name}' (searched the file's folder${roots ? ` and ${roots} import path${roots === 1 ? '' : 's'}` : ''})`,
    tail: modelled
      ? ''
      : `. ${ip.loader.importHint ?? 'Give the Python environment (CLI: --python EXE or --python-path DIR; editor: the selected interpreter or flopscope.python.extraPaths)'}`,
    names: [],
  };
  const before = ip.diagnostics.length;
  ip.report('warning', 'unresolved-import', importMessage(note));
  const d = ip.diagnostics[before];
  if (d) ip.importNotes.set(`${d.span.line}|${name}`, { ...note, index: before });
}

export function importModule(ip: Interp, dotted: string, alias: string | undefined, scope: Scope): void {
  const file = ip.frames[ip.frames.length - 1].file;
  const m = resolve(ip, file, dotted, 0);
  if (!m) reportUnresolved(ip, dotted, 0);
  if (alias) {
    scope.assign(alias, m ?? unresolved(ip, dotted, alias));
    return;
  }
  const top = dotted.split('.')[0];
  const topModule = top === dotted ? m : resolve(ip, file, top, 0);
  // `import a.b.c` binds `a`, and each package gets its submodule as an attribute (a.b, a.b.c).
  if (m && topModule && top !== dotted) {
    const parts = dotted.split('.');
    let parent: PyModule | undefined = topModule;
    for (let i = 1; i < parts.length && parent; i++) {
      const child = i === parts.length - 1 ? m : resolve(ip, file, parts.slice(0, i + 1).join('.'), 0);
      if (child && !parent.attrs.has(parts[i])) {
        // A modelled package's modelled submodule (collections.abc) belongs to the shared world like both modules:
        // journaled, it would vanish after this analysis for a cached library module whose import found it set.
        const [p, c, name] = [parent, child, parts[i]];
        if (p.file === undefined && c.file === undefined) ip.journal.shared(() => p.attrs.set(name, c));
        else p.attrs.set(name, c);
      }
      parent = child;
    }
  }
  scope.assign(top, topModule ?? unresolved(ip, dotted, top));
}

/** The file a module name resolves to and its text, without running it (native modules: none). */
function locate(ip: Interp, fromFile: string, dotted: string, level: number): [string, string] | undefined {
  if (level === 0 && ip.importContext?.natives.has(dotted)) return undefined;
  for (const p of candidates(ip, fromFile, dotted, level)) {
    const text = ip.loader.read(p);
    if (text !== undefined) return [p, text];
  }
  return undefined;
}

const resolvingStar = new Set<string>();

/**
 * A name a module namespace may get from its lazy `import *`s: the last source whose text exports it runs, and the
 * name is bound in the namespace. Undefined when none gives it.
 */
export function starName(ip: Interp, attrs: Map<string, Value>, name: string): Value | undefined {
  const list = lazyStars(attrs);
  if (list.length === 0) return undefined;
  const loc: Locate = (f, d, l) => locate(ip, f, d, l);
  for (let i = list.length - 1; i >= 0; i--) {
    const s = list[i];
    if (!mayExport(ip, loc, s, name)) continue;
    const key = `${s.fromFile}|${s.level}|${s.dotted}|${name}`;
    if (resolvingStar.has(key)) continue;
    resolvingStar.add(key);
    try {
      const m = resolve(ip, s.fromFile, s.dotted, s.level);
      const v = m ? lookupAttr(ip, m, name) : undefined;
      if (v !== undefined) {
        attrs.set(name, v);
        return v;
      }
    } finally {
      resolvingStar.delete(key);
    }
  }
  return undefined;
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
  if (names.length === 1 && names[0].name === '*' && unloadedFile(ip, file, dotted, level)) {
    // `from M import *` of a file not run yet: M runs when a name it exports is first looked up here.
    addLazyStar(scope.vars, { fromFile: file, dotted, level });
    return;
  }
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
  if (!m) reportUnresolved(ip, dotted, level);
  for (const { name, alias } of names) {
    if (name === '*') {
      if (m) starImport(ip, m, scope);
      continue;
    }
    const sub = dotted ? `${dotted}.${name}` : name;
    // `from pkg import submodule`: a package whose names come from lazy star imports is not searched for it first,
    // unless the submodule's own star import gives that name (torchvision: `from .alexnet import *` binds the function
    // alexnet over the submodule alexnet, as Python's star import runs after the submodule is set on the package).
    const lazyPkg = m !== undefined && !m.attrs.has(name) && lazyStars(m.attrs).length > 0;
    const subFile = lazyPkg ? locate(ip, file, sub, level) : undefined;
    const ownStar =
      subFile &&
      lazyStars(m!.attrs).some(
        (st) =>
          st.level > 0 &&
          candidates(ip, st.fromFile, st.dotted, st.level).includes(subFile[0]) &&
          mayExport(ip, (f, d, l) => locate(ip, f, d, l), st, name),
      );
    let v: Value | undefined = subFile && !ownStar ? resolve(ip, file, sub, level) : undefined;
    v ??= m ? lookupAttr(ip, m, name) : undefined;
    if (v === undefined && m) v = resolve(ip, file, sub, level);
    scope.assign(
      alias ?? name,
      v ?? (m ? getAttr(ip, m, name) : unresolved(ip, `${'.'.repeat(level)}${dotted}`, alias ?? name)),
    );
  }
}

/** An eager `import *` of a module that has run: its __all__ (else its public names), and its own lazy star imports. */
function starImport(ip: Interp, m: PyModule, scope: Scope): void {
  const all = m.attrs.get('__all__');
  const names = all instanceof PyList || all instanceof PyTuple ? all.items : undefined;
  if (names) {
    for (const n of names) if (typeof n === 'string') scope.assign(n, lookupAttr(ip, m, n) ?? new Unknown(`name ${n}`));
  } else for (const [k, v] of m.attrs) if (!k.startsWith('_')) scope.assign(k, v);
  for (const s of lazyStars(m.attrs)) addLazyStar(scope.vars, s);
}

/** importlib.import_module(name, package): the module, run if needed; undefined when it cannot be found. */
export function importByName(ip: Interp, name: string, pkg?: string): PyModule | undefined {
  const file = ip.frames[ip.frames.length - 1]?.file ?? ip.docFile;
  const level = name.length - name.replace(/^\.+/, '').length;
  if (!level) return resolve(ip, file, name, 0);
  // A relative name is relative to `package` (importlib.import_module(".llama", "transformers.models")), as CPython.
  if (pkg === undefined)
    throw new PyException('TypeError', "the 'package' argument is required to perform a relative import");
  const base = pkg.split('.');
  if (level - 1 >= base.length)
    throw new PyException('ImportError', 'attempted relative import beyond top-level package');
  const absolute = [...base.slice(0, base.length - (level - 1)), name.slice(level)].filter((p) => p).join('.');
  return resolve(ip, file, absolute, 0);
}

/** importlib.util.find_spec: whether a module is importable (native, or a file on the import path). */
export function moduleExists(ip: Interp, dotted: string): boolean {
  const file = ip.frames[ip.frames.length - 1]?.file ?? ip.docFile;
  return ip.importContext?.natives.has(dotted) === true || locate(ip, file, dotted, 0) !== undefined;
}

/** A module run in this analysis (or a native one) by its `__name__` (sys.modules[name]). */
export function modulesByName(ip: Interp, name: string): PyModule | undefined {
  const direct = ip.modules.get(name);
  if (direct) return direct;
  for (const m of ip.modules.values()) if (m.attrs.get('__name__') === name) return m;
  return undefined;
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
  // In library code only a model's forward matters (as for undecided branches): a missing stdlib helper used while
  // a library sets itself up (logging, locks) builds nothing that is costed.
  const top = ip.frames[ip.frames.length - 1];
  if (top && top.file !== ip.docFile && ip.recorder.moduleStack.length === 0) return;
  ip.recorder.unknownOp(ip, `${v.label} (unresolved import)`);
  // The import line already has its warning: the name used joins it (one warning per line, naming what is unknown).
  const line = v.at ? ip.lineIndex.get(ip.docFile)?.line(v.at.s) : undefined;
  const note = line !== undefined ? ip.importNotes.get(`${line}|${v.module}`) : undefined;
  if (note) {
    if (!note.names.includes(v.label)) note.names.push(v.label);
    ip.diagnostics[note.index] = { ...ip.diagnostics[note.index], message: importMessage(note) };
    return;
  }
  ip.report(
    'warning',
    'unresolved-import',
    `flopscope: cannot resolve the import '${v.module}': '${v.label}' and what it builds are unknown`,
    v.at,
  );
}

/**
 * A string key missing from a module-level dict while its package's star imports are still lazy: a registry (timm's
 * `_model_entrypoints` in timm/models/_registry.py) that Python filled when timm/models/__init__.py imported every
 * model module. The package's pending star sources that define the key at top level (`def resnet50(`, whatever their
 * __all__ says) run now, so their decorators register it; once per key and analysis; true when one ran.
 */
export function runPendingExporter(ip: Interp, key: string, dict: Value): boolean {
  if (!/^[A-Za-z_]\w*$/.test(key) || ip.registryTried.has(key)) return false;
  let owner: PyModule | undefined;
  for (const m of ip.modules.values()) {
    for (const v of m.attrs.values())
      if (v === dict) {
        owner = m;
        break;
      }
    if (owner) break;
  }
  if (!owner?.file) return false;
  ip.registryTried.add(key);
  const pkgInit = join(dirname(owner.file), '__init__.py');
  const pkg = ip.modules.get(pkgInit);
  if (!pkg) return false;
  const defines = new RegExp(`^(?:def|class)\\s+${key}\\b|^${key}\\s*=`, 'm');
  let ran = false;
  for (const st of lazyStars(pkg.attrs)) {
    const src = locate(ip, st.fromFile, st.dotted, st.level);
    if (!src || ip.modules.has(src[0]) || !src[1].includes(key) || !defines.test(src[1])) continue;
    if (resolve(ip, st.fromFile, st.dotted, st.level)) ran = true;
  }
  return ran;
}
