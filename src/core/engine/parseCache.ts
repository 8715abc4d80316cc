// Parses each (path, text) once; an edited document is re-parsed incrementally from its previous tree.
import { parsePythonIncremental, type ParseState } from '../python/parse';
import type { Module } from '../python/ir';
import type { IrStore } from '../api/options';
import { LineIndex } from '../eval/lineIndex';

const cache = new Map<string, { text: string; module: Module; state?: ParseState; index?: LineIndex }>();
const MAX = 64;

let store: IrStore | undefined;
/** Sets the persistent IR store of the current analysis (undefined: none). */
export function useIrStore(s: IrStore | undefined): void {
  store = s;
}

export function parseCached(path: string, text: string): Module {
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit.module;
  if (!hit && store) {
    const stored = store.load(path, text) as Module | undefined;
    if (stored && Array.isArray(stored.body)) {
      if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
      cache.set(path, { text, module: stored });
      return stored;
    }
  }
  const { module, state } = parsePythonIncremental(text, hit?.state);
  if (!hit) store?.save(path, text, module);
  cache.delete(path);
  if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  cache.set(path, { text, module, state });
  return module;
}

/** The line index of a file, built once per (path, text). */
export function lineIndexCached(path: string, text: string): LineIndex {
  const hit = cache.get(path);
  if (hit && hit.text === text) return (hit.index ??= new LineIndex(text));
  return new LineIndex(text);
}
