// Keeps shared objects (the world's native modules, cached library modules) as they were: an analysis writes to them
// through a journal that is undone before the next analysis, so a monkeypatch in one file never reaches another.
import {
  BoundMethod,
  ClassMethod,
  PyClass,
  PyDict,
  PyFunction,
  PyInstance,
  PyList,
  PyModule,
  PySet,
  PyTuple,
} from './values';
import { Property, StaticMethod, type Value } from './values';
import type { Scope } from './scope';

/** A write to a frozen map, as replayed when the module that made it is reused from the cache. */
export interface JournalWrite {
  readonly map: Map<unknown, unknown>;
  readonly key: unknown;
  /** The value written; `deleted` for a delete. */
  readonly value: unknown;
  readonly deleted: boolean;
}

interface Undo {
  readonly map: Map<unknown, unknown>;
  readonly key: unknown;
  readonly had: boolean;
  readonly old: unknown;
}

const journalOf = new WeakMap<Map<unknown, unknown>, Journal>();
const mapSet = Map.prototype.set;
const mapDelete = Map.prototype.delete;
const mapClear = Map.prototype.clear;

/**
 * The prototype a map takes when it is frozen: reads stay the built-in ones; writes go through its journal first.
 * Swapping the prototype (rather than making every map of the interpreter a subclass) leaves the hot path of unshared
 * objects (instances, dicts and scopes of the analysis itself) untouched.
 */
class JournaledMap<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    journalOf.get(this)?.willWrite(this, key, value, false);
    return mapSet.call(this, key, value) as this;
  }
  override delete(key: K): boolean {
    if (!this.has(key)) return false;
    journalOf.get(this)?.willWrite(this, key, undefined, true);
    return mapDelete.call(this, key);
  }
  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
    mapClear.call(this);
  }
}

export class Journal {
  private readonly undo: Undo[] = [];
  /** Writes of the module now executing (see beginSegment), replayed when it is reused. */
  private segment: JournalWrite[] | undefined;
  /** Frozen lists and their items as they must be at the start of every analysis. */
  private readonly lists = new Map<PyList, Value[]>();
  /** While positive, writes are part of the shared state itself (a native module being built), not undone. */
  private suspended = 0;

  /** Freezes every map reachable from `roots` that is not frozen yet (module attributes, class dicts, dicts, ...). */
  freeze(...roots: (Value | Map<string, Value>)[]): void {
    const stack: unknown[] = [...roots];
    const seen = new Set<unknown>();
    while (stack.length) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      if (v instanceof PyModule || v instanceof PyInstance) this.freezeMap(v.attrs, stack);
      else if (v instanceof PyClass) {
        this.freezeMap(v.dict, stack);
        stack.push(...v.bases);
      } else if (v instanceof PyDict || v instanceof PySet) this.freezeMap(v.map, stack);
      else if (v instanceof PyList) {
        if (!this.lists.has(v)) this.lists.set(v, v.items.slice());
        stack.push(...v.items);
      } else if (v instanceof PyTuple) stack.push(...v.items);
      else if (v instanceof PyFunction) {
        stack.push(...v.defaults);
        // Its attributes (`f.__doc__ = ...`, `f.tag = 1` from a later analysis) are journaled like an instance's.
        this.freezeMap((v.attrs ??= new Map()), stack);
        for (let s: Scope | undefined = v.closure; s; s = s.parent) this.freezeMap(s.vars, stack);
      } else if (v instanceof BoundMethod) stack.push(v.self, v.fn);
      else if (v instanceof StaticMethod || v instanceof ClassMethod) stack.push(v.fn);
      else if (v instanceof Property) stack.push(v.fget, v.fset);
      else if (Array.isArray(v)) stack.push(...v);
      else if (v instanceof Map) this.freezeMap(v, stack);
    }
  }

  private freezeMap(map: Map<unknown, unknown>, stack: unknown[]): void {
    if (journalOf.has(map)) return;
    Object.setPrototypeOf(map, JournaledMap.prototype);
    journalOf.set(map, this);
    for (const v of map.values()) stack.push(v);
  }

  /** True when writes to `map` are journaled. */
  isFrozen(map: Map<unknown, unknown>): boolean {
    return journalOf.has(map);
  }

  willWrite(map: Map<unknown, unknown>, key: unknown, value: unknown, deleted: boolean): void {
    if (this.suspended > 0) return;
    this.undo.push({ map, key, had: map.has(key), old: map.get(key) });
    this.segment?.push({ map, key, value, deleted });
  }

  /** Runs `build` as part of the shared state: what it writes to frozen objects stays (a native module's first import). */
  shared<T>(build: () => T): T {
    this.suspended++;
    try {
      return build();
    } finally {
      this.suspended--;
    }
  }

  /** Starts recording the writes of a module's execution; returns the enclosing record, for endSegment. */
  beginSegment(): JournalWrite[] | undefined {
    const outer = this.segment;
    this.segment = [];
    return outer;
  }

  /** Ends a module's record (begun by beginSegment) and returns its writes to shared objects. */
  endSegment(outer: JournalWrite[] | undefined): readonly JournalWrite[] {
    const own = this.segment ?? [];
    this.segment = outer;
    return own;
  }

  /** Re-applies what a cached module wrote to shared objects when it first ran (registries, patches of torch). */
  replay(writes: readonly JournalWrite[]): void {
    const segment = this.segment;
    this.segment = undefined; // a replay belongs to the module replayed, not to the one now running
    try {
      for (const w of writes) {
        if (w.deleted) w.map.delete(w.key);
        else w.map.set(w.key, w.value);
      }
    } finally {
      this.segment = segment;
    }
  }

  /**
   * Lists a module changed while it ran become part of the start state (a registry list of the library). Called when a
   * module finishes: a list whose items differ from its start state was changed by that module's import.
   */
  bakeLists(): void {
    for (const [list, items] of this.lists) if (!sameItems(list.items, items)) this.lists.set(list, list.items.slice());
  }

  /** Undoes every journaled write of the last analysis, newest first, and restores frozen lists. */
  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) {
      const u = this.undo[i];
      if (u.had) mapSet.call(u.map, u.key, u.old);
      else mapDelete.call(u.map, u.key);
    }
    this.undo.length = 0;
    this.segment = undefined;
    for (const [list, items] of this.lists) if (!sameItems(list.items, items)) list.items = items.slice();
  }
}

function sameItems(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
