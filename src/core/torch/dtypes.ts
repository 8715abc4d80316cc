// torch dtypes: names, aliases, element sizes, and promotion.
import { Dtype } from '../model/dtype';

const table: [string, number, boolean, string[]][] = [
  ['float32', 4, true, ['float']],
  ['float64', 8, true, ['double']],
  ['float16', 2, true, ['half']],
  ['bfloat16', 2, true, []],
  ['int64', 8, false, ['long']],
  ['int32', 4, false, ['int']],
  ['int16', 2, false, ['short']],
  ['int8', 1, false, []],
  ['uint8', 1, false, []],
  ['bool', 1, false, []],
  ['complex64', 8, true, ['cfloat']],
  ['complex128', 16, true, ['cdouble']],
];

export const dtypes = new Map<string, Dtype>();
/** Attribute names on `torch` (e.g. torch.float, torch.long) mapped to dtypes. */
export const dtypeAliases = new Map<string, Dtype>();
for (const [name, bytes, isFloat, aliases] of table) {
  const d = new Dtype(name, bytes, isFloat);
  dtypes.set(name, d);
  dtypeAliases.set(name, d);
  for (const a of aliases) dtypeAliases.set(a, d);
}

export const float32 = dtypes.get('float32')!;
export const int64 = dtypes.get('int64')!;
export const boolType = dtypes.get('bool')!;
export const complex64 = dtypes.get('complex64')!;

/** complex64 or complex128. */
export const isComplex = (d: Dtype): boolean => d.name.startsWith('complex');

/** The complex dtype a transform of `d` gives (float64 → complex128, other floats and ints → complex64). */
export function complexOf(d: Dtype): Dtype {
  if (d.name.startsWith('complex')) return d;
  return dtypes.get(d.name === 'float64' ? 'complex128' : 'complex64')!;
}

/** The real dtype of a complex one's parts (complex128 → float64, complex64 → float32); other dtypes as they are. */
export function realOf(d: Dtype): Dtype {
  return d.name === 'complex128' ? dtypes.get('float64')! : d.name === 'complex64' ? float32 : d;
}

/** PyTorch's ScalarType names, as its error messages print dtypes. */
const scalarTypeNames: Record<string, string> = {
  float32: 'Float',
  float64: 'Double',
  float16: 'Half',
  bfloat16: 'BFloat16',
  int64: 'Long',
  int32: 'Int',
  int16: 'Short',
  int8: 'Char',
  uint8: 'Byte',
  bool: 'Bool',
  complex64: 'ComplexFloat',
  complex128: 'ComplexDouble',
};
/** PyTorch's C++ scalar type name of a dtype, as its error messages print it ('Long', 'Float', 'ComplexFloat'). */
export const scalarTypeName = (d: Dtype): string => scalarTypeNames[d.name] ?? d.name;

/** Parses a user-facing dtype name (`float16`, `fp16`, `int64`, `long`); undefined if unknown. */
export function parseDtype(name: string): Dtype | undefined {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/^torch\./, '');
  const short: Record<string, string> = {
    fp32: 'float32',
    fp16: 'float16',
    bf16: 'bfloat16',
    fp64: 'float64',
    i64: 'int64',
    i32: 'int32',
  };
  return dtypeAliases.get(short[n] ?? n);
}

const rank = [
  'bool',
  'uint8',
  'int8',
  'int16',
  'int32',
  'int64',
  'float16',
  'bfloat16',
  'float32',
  'float64',
  'complex64',
  'complex128',
];
export function promote(a: Dtype, b: Dtype): Dtype {
  if (a === b) return a;
  if (a.isFloat !== b.isFloat) return a.isFloat ? a : b;
  return rank.indexOf(a.name) >= rank.indexOf(b.name) ? a : b;
}
