// JSON text with bigints written as exact integer literals (JSON.stringify cannot), keys in insertion order.

export type JsonValue =
  null | boolean | number | bigint | string | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/** Serializes `value` like JSON.stringify(value, null, indent) but prints bigints as integer literals. */
export function toJson(value: JsonValue, indent = 2, depth = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  const pad = ' '.repeat(indent * (depth + 1));
  const end = ' '.repeat(indent * depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // Arrays of scalars (shapes) stay on one line: `[1, 3, 224, 224]`.
    if (value.every((item: JsonValue) => item === null || typeof item !== 'object'))
      return `[${value.map((item: JsonValue) => toJson(item, indent, depth + 1)).join(', ')}]`;
    const items = value.map((item: JsonValue) => pad + toJson(item, indent, depth + 1));
    return `[\n${items.join(',\n')}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, JsonValue | undefined>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const items = entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${toJson(v as JsonValue, indent, depth + 1)}`);
  return `{\n${items.join(',\n')}\n${end}}`;
}
