/**
 * A module is frozen when its execution ends (its objects then change only through the journal, undone after each
 * analysis), and what it wrote to older shared objects is replayed whenever it is reused.
 */
export class ModuleCache {
    ip;
    entries = new Map();
    importing = [];
    valid = new Map();
    /** Modules whose writes were replayed in this analysis. */
    replayed = new Set();
    constructor(ip) {
        this.ip = ip;
    }
    beginRun() {
        this.valid = new Map();
        this.replayed = new Set();
        this.importing.length = 0;
    }
    /** The cached module for `path`, if its text, and recursively its imports' texts, are unchanged and none is the document. */
    reuse(path, text, adopt) {
        const e = this.entries.get(path);
        if (!e || e.text !== text || !this.depsValid(e, new Set([path])))
            return undefined;
        this.noteDep(path);
        this.replay(path);
        if (adopt)
            this.adoptDeps(e, new Set([path]), adopt);
        return e.module;
    }
    /** Hands each import of a reused module (recursively) to `adopt`, so this run knows them as its modules. */
    adoptDeps(e, seen, adopt) {
        for (const d of e.deps) {
            const de = this.entries.get(d);
            if (seen.has(d) || !de)
                continue;
            seen.add(d);
            adopt(d, de.text, de.module);
            this.adoptDeps(de, seen, adopt);
        }
    }
    /** Re-applies the writes of a reused module and of its imports (once each per analysis), imports first. */
    replay(path) {
        if (this.replayed.has(path))
            return;
        this.replayed.add(path);
        const e = this.entries.get(path);
        if (!e)
            return;
        for (const d of e.deps)
            this.replay(d);
        this.ip.journal.replay(e.writes);
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
        this.replayed.add(path); // executed in this analysis: its writes happen as it runs
        this.importing.push({ path, deps: new Set(), outerSegment: this.ip.journal.beginSegment() });
    }
    /** Ends a module's execution; `finished` is false when the budget or a cancellation cut it short (not cached). */
    exit(path, text, module, finished) {
        const top = this.importing.pop();
        if (!top)
            return;
        const writes = this.ip.journal.endSegment(top.outerSegment);
        if (path === this.ip.docFile || !finished)
            return;
        const journal = this.ip.journal;
        journal.bakeLists();
        journal.freeze(module, ...writes.map((w) => w.value));
        this.entries.set(path, { text, module, deps: [...top.deps], writes });
    }
}
