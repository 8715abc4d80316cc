// The op registry: each op implemented once and exposed as torch.X, F.X and/or a Tensor method.
import type { Value } from '../eval/values';
import type { TorchCtx } from './context';
import { guardUnknown } from './unknownInputs';

export type OpFn = (c: TorchCtx, args: Value[], kw: Map<string, Value> | undefined) => Value;

export interface OpDef {
  readonly fn: OpFn;
  readonly torch: boolean;
  readonly functional: boolean;
  readonly method: boolean;
}

export const ops = new Map<string, OpDef>();

/** Registers an op under one or more names; `where` holds t (torch.*), f (F.*), m (Tensor method). */
export function def(names: string | string[], where: string, fn: OpFn): void {
  for (const n of Array.isArray(names) ? names : [names]) {
    const guarded: OpFn = (c, args, kw) => guardUnknown(c, n, args, kw, () => fn(c, args, kw));
    ops.set(n, {
      fn: guarded,
      torch: where.includes('t'),
      functional: where.includes('f'),
      method: where.includes('m'),
    });
  }
}
