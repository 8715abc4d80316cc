// Keeps imported (non-document) modules evaluated across analyses while their text and their imports are unchanged.
import type { Interp } from '../eval/interpreter';
import type { PyModule } from '../eval/values';
import type { JournalWrite } from '../eval/journal';

interface Entry {
  readonly text: string;
  readonly module: PyModule;
  readonly deps: readonly string[];
  /** What the module's execution wrote to objects it did not create (a library's registry, a patch of torch). */
  readonly writes: readonly JournalWrite[];
}

interface Importing {
  readonly path: string;
  readonly deps: Set<string>;
  readonly outerSegment: JournalWrite[] | undefined;
}

/**
 * A module is frozen when its execution ends (its objects then change only through the journal, undone after each
 * analysis), and what it wrote to older shared objects is replayed whenever it is reused.
 */
export class ModuleCache {
  private readonly entries = new Map<string, Entry>();
  private readonly importing: Importing[] = [];
  private valid = new Map<string, boolean>();
  /** Modules whose writes were replayed in this analysis. */
  private replayed = new Set<string>();

  constructor(private readonly ip: Interp) {}

  beginRun(): void {
    this.valid = new Map();
    this.replayed = new Set();
    this.importing.length = 0;
  }

  /** The cached module for `path`, if its text, and recursively its imports' texts, are unchanged and none is the document. */
  reuse(path: string, text: string): PyModule | undefined {
    const e = this.entries.get(path);
    if (!e || e.text !== text || !this.depsValid(e, new Set([path]))) return undefined;
    this.noteDep(path);
    this.replay(path);
    return e.module;
  }

  /** Re-applies the writes of a reused module and of its imports (once each per analysis), imports first. */
  private replay(path: string): void {
    if (this.replayed.has(path)) return;
    this.replayed.add(path);
    const e = this.entries.get(path);
    if (!e) return;
    for (const d of e.deps) this.replay(d);
    this.ip.journal.replay(e.writes);
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
    this.replayed.add(path); // executed in this analysis: its writes happen as it runs
    this.importing.push({ path, deps: new Set(), outerSegment: this.ip.journal.beginSegment() });
  }

  /** Ends a module's execution; `finished` is false when the budget or a cancellation cut it short (not cached). */
  exit(path: string, text: string, module: PyModule, finished: boolean): void {
    const top = this.importing.pop();
    if (!top) return;
    const writes = this.ip.journal.endSegment(top.outerSegment);
    if (path === this.ip.docFile || !finished) return;
    const journal = this.ip.journal;
    journal.bakeLists();
    journal.freeze(module, ...writes.map((w) => w.value as PyModule));
    this.entries.set(path, { text, module, deps: [...top.deps], writes });
  }
}
