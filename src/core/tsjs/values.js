/** A value the evaluator could not determine; never silently a zero. */
export class Unknown {
    why;
    constructor(why) {
        this.why = why;
    }
}
export class JsObject {
    props = new Map();
    /** The class an instance was constructed from. */
    cls;
    constructor(entries) {
        if (entries)
            for (const [k, v] of entries)
                this.props.set(k, v);
    }
}
export class Closure {
    node;
    scope;
    name;
    file;
    constructor(node, scope, name, file) {
        this.node = node;
        this.scope = scope;
        this.name = name;
        this.file = file;
    }
}
export class JsClass {
    name;
    parent;
    scope;
    ctor;
    methods = new Map();
    getters = new Map();
    statics = new JsObject();
    fields = [];
    constructor(name, parent, scope) {
        this.name = name;
        this.parent = parent;
        this.scope = scope;
    }
}
export class NativeFn {
    name;
    fn;
    constructor(name, fn) {
        this.name = name;
        this.fn = fn;
    }
}
/** A namespace object (tf, tf.layers, Math): fixed members and an optional fallback for unknown names. */
export class Namespace {
    name;
    members;
    fallback;
    constructor(name, members, fallback) {
        this.name = name;
        this.members = members;
        this.fallback = fallback;
    }
}
export function isUnknown(v) {
    return v instanceof Unknown;
}
export function truthy(v) {
    if (v instanceof Unknown)
        return undefined;
    return !!v;
}
