// Lexical scopes of the evaluated JS: bindings by name, looked up through parents.
import type { JsValue } from './values';

export class Scope {
  private readonly vars = new Map<string, JsValue>();
  constructor(readonly parent?: Scope) {}

  declare(name: string, v: JsValue): void {
    this.vars.set(name, v);
  }
  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }
  get(name: string): JsValue | typeof missing {
    for (let s: Scope | undefined = this; s; s = s.parent) if (s.vars.has(name)) return s.vars.get(name);
    return missing;
  }
  /** Assigns to the nearest binding; declares at this scope when none exists (sloppy-mode globals). */
  set(name: string, v: JsValue): void {
    for (let s: Scope | undefined = this; s; s = s.parent) if (s.vars.has(name)) { s.vars.set(name, v); return; }
    this.vars.set(name, v);
  }
}

export const missing: unique symbol = Symbol('missing');
