// Parses each (path, text) once; an edited document is re-parsed incrementally from its previous tree.
import { parsePythonIncremental } from '../python/parse';
import { LineIndex } from '../eval/lineIndex';
/** Parsed files of one engine, most recent 64 kept; an optional persistent IR store (the CLI's disk cache) behind it. */
export class ParseCache {
    entries = new Map();
    static MAX = 64;
    parse(path, text, store) {
        const hit = this.entries.get(path);
        if (hit && hit.text === text)
            return hit.module;
        if (!hit && store) {
            const stored = store.load(path, text);
            if (stored && Array.isArray(stored.body)) {
                this.put(path, { text, module: stored });
                return stored;
            }
        }
        const { module, state } = parsePythonIncremental(text, hit?.state);
        if (!hit)
            store?.save(path, text, module);
        this.put(path, { text, module, state });
        return module;
    }
    /** The line index of a file, built once per (path, text). */
    lineIndex(path, text) {
        const hit = this.entries.get(path);
        if (hit && hit.text === text)
            return (hit.index ??= new LineIndex(text));
        return new LineIndex(text);
    }
    put(path, e) {
        this.entries.delete(path);
        if (this.entries.size >= ParseCache.MAX)
            this.entries.delete(this.entries.keys().next().value);
        this.entries.set(path, e);
    }
}
