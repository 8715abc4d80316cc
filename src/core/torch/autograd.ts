// Autograd state the ledger needs: which tensors require grad (grad mode, detach, frozen parameters) and which ops are views.
import { NativeFunction, PyList, PyTuple, type Value } from '../eval/values';
import { callValue } from '../eval/calls';
import type { TorchCtx } from './context';
import { Tensor } from '../model/tensor';

/** Ops whose result is a view of their first argument (same storage): PyTorch's view ops, plus detach. */
const viewOps = new Set([
  'view',
  'view_as',
  'as_strided',
  'transpose',
  'transpose_',
  'swapaxes',
  'swapdims',
  't',
  't_',
  'permute',
  'movedim',
  'moveaxis',
  'unsqueeze',
  'unsqueeze_',
  'squeeze',
  'squeeze_',
  'expand',
  'expand_as',
  'narrow',
  'select',
  'split',
  'tensor_split',
  'split_with_sizes',
  'chunk',
  'unbind',
  'unflatten',
  'diagonal',
  'as_strided',
  'detach',
  'detach_',
  'real',
  'imag',
  'view_as_real',
  'view_as_complex',
]);

/** In-place ops: the result is the first argument's storage. */
const inplaceOps = /^(?!__)[a-z0-9_]*[a-z0-9]_$/;

export function isViewOp(name: string): boolean {
  return viewOps.has(name);
}

function outputs(v: Value): Tensor[] {
  if (v instanceof Tensor) return [v];
  if (v instanceof PyTuple || v instanceof PyList) return v.items.filter((x): x is Tensor => x instanceof Tensor);
  return [];
}

/** After an op ran: outputs require grad when grad mode is on and an input does; views and in-place results keep the storage. */
export function afterOp(
  c: TorchCtx,
  name: string,
  view: boolean,
  ins: Tensor[],
  args: Value[],
  kw: Map<string, Value> | undefined,
  out: Value,
): void {
  const first = args[0] instanceof Tensor ? args[0] : undefined;
  const outs = outputs(out);
  // torch.randn(..., requires_grad=True), torch.tensor(data, requires_grad=True): a leaf that requires grad.
  if (kw?.get('requires_grad') === true) for (const o of outs) if (o.dtype.isFloat) o.requiresGrad = true;
  if (first && (view || inplaceOps.test(name))) for (const o of outs) o.shareStorage(first);
  if (name === 'detach' || name === 'detach_') {
    for (const o of outs) if (o !== first) o.requiresGrad = false;
    if (name === 'detach_' && first) first.requiresGrad = false;
    return;
  }
  // torch.tensor(t) copies and torch.asarray(t) aliases t's storage: new leaves, detached from t's graph.
  if (name === 'tensor' || name === 'asarray') {
    if (kw?.get('requires_grad') !== true) for (const o of outs) if (o !== first) o.requiresGrad = false;
    return;
  }
  if (name === 'requires_grad_' && first) {
    const flag = args[1] === undefined ? true : args[1] !== false;
    first.requiresGrad = flag;
    for (const o of outs) o.requiresGrad = flag;
    return;
  }
  if (!c.gradEnabled || !ins.some((t) => t.requiresGrad)) return;
  for (const o of outs) if (o.dtype.isFloat && o.role === 'activation') o.requiresGrad = true;
}

/** torch.no_grad() / enable_grad() / inference_mode() / set_grad_enabled(b): a `with` context and a decorator. */
export class GradModeCtx extends NativeFunction {
  constructor(
    c: TorchCtx,
    /** The grad mode inside; undefined when not known (an unknown flag): left as it is. */
    readonly enabled: boolean | undefined,
  ) {
    super('grad_mode', ([f]) => (f instanceof NativeFunction || isFunction(f) ? withGradMode(c, f, enabled) : this));
  }
}

function isFunction(v: Value | undefined): boolean {
  return !!v && typeof v === 'object' && 'params' in (v as object);
}

/** `@torch.no_grad()` on a function: calls run with the grad mode set. */
function withGradMode(c: TorchCtx, f: Value, enabled: boolean | undefined): Value {
  if (enabled === undefined) return f;
  return new NativeFunction('no_grad_wrapper', (args, kw) => {
    const prev = c.gradEnabled;
    c.gradEnabled = enabled;
    try {
      return callValue(c.ip, f, args, kw, c.ip.site);
    } finally {
      c.gradEnabled = prev;
    }
  });
}

/** Entering a grad-mode context: sets the mode and returns what restores it. */
export function enterGradMode(c: TorchCtx, ctx: Value): (() => void) | undefined {
  if (!(ctx instanceof GradModeCtx) || ctx.enabled === undefined) return undefined;
  const prev = c.gradEnabled;
  c.gradEnabled = ctx.enabled;
  return () => {
    c.gradEnabled = prev;
  };
}
