// The op registry: each op implemented once and exposed as torch.X, F.X and/or a Tensor method.
import { PyList, PyTuple, type Value } from '../eval/values';
import type { TorchCtx } from './context';
import { guardUnknown } from './unknownInputs';
import { Tensor } from '../model/tensor';
import { afterOp, isViewOp } from './autograd';
import { autocastArgs, autocastPolicies } from './autocast';

export type OpFn = (c: TorchCtx, args: Value[], kw: Map<string, Value> | undefined) => Value;

export interface OpDef {
  readonly fn: OpFn;
  readonly torch: boolean;
  readonly functional: boolean;
  readonly method: boolean;
}

export const ops = new Map<string, OpDef>();

/** The tensors among an op's arguments (top level, and inside list/tuple arguments such as cat's). */
function tensorArgs(args: Value[], kw: Map<string, Value> | undefined): Tensor[] {
  const out: Tensor[] = [];
  const visit = (v: Value) => {
    if (v instanceof Tensor) out.push(v);
    else if (v instanceof PyTuple || v instanceof PyList) for (const x of v.items) if (x instanceof Tensor) out.push(x);
  };
  for (const a of args) visit(a);
  if (kw) for (const v of kw.values()) visit(v);
  return out;
}

/** Wraps an op so autograd state follows it: outputs require grad when an input does, views share their storage. */
function tracked(name: string, fn: OpFn): OpFn {
  const view = isViewOp(name);
  return (c, args, kw) => {
    const ins = tensorArgs(args, kw);
    c.opInputs.push(ins);
    const rec = c.ip.recorder;
    const recorded = rec.knownOps + rec.unknownOps;
    let out: Value;
    try {
      out = fn(c, args, kw);
    } finally {
      c.opInputs.pop();
    }
    afterOp(c, name, view, ins, args, kw, out);
    // An op that records nothing (a view, a copy, a cast) is still an autograd node using its inputs.
    if (rec.knownOps + rec.unknownOps === recorded) {
      const outs = out instanceof Tensor ? [out] : out instanceof PyTuple || out instanceof PyList ? out.items : [];
      if (outs.some((o) => o instanceof Tensor && o.requiresGrad) && !outs.some((o) => ins.includes(o as Tensor)))
        c.useForGrad(ins);
    }
    return out;
  };
}

/** Under torch.autocast, an op of its lists gets its tensor arguments cast first (autocast.ts); others run as they are. */
function autocasting(name: string, fn: OpFn): OpFn {
  if (!autocastPolicies.has(name)) return fn;
  return (c, args, kw) => {
    const cast = c.autocast ? autocastArgs(c, name, args, kw) : undefined;
    return cast ? fn(c, cast[0], cast[1]) : fn(c, args, kw);
  };
}

/** Registers an op under one or more names; `where` holds t (torch.*), f (F.*), m (Tensor method). */
export function def(names: string | string[], where: string, fn: OpFn): void {
  for (const n of Array.isArray(names) ? names : [names]) {
    ops.set(n, {
      fn: autocasting(
        n,
        tracked(n, (c, args, kw) => guardUnknown(c, n, args, kw, () => fn(c, args, kw))),
      ),
      torch: where.includes('t'),
      functional: where.includes('f'),
      method: where.includes('m'),
    });
  }
}
