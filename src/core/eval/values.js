import { SymInt } from '../sym/dim';
export { SymInt };
/** What the engine cannot know. Propagates through every operation without crashing. */
export class Unknown {
    why;
    constructor(why) {
        this.why = why;
    }
}
export const UNKNOWN = new Unknown('unknown');
/** A name bound by an import that could not be resolved (no such file, no native module): each use is a gap. */
export class UnresolvedImport extends Unknown {
    module;
    label;
    at;
    constructor(why, 
    /** The import as written: `..ops.misc`, `made_up_lib`. */
    module, 
    /** The name as the code uses it (`MLP`, `made_up_lib.frobnicate`). */
    label, 
    /** The import statement, when it is in the analyzed document. */
    at) {
        super(why);
        this.module = module;
        this.label = label;
        this.at = at;
    }
}
export class PyFloat {
    v;
    constructor(v) {
        this.v = v;
    }
}
export class PyTuple {
    items;
    names;
    /** `names` makes it a named tuple (torch's `(values, indices)` results): `t.values` reads items[0]. */
    constructor(items, names) {
        this.items = items;
        this.names = names;
    }
}
export class PyList {
    items;
    constructor(items) {
        this.items = items;
    }
}
export class PySlice {
    lo;
    hi;
    step;
    constructor(lo, hi, step) {
        this.lo = lo;
        this.hi = hi;
        this.step = step;
    }
}
export class PyRange {
    start;
    stop;
    step;
    constructor(start, stop, step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
    }
}
export class PyEllipsis {
    isEllipsis = true;
}
export const ELLIPSIS = new PyEllipsis();
let nextId = 1;
/** Identity ids for dict/set keys of objects. */
const ids = new WeakMap();
export function identity(o) {
    let id = ids.get(o);
    if (id === undefined)
        ids.set(o, (id = nextId++));
    return id;
}
export class PyDict {
    map = new Map();
}
export class PySet {
    map = new Map();
}
export class NativeFunction {
    name;
    impl;
    /** True for natives that only store or forward their arguments (functools.partial): lazy imports stay lazy. */
    passThrough = false;
    constructor(name, impl) {
        this.name = name;
        this.impl = impl;
    }
}
export class PyFunction {
    name;
    params;
    defaults;
    body;
    closure;
    file;
    line0;
    constructor(name, params, defaults, body, closure, file, line0) {
        this.name = name;
        this.params = params;
        this.defaults = defaults;
        this.body = body;
        this.closure = closure;
        this.file = file;
        this.line0 = line0;
    }
    /** Set on methods defined in a class body, for zero-argument super(). */
    definingClass;
}
export class BoundMethod {
    self;
    fn;
    constructor(self, fn) {
        this.self = self;
        this.fn = fn;
    }
}
export class StaticMethod {
    fn;
    constructor(fn) {
        this.fn = fn;
    }
}
export class ClassMethod {
    fn;
    constructor(fn) {
        this.fn = fn;
    }
}
export class Property {
    fget;
    fset;
    constructor(fget, fset) {
        this.fget = fget;
        this.fset = fset;
    }
}
export class PyClass {
    name;
    bases;
    dict;
    mro;
    hooks;
    /** Class body annotations in order (for @dataclass). */
    annotations = [];
    /** An ABC's own isinstance rule for built-in values (dict is a Mapping); not inherited by subclasses. */
    instanceCheck;
    constructor(name, bases, dict, hooks = {}) {
        this.name = name;
        this.bases = bases;
        this.dict = dict;
        this.mro = linearize(this, bases);
        this.hooks = {};
        for (let i = this.mro.length - 1; i >= 0; i--)
            Object.assign(this.hooks, this.mro[i] === this ? hooks : this.mro[i].hooks);
    }
    lookup(name) {
        for (const c of this.mro) {
            const v = c.dict.get(name);
            if (v !== undefined)
                return v;
        }
        return undefined;
    }
    isSubclassOf(other) {
        return this.mro.includes(other);
    }
}
function linearize(cls, bases) {
    // C3 linearization; falls back to depth-first order when inconsistent.
    const seqs = [...bases.map((b) => [...b.mro]), [...bases]];
    const out = [cls];
    for (let guard = 0; guard < 1000; guard++) {
        const nonEmpty = seqs.filter((s) => s.length > 0);
        if (nonEmpty.length === 0)
            return out;
        const head = nonEmpty.map((s) => s[0]).find((h) => !nonEmpty.some((s) => s.indexOf(h) > 0));
        if (!head)
            break;
        out.push(head);
        for (const s of nonEmpty)
            if (s[0] === head)
                s.shift();
    }
    for (const b of bases)
        for (const c of b.mro)
            if (!out.includes(c))
                out.push(c);
    return out;
}
export class PyInstance {
    cls;
    attrs = new Map();
    /** Free slot for native classes (module bookkeeping, enum payloads...). */
    native;
    /** 1-based document line of the expression that constructed this instance. */
    createdLine;
    constructor(cls) {
        this.cls = cls;
    }
}
export class PyModule {
    name;
    file;
    attrs = new Map();
    constructor(name, file) {
        this.name = name;
        this.file = file;
    }
}
export class PySuper {
    cls;
    self;
    constructor(cls, self) {
        this.cls = cls;
        this.self = self;
    }
}
/**
 * A name imported from a file module that has not run yet: the module runs only when the value is used
 * (called, its attributes read, compared, iterated...), so unused imports (torchvision's transform presets) cost nothing.
 * Resolution is memoized per analysis (`run`), since cached modules outlive one analysis.
 */
export class LazyImport {
    label;
    resolveNow;
    runId;
    run = -1;
    value = null;
    constructor(label, resolveNow, runId) {
        this.label = label;
        this.resolveNow = resolveNow;
        this.runId = runId;
    }
    get() {
        const r = this.runId();
        if (this.run !== r) {
            this.run = r;
            this.value = null;
            this.value = force(this.resolveNow());
        }
        return this.value;
    }
}
/** The value itself, with a lazy import resolved. */
export function force(v) {
    return v instanceof LazyImport ? v.get() : v;
}
