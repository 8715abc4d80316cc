// `obj.__dict__`: a dict whose items are the object's attributes, live (`self.__dict__.update(kw)` sets attributes).
import { PyDict, type Value } from './values';

/** A Map of dict entries (keyed by hashKey: 's' + name) that reads and writes an attribute map. */
class AttrsMap extends Map<string, [Value, Value]> {
  constructor(private readonly attrs: Map<string, Value>) {
    super();
  }
  override get(h: string): [Value, Value] | undefined {
    if (h[0] !== 's') return undefined;
    const v = this.attrs.get(h.slice(1));
    return v === undefined ? undefined : [h.slice(1), v];
  }
  override has(h: string): boolean {
    return h[0] === 's' && this.attrs.has(h.slice(1));
  }
  override set(_h: string, kv: [Value, Value]): this {
    if (typeof kv[0] === 'string') this.attrs.set(kv[0], kv[1]);
    return this;
  }
  override delete(h: string): boolean {
    return h[0] === 's' && this.attrs.delete(h.slice(1));
  }
  override clear(): void {
    this.attrs.clear();
  }
  override get size(): number {
    return this.attrs.size;
  }
  override *entries(): MapIterator<[string, [Value, Value]]> {
    for (const [k, v] of this.attrs) yield ['s' + k, [k, v]];
  }
  override *keys(): MapIterator<string> {
    for (const k of this.attrs.keys()) yield 's' + k;
  }
  override *values(): MapIterator<[Value, Value]> {
    for (const [k, v] of this.attrs) yield [k, v];
  }
  override [Symbol.iterator](): MapIterator<[string, [Value, Value]]> {
    return this.entries();
  }
  override forEach(cb: (v: [Value, Value], k: string, m: Map<string, [Value, Value]>) => void): void {
    for (const [h, kv] of this.entries()) cb(kv, h, this);
  }
}

export function attrsDict(attrs: Map<string, Value>): PyDict {
  const d = new PyDict();
  Object.defineProperty(d, 'map', { value: new AttrsMap(attrs) });
  return d;
}
