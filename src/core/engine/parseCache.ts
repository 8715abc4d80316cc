// Parses each (path, text) once; imported library files are parsed once per process.
import { parsePython } from '../python/parse';
import type { Module } from '../python/ir';

import { LineIndex } from '../eval/lineIndex';

const cache = new Map<string, { text: string; module: Module; index?: LineIndex }>();
const MAX = 64;

export function parseCached(path: string, text: string): Module {
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit.module;
  const module = parsePython(text);
  if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  cache.set(path, { text, module });
  return module;
}

/** The line index of a file, built once per (path, text). */
export function lineIndexCached(path: string, text: string): LineIndex {
  const hit = cache.get(path);
  if (hit && hit.text === text) return (hit.index ??= new LineIndex(text, []));
  return new LineIndex(text, []);
}
