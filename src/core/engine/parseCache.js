// Parses each (path, text) once; an edited document is re-parsed incrementally from its previous tree.
import { parsePythonIncremental } from '../python/parse';
import { LineIndex } from '../eval/lineIndex';
const cache = new Map();
const MAX = 64;
let store;
/** Sets the persistent IR store of the current analysis (undefined: none). */
export function useIrStore(s) {
    store = s;
}
export function parseCached(path, text) {
    const hit = cache.get(path);
    if (hit && hit.text === text)
        return hit.module;
    if (!hit && store) {
        const stored = store.load(path, text);
        if (stored && Array.isArray(stored.body)) {
            if (cache.size >= MAX)
                cache.delete(cache.keys().next().value);
            cache.set(path, { text, module: stored });
            return stored;
        }
    }
    const { module, state } = parsePythonIncremental(text, hit?.state);
    if (!hit)
        store?.save(path, text, module);
    cache.delete(path);
    if (cache.size >= MAX)
        cache.delete(cache.keys().next().value);
    cache.set(path, { text, module, state });
    return module;
}
/** The line index of a file, built once per (path, text). */
export function lineIndexCached(path, text) {
    const hit = cache.get(path);
    if (hit && hit.text === text)
        return (hit.index ??= new LineIndex(text));
    return new LineIndex(text);
}
