// nn.Module: the base class, module calls (forward with the module stack), and its bookkeeping methods.
import type { TorchCtx } from '../context';
import { callValue } from '../../eval/calls';
import { lookupAttr } from '../../eval/attributes';
import { PyException } from '../../eval/errors';
import { NativeFunction, PyClass, PyInstance, PyList, PyTuple, Unknown, type Value } from '../../eval/values';
import { Tensor } from '../../model/tensor';
import { firstTensor } from '../firstTensor';
import { isModule, namedChildren, namedModules, namedTensors } from './moduleTree';
import { makeHandleClass, registerHook, runPostHooks, runPreHooks } from './hooks';

/** nn.Module's class-level annotations in torch 2.11 (`typing.get_type_hints` of a subclass lists them). */
const MODULE_ANNOTATIONS = [
  'dump_patches',
  '_version',
  'training',
  '_parameters',
  '_buffers',
  '_non_persistent_buffers_set',
  '_backward_pre_hooks',
  '_backward_hooks',
  '_is_full_backward_hook',
  '_forward_hooks',
  '_forward_hooks_with_kwargs',
  '_forward_hooks_always_called',
  '_forward_pre_hooks',
  '_forward_pre_hooks_with_kwargs',
  '_state_dict_hooks',
  '_load_state_dict_pre_hooks',
  '_state_dict_pre_hooks',
  '_load_state_dict_post_hooks',
  '_modules',
  'call_super_init',
  '_compiled_call_impl',
  'forward',
  '__call__',
];

export function makeModuleClass(c: TorchCtx, object: PyClass): PyClass {
  const ip = c.ip;
  const cls = new PyClass('Module', [object], new Map(), {
    nnModule: true,
    call(self, args, kwargs, site) {
      const forward = lookupAttr(ip, self, 'forward');
      if (!forward)
        throw new PyException(
          'NotImplementedError',
          `Module [${self.cls.name}] is missing the required "forward" function`,
        );
      ip.recorder.enterModule(self, ip.docLine());
      let out: Value = null;
      let done = false;
      try {
        [args, kwargs] = runPreHooks(ip, self, args, kwargs);
        out = callValue(ip, forward, args, kwargs, site);
        out = runPostHooks(ip, self, args, kwargs, out);
        done = true;
        return out;
      } finally {
        ip.recorder.exitModule(done, firstTensor(out));
        if (ip.recorder.moduleStack.length === 0) ip.recorder.lastOutput = out;
      }
    },
  });
  cls.nativeAnnotations = MODULE_ANNOTATIONS;
  const m = (name: string, impl: (self: PyInstance, args: Value[], kw?: Map<string, Value>) => Value) =>
    cls.dict.set(
      name,
      new NativeFunction(name, ([self, ...args], kw) =>
        self instanceof PyInstance ? impl(self, args, kw) : new Unknown(name),
      ),
    );
  const list = (xs: Value[]) => new PyList(xs);
  m('__init__', (self) => {
    if (!self.attrs.has('training')) self.attrs.set('training', false);
    return null;
  });
  m('parameters', (self) => list(namedTensors(self, 'param').map(([, t]) => t)));
  m('named_parameters', (self) => list(namedTensors(self, 'param').map(([k, t]) => new PyTuple([k, t]))));
  m('buffers', (self) => list(namedTensors(self, 'buffer').map(([, t]) => t)));
  m('named_buffers', (self) => list(namedTensors(self, 'buffer').map(([k, t]) => new PyTuple([k, t]))));
  m('children', (self) => list(namedChildren(self).map(([, v]) => v)));
  m('named_children', (self) => list(namedChildren(self).map(([k, v]) => new PyTuple([k, v]))));
  m('modules', (self) => list(namedModules(self).map(([, v]) => v)));
  m('named_modules', (self) => list(namedModules(self).map(([k, v]) => new PyTuple([k, v]))));
  m('add_module', (self, [name, mod]) => {
    if (typeof name === 'string') self.attrs.set(name, mod ?? null);
    return null;
  });
  m('register_module', (self, [name, mod]) => {
    if (typeof name === 'string') self.attrs.set(name, mod ?? null);
    return null;
  });
  m('register_buffer', (self, [name, t]) => {
    if (typeof name !== 'string') return null;
    if (t instanceof Tensor) {
      const b = new Tensor(t.shape, t.dtype, 'buffer');
      b.line = ip.docLine();
      ip.recorder.tensors.push(b);
      self.attrs.set(name, b);
    } else self.attrs.set(name, t ?? null);
    return null;
  });
  m('register_parameter', (self, [name, t]) => {
    if (typeof name === 'string') self.attrs.set(name, t ?? null);
    return null;
  });
  m('apply', (self, [fn]) => {
    for (const [, mod] of namedModules(self).reverse()) callValue(ip, fn, [mod], undefined, ip.site);
    return self;
  });
  for (const name of [
    'eval',
    'train',
    'to',
    'cuda',
    'cpu',
    'float',
    'double',
    'half',
    'bfloat16',
    'share_memory',
    'type',
    'to_empty',
  ])
    m(name, (self) => self);
  for (const name of ['zero_grad', 'register_full_backward_hook', 'load_state_dict', '_load_from_state_dict'])
    m(name, () => null);
  const handleCls = makeHandleClass(object);
  m('register_forward_pre_hook', (self, [hook], kw) => registerHook(handleCls, self, 'pre', hook ?? null, kw));
  m('register_forward_hook', (self, [hook], kw) => registerHook(handleCls, self, 'post', hook ?? null, kw));
  // module.requires_grad_(False) freezes every parameter below it (no gradients, no optimizer state).
  m('requires_grad_', (self, [flag], kw) => {
    const on = (kw?.get('requires_grad') ?? flag) !== false;
    for (const [, t] of namedTensors(self, 'param')) t.requiresGrad = on;
    return self;
  });
  m('state_dict', () => new Unknown('state_dict'));
  m('extra_repr', () => '');
  m('get_submodule', (self, [target]) => {
    let cur: Value = self;
    if (typeof target === 'string' && target)
      for (const part of target.split('.'))
        cur = cur instanceof PyInstance ? (cur.attrs.get(part) ?? new Unknown(part)) : new Unknown(part);
    return cur;
  });
  m('get_parameter', (self, [target]) => {
    if (typeof target !== 'string') return new Unknown('get_parameter');
    return namedTensors(self, 'param').find(([k]) => k === target)?.[1] ?? new Unknown(target);
  });
  return cls;
}

export { isModule };
