// Parses each (path, text) once; imported library files are parsed once per process.
import { parsePython } from '../python/parse';
import type { Module, Stmt } from '../python/ir';

const cache = new Map<string, { text: string; module: Module }>();
const MAX = 64;

export function parseCached(path: string, text: string): Module {
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit.module;
  const module = parsePython(text);
  if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  cache.set(path, { text, module });
  return module;
}

/** Statement spans, for clipping diagnostics to the statement that raised them. */
export function collectSpans(_body: Stmt[]): { s: number; e: number }[] {
  return [];
}
