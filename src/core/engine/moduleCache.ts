// Keeps imported (non-document) modules evaluated across analyses while their text and their imports are unchanged.
import type { Interp } from '../eval/interpreter';
import type { PyModule } from '../eval/values';
import { lineIndexCached } from './parseCache';

interface Entry {
  readonly text: string;
  readonly module: PyModule;
  readonly deps: readonly string[];
}

class ModuleCache {
  private readonly entries = new Map<string, Entry>();
  private readonly importing: { path: string; deps: Set<string> }[] = [];
  private valid = new Map<string, boolean>();

  constructor(private readonly ip: Interp) {}

  beginRun(): void {
    this.valid = new Map();
    this.importing.length = 0;
  }

  /** The cached module for `path`, if its text, and recursively its imports' texts, are unchanged and none is the document. */
  reuse(path: string, text: string): PyModule | undefined {
    const e = this.entries.get(path);
    if (!e || e.text !== text || !this.depsValid(e, new Set([path]))) return undefined;
    this.noteDep(path);
    this.adoptDeps(e, new Set([path]));
    return e.module;
  }

  /** A reused module's imports are this run's modules too (one class identity per file; line numbers for messages). */
  private adoptDeps(e: Entry, seen: Set<string>): void {
    for (const d of e.deps) {
      const de = this.entries.get(d);
      if (seen.has(d) || !de) continue;
      seen.add(d);
      if (!this.ip.modules.has(d)) {
        this.ip.modules.set(d, de.module);
        this.ip.registerSource(d, de.text, lineIndexCached(d, de.text));
      }
      this.adoptDeps(de, seen);
    }
  }

  private depsValid(e: Entry, seen: Set<string>): boolean {
    for (const d of e.deps) {
      if (d === this.ip.docFile) return false;
      if (seen.has(d)) continue;
      seen.add(d);
      let ok = this.valid.get(d);
      if (ok === undefined) {
        const de = this.entries.get(d);
        ok = !!de && this.ip.loader.read(d) === de.text && this.depsValid(de, seen);
        this.valid.set(d, ok);
      }
      if (!ok) return false;
    }
    return true;
  }

  private noteDep(path: string): void {
    this.importing[this.importing.length - 1]?.deps.add(path);
  }

  enter(path: string): void {
    this.noteDep(path);
    this.importing.push({ path, deps: new Set() });
  }

  exit(path: string, text: string, module: PyModule): void {
    const top = this.importing.pop();
    if (path === this.ip.docFile || !top) return;
    this.entries.set(path, { text, module, deps: [...top.deps] });
  }
}

const caches = new WeakMap<Interp, ModuleCache>();
export function moduleCache(ip: Interp): ModuleCache {
  let c = caches.get(ip);
  if (!c) caches.set(ip, (c = new ModuleCache(ip)));
  return c;
}
