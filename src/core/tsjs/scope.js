export const missing = Symbol('missing');
export class Scope {
    parent;
    vars = new Map();
    constructor(parent) {
        this.parent = parent;
    }
    /** The scope that binds `name`, innermost first. */
    owner(name) {
        return this.vars.has(name) ? this : this.parent?.owner(name);
    }
    declare(name, v) {
        this.vars.set(name, v);
    }
    has(name) {
        return this.owner(name) !== undefined;
    }
    get(name) {
        const s = this.owner(name);
        return s ? s.vars.get(name) : missing;
    }
    /** Assigns to the nearest binding; declares at this scope when none exists (sloppy-mode globals). */
    set(name, v) {
        (this.owner(name) ?? this).vars.set(name, v);
    }
}
