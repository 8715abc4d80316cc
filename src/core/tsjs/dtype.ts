// TF.js dtypes as the element-size records the shared Tensor type expects (structurally a PyDtype; no Python runtime pulled in).
import type { PyDtype } from '../eval/values';

export type TfDtype = PyDtype;

const sizes: Record<string, [number, boolean]> = {
  float32: [4, true],
  float16: [2, true],
  bfloat16: [2, true],
  int32: [4, false],
  bool: [1, false],
  complex64: [8, true],
  string: [4, false],
};

const cache = new Map<string, TfDtype>();
export function tfDtype(name: string): TfDtype {
  let d = cache.get(name);
  if (!d) {
    const [bytes, isFloat] = sizes[name] ?? [4, true];
    d = { name, bytes, isFloat } as TfDtype;
    cache.set(name, d);
  }
  return d;
}
