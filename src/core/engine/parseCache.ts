// Parses each (path, text) once; an edited document is re-parsed incrementally from its previous tree.
import { parsePythonIncremental, type ParseState } from '../python/parse';
import type { Module } from '../python/ir';
import type { IrStore } from '../api/options';
import { LineIndex } from '../eval/lineIndex';

interface Entry {
  readonly text: string;
  readonly module: Module;
  readonly state?: ParseState;
  index?: LineIndex;
}

/** Parsed files of one engine, most recent 64 kept; an optional persistent IR store (the CLI's disk cache) behind it. */
export class ParseCache {
  private readonly entries = new Map<string, Entry>();
  private static readonly MAX = 64;

  parse(path: string, text: string, store?: IrStore): Module {
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit.module;
    if (!hit && store) {
      const stored = store.load(path, text) as Module | undefined;
      if (stored && Array.isArray(stored.body)) {
        this.put(path, { text, module: stored });
        return stored;
      }
    }
    const { module, state } = parsePythonIncremental(text, hit?.state);
    if (!hit) store?.save(path, text, module);
    this.put(path, { text, module, state });
    return module;
  }

  /** The line index of a file, built once per (path, text). */
  lineIndex(path: string, text: string): LineIndex {
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return (hit.index ??= new LineIndex(text));
    return new LineIndex(text);
  }

  private put(path: string, e: Entry): void {
    this.entries.delete(path);
    if (this.entries.size >= ParseCache.MAX) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(path, e);
  }
}
