// Test helper: a small JSON Schema (2020-12) validator for the keywords schema/report.schema.json uses; unknown keywords fail loudly.
const annotations = new Set(['$schema', '$id', 'title', 'description', '$defs', '$comment']);
const keywords = new Set([
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  '$ref',
  'oneOf',
  'anyOf',
  'minimum',
  'maximum',
]);

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v, t) {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

/** Errors (`path: message`) of `value` against `schema`; `root` resolves `#/$defs/...` references. */
export function validate(value, schema, root = schema, path = '$') {
  const errors = [];
  for (const k of Object.keys(schema))
    if (!keywords.has(k) && !annotations.has(k)) throw new Error(`validator: unsupported keyword ${k} at ${path}`);
  if (schema.$ref) {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((o, k) => o?.[k], root);
    if (!target) throw new Error(`validator: unresolved ${schema.$ref}`);
    errors.push(...validate(value, target, root, path));
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(value, t)))
      return [...errors, `${path}: ${typeOf(value)} is not ${types.join('|')}`];
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const))
    errors.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errors.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (typeOf(value) === 'object') {
    for (const k of schema.required ?? []) if (!(k in value)) errors.push(`${path}: missing ${k}`);
    for (const [k, v] of Object.entries(value)) {
      const sub = schema.properties?.[k];
      if (sub) errors.push(...validate(v, sub, root, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${k}`);
      else if (typeof schema.additionalProperties === 'object')
        errors.push(...validate(v, schema.additionalProperties, root, `${path}.${k}`));
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => errors.push(...validate(v, schema.items, root, `${path}[${i}]`)));
  if (schema.anyOf && !schema.anyOf.some((s) => validate(value, s, root, path).length === 0))
    errors.push(`${path}: matches none of anyOf`);
  if (schema.oneOf) {
    const n = schema.oneOf.filter((s) => validate(value, s, root, path).length === 0).length;
    if (n !== 1) errors.push(`${path}: matches ${n} of oneOf (exactly 1 required)`);
  }
  return errors;
}
