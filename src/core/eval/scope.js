export class Scope {
    kind;
    parent;
    builtins;
    vars;
    globalNames;
    nonlocalNames;
    constructor(kind, parent, builtins, vars) {
        this.kind = kind;
        this.parent = parent;
        this.builtins = builtins;
        this.vars = vars ?? new Map();
    }
    get module() {
        return this.parent ? this.parent.module : this;
    }
    lookup(name) {
        const own = this.vars.get(name);
        if (own !== undefined)
            return own;
        for (let s = this.parent; s; s = s.parent) {
            if (s.kind === 'class')
                continue;
            const v = s.vars.get(name);
            if (v !== undefined)
                return v;
        }
        return this.builtins.get(name);
    }
    assign(name, value) {
        if (this.globalNames?.has(name))
            this.module.vars.set(name, value);
        else if (this.nonlocalNames?.has(name)) {
            for (let s = this.parent; s; s = s.parent)
                if (s.kind === 'function' && s.vars.has(name)) {
                    s.vars.set(name, value);
                    return;
                }
            this.vars.set(name, value);
        }
        else
            this.vars.set(name, value);
    }
    delete(name) {
        this.vars.delete(name);
    }
}
