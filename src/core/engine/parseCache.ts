// Parses each (path, text) once; an edited document is re-parsed incrementally from its previous tree.
import { parsePythonIncremental, type ParseState } from '../python/parse';
import type { Module } from '../python/ir';
import { LineIndex } from '../eval/lineIndex';

const cache = new Map<string, { text: string; module: Module; state: ParseState; index?: LineIndex }>();
const MAX = 64;

export function parseCached(path: string, text: string): Module {
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit.module;
  const { module, state } = parsePythonIncremental(text, hit?.state);
  cache.delete(path);
  if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  cache.set(path, { text, module, state });
  return module;
}

/** The line index of a file, built once per (path, text). */
export function lineIndexCached(path: string, text: string): LineIndex {
  const hit = cache.get(path);
  if (hit && hit.text === text) return (hit.index ??= new LineIndex(text, []));
  return new LineIndex(text, []);
}
