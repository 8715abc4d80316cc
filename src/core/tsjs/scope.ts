// Lexical scopes of the evaluated JS: bindings by name, looked up through parents.
import type { JsValue } from './values';

export const missing: unique symbol = Symbol('missing');

export class Scope {
  private readonly vars = new Map<string, JsValue>();
  constructor(readonly parent?: Scope) {}

  /** The scope that binds `name`, innermost first. */
  private owner(name: string): Scope | undefined {
    return this.vars.has(name) ? this : this.parent?.owner(name);
  }
  declare(name: string, v: JsValue): void {
    this.vars.set(name, v);
  }
  has(name: string): boolean {
    return this.owner(name) !== undefined;
  }
  get(name: string): JsValue | typeof missing {
    const s = this.owner(name);
    return s ? s.vars.get(name) : missing;
  }
  /** Assigns to the nearest binding; declares at this scope when none exists (sloppy-mode globals). */
  set(name: string, v: JsValue): void {
    (this.owner(name) ?? this).vars.set(name, v);
  }
}
