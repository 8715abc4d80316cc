// Name scopes: module globals, function locals with closures, class bodies (invisible to their methods).
import type { Value } from './values';

export class Scope {
  readonly vars: Map<string, Value>;
  globalNames?: Set<string>;
  nonlocalNames?: Set<string>;
  /** A function scope's `__qualname__` ('f', 'C.m', '<listcomp>'), for the names of what is defined in it. */
  qualname?: string;
  /** A comprehension's scope: what it defines is named `<listcomp>.x`, without `<locals>`. */
  comprehension?: boolean;
  /** A class body's functions, decorated or not: each gets the class as its `__class__` once the class exists. */
  classFunctions?: unknown[];
  constructor(
    readonly kind: 'module' | 'function' | 'class',
    readonly parent: Scope | undefined,
    readonly builtins: Map<string, Value>,
    vars?: Map<string, Value>,
  ) {
    this.vars = vars ?? new Map();
  }

  /** The `__qualname__` prefix of a function or class defined here: '', 'C.', 'f.<locals>.' as CPython 3.11. */
  get qualnamePrefix(): string {
    if (this.kind === 'class') {
      const q = this.vars.get('__qualname__');
      return typeof q === 'string' ? q + '.' : '';
    }
    if (this.kind === 'function' && this.qualname !== undefined)
      return this.qualname + (this.comprehension ? '.' : '.<locals>.');
    return '';
  }

  get module(): Scope {
    return this.parent ? this.parent.module : this;
  }

  lookup(name: string): Value | undefined {
    const own = this.vars.get(name);
    if (own !== undefined) return own;
    for (let s = this.parent; s; s = s.parent) {
      if (s.kind === 'class') continue;
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return this.builtins.get(name);
  }

  assign(name: string, value: Value): void {
    if (this.globalNames?.has(name)) this.module.vars.set(name, value);
    else if (this.nonlocalNames?.has(name)) {
      for (let s = this.parent; s; s = s.parent)
        if (s.kind === 'function' && s.vars.has(name)) {
          s.vars.set(name, value);
          return;
        }
      this.vars.set(name, value);
    } else this.vars.set(name, value);
  }

  delete(name: string): void {
    this.vars.delete(name);
  }
}
