import { lineIndexCached } from './parseCache';
class ModuleCache {
    ip;
    entries = new Map();
    importing = [];
    valid = new Map();
    constructor(ip) {
        this.ip = ip;
    }
    beginRun() {
        this.valid = new Map();
        this.importing.length = 0;
    }
    /** The cached module for `path`, if its text, and recursively its imports' texts, are unchanged and none is the document. */
    reuse(path, text) {
        const e = this.entries.get(path);
        if (!e || e.text !== text || !this.depsValid(e, new Set([path])))
            return undefined;
        this.noteDep(path);
        this.adoptDeps(e, new Set([path]));
        return e.module;
    }
    /** A reused module's imports are this run's modules too (one class identity per file; line numbers for messages). */
    adoptDeps(e, seen) {
        for (const d of e.deps) {
            const de = this.entries.get(d);
            if (seen.has(d) || !de)
                continue;
            seen.add(d);
            if (!this.ip.modules.has(d)) {
                this.ip.modules.set(d, de.module);
                this.ip.registerSource(d, de.text, lineIndexCached(d, de.text));
            }
            this.adoptDeps(de, seen);
        }
    }
    depsValid(e, seen) {
        for (const d of e.deps) {
            if (d === this.ip.docFile)
                return false;
            if (seen.has(d))
                continue;
            seen.add(d);
            let ok = this.valid.get(d);
            if (ok === undefined) {
                const de = this.entries.get(d);
                ok = !!de && this.ip.loader.read(d) === de.text && this.depsValid(de, seen);
                this.valid.set(d, ok);
            }
            if (!ok)
                return false;
        }
        return true;
    }
    noteDep(path) {
        this.importing[this.importing.length - 1]?.deps.add(path);
    }
    enter(path) {
        this.noteDep(path);
        this.importing.push({ path, deps: new Set() });
    }
    exit(path, text, module) {
        const top = this.importing.pop();
        if (path === this.ip.docFile || !top)
            return;
        this.entries.set(path, { text, module, deps: [...top.deps] });
    }
}
const caches = new WeakMap();
export function moduleCache(ip) {
    let c = caches.get(ip);
    if (!c)
        caches.set(ip, (c = new ModuleCache(ip)));
    return c;
}
