// torch.autograd.Function: `Cls.apply(*args)` runs the user's static forward with grad disabled, as eager PyTorch does;
// its hand-written backward is not costed (said as an unknown op when autograd would run it).
import {
  ClassMethod,
  NativeFunction,
  PyClass,
  PyInstance,
  PyModule,
  PyTuple,
  StaticMethod,
  Unknown,
  type Value,
} from '../eval/values';
import { callValue } from '../eval/calls';
import { Tensor } from '../model/tensor';
import type { TorchCtx } from './context';

export function makeAutogradModule(c: TorchCtx, object: PyClass): PyModule {
  const ip = c.ip;
  const ctxCls = new PyClass('FunctionCtx', [object], new Map());
  const fn = new PyClass('Function', [object], new Map());
  const plainFn = (v: Value | undefined): Value | undefined => (v instanceof StaticMethod ? v.fn : v);
  const apply = new NativeFunction('apply', ([cls, ...args], kw) => {
    if (!(cls instanceof PyClass)) return new Unknown('Function.apply');
    const forward = plainFn(cls.lookup('forward'));
    const setup = cls.lookup('setup_context');
    if (!forward) return new Unknown(`${cls.name}.apply`);
    const inputs = args.filter((a): a is Tensor => a instanceof Tensor);
    const ctx = new PyInstance(ctxCls);
    const none = new NativeFunction('ctx', () => null);
    ctx.attrs.set(
      'save_for_backward',
      new NativeFunction('save_for_backward', (ts) => {
        ctx.attrs.set('saved_tensors', new PyTuple(ts));
        return null;
      }),
    );
    for (const n of ['mark_dirty', 'mark_non_differentiable', 'set_materialize_grads']) ctx.attrs.set(n, none);
    ctx.attrs.set('needs_input_grad', new PyTuple(args.map((a) => a instanceof Tensor && a.requiresGrad)));
    const grad = c.needsGrad(...inputs);
    const prev = c.gradEnabled;
    c.gradEnabled = false;
    let out: Value;
    try {
      // The newer form: forward(*args) without ctx, then setup_context(ctx, inputs, output).
      if (setup !== undefined && setup !== fn.dict.get('setup_context')) {
        out = callValue(ip, forward, args, kw, ip.site);
        callValue(ip, plainFn(setup)!, [ctx, new PyTuple(args), out], undefined, ip.site);
      } else out = callValue(ip, forward, [ctx, ...args], kw, ip.site);
    } finally {
      c.gradEnabled = prev;
    }
    if (grad) {
      const outs = out instanceof Tensor ? [out] : out instanceof PyTuple ? out.items : [];
      for (const o of outs) if (o instanceof Tensor && o.dtype.isFloat) o.requiresGrad = true;
      ip.recorder.unknownOp(ip, `${cls.name}.backward (a custom autograd.Function: backward not costed)`);
    }
    return out;
  });
  fn.dict.set('apply', new ClassMethod(apply));
  const autograd = new PyModule('torch.autograd');
  autograd.attrs.set('Function', fn);
  const functionModule = new PyModule('torch.autograd.function');
  functionModule.attrs.set('Function', fn);
  functionModule.attrs.set('FunctionCtx', ctxCls);
  autograd.attrs.set('function', functionModule);
  return autograd;
}
