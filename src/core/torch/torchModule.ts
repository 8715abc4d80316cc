// Builds the native modules torch, torch.nn, torch.nn.functional, torch.nn.init and friends from the op registry and layer kit.
import type { NativeModules } from '../eval/imports';
import type { TorchCtx } from './context';
import { ops } from './registry';
import { dtypeAliases } from './dtypes';
import { makeModuleClass } from './nn/module';
import { makeContainers } from './nn/containers';
import { LayerKit } from './nn/layerKit';
import { defineLayers } from './nn/layers';
import { defineSequenceLayers } from './nn/sequenceLayers';
import { Tensor } from '../model/tensor';
import { Dtype } from '../model/dtype';
import { typeInfoFunctions } from './typeInfo';
import { legacyTensorTypes } from './legacyTensors';
import { asTensor, toDims } from './values';
import {
  NativeFunction,
  PyClass,
  PyFloat,
  PyFunction,
  PyInstance,
  PyModule,
  PyTuple,
  Unknown,
  type Value,
} from '../eval/values';
import { PyException } from '../eval/errors';
import { dimMul, dimProd } from '../sym/dim';
import type { BuiltinTypes } from '../eval/builtinTypes';
import { callValue } from '../eval/calls';
import { registerEinops } from './einopsModule';
import { registerNumpy } from './numpyModule';
import { GradModeCtx } from './autograd';
import { autocastFactory } from './autocast';
import { modelledTorchVersion } from '../eval/importlibModule';
import { makeDevices } from './device';
import { bind } from './signature';
import { removeWeightNorm, spectralNorm, weightNorm } from './nn/normUtils';
import { registerPackedSequence } from './nn/packedSequence';
import { cachedContextClass, Parametrize } from './nn/parametrize';
import { Orthogonal } from './nn/orthogonal';
import { WeightNormParametrization } from './nn/weightNormParam';
import { makeTorchOps } from './customOps';
import { makeAutogradModule } from './autogradFunction';
import './ops/elementwise';
import './ops/matmul';
import './ops/spectral';
import { linalgOps } from './ops/linalg';
import { fftOps } from './ops/fft';
import './ops/conv';
import './ops/pool';
import './ops/norm';
import './ops/reduce';
import './ops/shape';
import './ops/view';
import './ops/loss';
import './ops/creation';
import './ops/attention';
import './ops/misc';
import './ops/gather';
import './ops/unique';
import './ops/histogram';

type Impl = (args: Value[], kw: Map<string, Value> | undefined) => Value;

function mod(name: string, entries: Record<string, Value | Impl> = {}): PyModule {
  const m = new PyModule(name);
  for (const [k, v] of Object.entries(entries))
    m.attrs.set(k, typeof v === 'function' ? new NativeFunction(k, v as Impl) : v);
  return m;
}

const identity: Impl = ([f]) => f ?? null;
/** nn.init.*_: the tensor back, its folded values (a zeros buffer's) forgotten since the init wrote new ones. */
const initInPlace: Impl = ([t]) => {
  if (t instanceof Tensor) {
    t.data = undefined;
    t.values = undefined;
  }
  return t ?? null;
};

/** torch.nn.init.calculate_gain as torch 1.13 defines it (timm's and HF's weight init read it). */
function initGain(name: Value | undefined, param: Value | undefined): Value {
  const linear = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];
  if (typeof name !== 'string') return new Unknown('gain');
  if (linear.includes(name) || name === 'sigmoid') return 1;
  if (name === 'tanh') return new PyFloat(5 / 3);
  if (name === 'relu') return new PyFloat(Math.SQRT2);
  if (name === 'selu') return new PyFloat(3 / 4);
  if (name === 'leaky_relu') {
    const slope = param === undefined || param === null ? 0.01 : param instanceof PyFloat ? param.v : param;
    return typeof slope === 'number' ? new PyFloat(Math.sqrt(2 / (1 + slope ** 2))) : new Unknown('gain');
  }
  throw new PyException('ValueError', `Unsupported nonlinearity ${name}`);
}

/** torch.nn.init._calculate_fan_in_and_fan_out: size(1) and size(0) times the receptive field (dims 2 on). */
function fans(t: Value | undefined): Value {
  const x = t instanceof Tensor ? t : undefined;
  if (!x?.shape) return new PyTuple([new Unknown('fan_in'), new Unknown('fan_out')]);
  if (x.shape.length < 2)
    throw new PyException(
      'ValueError',
      'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions',
    );
  const field = dimProd(x.shape.slice(2));
  return new PyTuple([dimMul(x.shape[1], field) as Value, dimMul(x.shape[0], field) as Value]);
}
export function registerTorch(natives: NativeModules, c: TorchCtx, types: BuiltinTypes): void {
  const ip = c.ip;
  // `torch.no_grad()` is a context and a decorator; bare `@torch.no_grad` decorates the function directly.
  const gradMode = (enabled: boolean, f: Value | undefined): Value => {
    const ctx = new GradModeCtx(c, enabled);
    return f === undefined ? ctx : callValue(ip, ctx, [f], undefined, ip.site);
  };
  const object = types.object;
  const tensorCls = new PyClass('Tensor', [object], new Map());
  const parameterCls = new PyClass('Parameter', [tensorCls], new Map());
  parameterCls.dict.set(
    '__new__',
    new NativeFunction('__new__', ([, data, ...rest], kw) => {
      const t = asTensor(data ?? null);
      if (!t?.shape) c.unknownShape('nn.Parameter');
      const p = new Tensor(t?.shape, t?.dtype ?? c.defaultFloat, 'param');
      const rg = kw?.get('requires_grad') ?? rest[0];
      if (rg === false) p.requiresGrad = false;
      p.line = ip.docLine();
      ip.recorder.tensors.push(p);
      return p;
    }),
  );
  // nn.Buffer(tensor, persistent=True) (PyTorch 2.5+): assigned to a module attribute, it is a buffer.
  const bufferCls = new PyClass('Buffer', [tensorCls], new Map());
  bufferCls.dict.set(
    '__new__',
    new NativeFunction('__new__', ([, data]) => {
      const t = asTensor(data ?? null);
      if (!t?.shape) c.unknownShape('nn.Buffer');
      const b = new Tensor(t?.shape, t?.dtype ?? c.defaultFloat, 'buffer');
      b.line = ip.docLine();
      b.data = t?.data;
      ip.recorder.tensors.push(b);
      return b;
    }),
  );
  types.tensor = tensorCls;
  types.parameter = parameterCls;
  const module = makeModuleClass(c, object);
  const kit = new LayerKit(c, module);
  kit.containers = makeContainers(c, module);
  Object.assign(kit.classes, kit.containers);
  defineLayers(kit);
  defineSequenceLayers(kit);

  const functional = mod('torch.nn.functional');
  const torch = mod('torch');
  const devices = makeDevices(object);
  c.cpuDevice = devices.cpu;
  torch.attrs.set('device', devices.cls);
  for (const [name, cls] of legacyTensorTypes(c, tensorCls)) torch.attrs.set(name, cls);
  for (const [name, d] of ops) {
    const fn = new NativeFunction(name, (args, kw) => d.fn(c, args, kw));
    if (d.functional) functional.attrs.set(name, fn);
    if (d.torch) torch.attrs.set(name, fn);
  }
  for (const [name, d] of dtypeAliases) torch.attrs.set(name, d);
  // torch's float constants (csatv2's DCT kernel multiplies by torch.pi).
  for (const [name, v] of [
    ['pi', Math.PI],
    ['e', Math.E],
    ['inf', Infinity],
    ['nan', NaN],
  ] as const)
    torch.attrs.set(name, new PyFloat(v));
  const initNames = [
    'kaiming_normal_',
    'kaiming_uniform_',
    'xavier_normal_',
    'xavier_uniform_',
    'normal_',
    'uniform_',
    'constant_',
    'zeros_',
    'ones_',
    'trunc_normal_',
    'orthogonal_',
    'eye_',
    'dirac_',
    'sparse_',
  ];
  const init = mod('torch.nn.init', Object.fromEntries(initNames.map((n) => [n, initInPlace])));
  init.attrs.set('calculate_gain', new NativeFunction('calculate_gain', ([name, param]) => initGain(name, param)));
  init.attrs.set(
    '_calculate_fan_in_and_fan_out',
    new NativeFunction('_calculate_fan_in_and_fan_out', ([t]) => fans(t)),
  );
  const nn = mod('torch.nn', {
    Module: module,
    Parameter: parameterCls,
    Buffer: bufferCls,
    functional,
    init,
    ...kit.classes,
  });
  nn.attrs.set('modules', nn);
  const parameter = mod('torch.nn.parameter', { Parameter: parameterCls });
  nn.attrs.set('parameter', parameter);
  natives.set('torch.nn.parameter', () => parameter);
  nn.attrs.set(
    'utils',
    mod('torch.nn.utils', {
      clip_grad_norm_: () => null,
      weight_norm: (a, kw) => {
        const b = bind('weight_norm', "module, name='weight', dim=0", a, kw);
        return weightNorm(c, b.module, b.name, b.dim);
      },
      spectral_norm: (a, kw) => {
        const b = bind('spectral_norm', "module, name='weight', n_power_iterations=1, eps=1e-12, dim=None", a, kw);
        return spectralNorm(c, b.module, b.name, b.dim);
      },
      remove_weight_norm: (a, kw) => {
        const b = bind('remove_weight_norm', "module, name='weight'", a, kw);
        return removeWeightNorm(c, b.module, b.name);
      },
    }),
  );
  const size = new NativeFunction('Size', ([dims]) => {
    const d = toDims(dims ?? null);
    return d ? new PyTuple(d) : new Unknown('Size');
  });
  for (const [k, v] of Object.entries({
    nn,
    Tensor: tensorCls,
    Size: size,
    no_grad: ([f]: Value[]) => gradMode(false, f),
    enable_grad: ([f]: Value[]) => gradMode(true, f),
    inference_mode: ([mode]: Value[]) =>
      new GradModeCtx(c, mode === undefined || mode === true ? false : mode === false ? true : undefined),
    set_grad_enabled: ([mode]: Value[]) => new GradModeCtx(c, typeof mode === 'boolean' ? mode : undefined),
    manual_seed: () => null,
    is_tensor: ([x]: Value[]) => x instanceof Tensor,
    get_default_dtype: () => c.defaultFloat,
    // Tensors are made on the CPU unless told otherwise (torch.set_default_device is not modelled: unknown after it).
    get_default_device: () => (c.defaultDeviceSet ? new Unknown('default device') : c.cpuDevice),
    set_default_device: () => {
      c.defaultDeviceSet = true;
      return null;
    },
    // Floating tensors and parameters made after it take this dtype (the analysis starts from the precision chosen).
    set_default_dtype: ([d]: Value[]) => {
      if (d instanceof Dtype && d.isFloat) c.defaultFloat = d;
      return null;
    },
    compile: identity,
    // torch._assert(cond, msg) raises like `assert` when the condition is known false (timm's input-size checks).
    _assert: ([cond, msg]) => {
      if (cond !== false) return null;
      throw new PyException('AssertionError', typeof msg === 'string' ? msg.slice(0, 300) : 'raised');
    },
    is_grad_enabled: () => c.gradEnabled,
    is_autocast_enabled: () => c.autocast !== undefined,
    ...typeInfoFunctions(c, object),
    Generator: () => new Unknown('Generator'),
  } as Record<string, Value | Impl>))
    torch.attrs.set(k, typeof v === 'function' ? new NativeFunction(k, v as Impl) : v);
  const autograd = makeAutogradModule(c, object);
  torch.attrs.set('autograd', autograd);
  const torchOps = makeTorchOps(c);
  torch.attrs.set('ops', torchOps.opsModule);
  torch.attrs.set('library', torchOps.library);
  const jit = mod('torch.jit', {
    script: identity,
    trace: identity,
    ignore: identity,
    unused: identity,
    export: identity,
    is_scripting: () => false,
    is_tracing: () => false,
    annotate: ([, v]) => v ?? null,
    Final: new Unknown('Final'),
  });
  const cuda = mod('torch.cuda', {
    is_available: () => false,
    device_count: () => 0,
    is_current_stream_capturing: () => false,
    amp: mod('torch.cuda.amp', { autocast: autocastFactory(c, true) }),
  });
  // No tensor is an fx Proxy or a FakeTensor while flopscope reads a model (transformers' is_tracing asks).
  const fx = mod('torch.fx', { wrap: identity, Proxy: new PyClass('Proxy', [object], new Map()) });
  // The model is never compiled or exported while flopscope reads it (eager mode, as PyTorch runs it by default).
  const compiler = mod('torch.compiler', {
    is_compiling: () => false,
    is_dynamo_compiling: () => false,
    is_exporting: () => false,
    disable: ([f]) => (f instanceof PyFunction ? f : new NativeFunction('disable', identity)),
  });
  // mark_static_address is a hint to CUDA graphs under torch.compile: nothing in eager mode (Mamba's cache).
  const dynamo = mod('torch._dynamo', {
    is_compiling: () => false,
    disable: compiler.attrs.get('disable')!,
    mark_static_address: () => null,
  });
  const checkpoint = mod('torch.utils.checkpoint', {
    checkpoint: ([f, ...args]) => (f ? callValue(ip, f, args, undefined, ip.site) : new Unknown('checkpoint')),
  });
  const utils = mod('torch.utils', { checkpoint, data: mod('torch.utils.data') });
  for (const [k, v] of Object.entries({
    jit,
    cuda,
    fx,
    compiler,
    _dynamo: dynamo,
    utils,
    fft: mod(
      'torch.fft',
      Object.fromEntries(
        Object.entries(fftOps).map(([k, op]) => [k, new NativeFunction(k, (a, kw) => ops.get(op)!.fn(c, a, kw))]),
      ),
    ),
    autocast: new NativeFunction('autocast', autocastFactory(c, false)),
    amp: mod('torch.amp', { autocast: autocastFactory(c, false) }),
    overrides: mod('torch.overrides', { has_torch_function: () => false }),
    // A CPU build (as torch.cuda above): no CUDA, no ROCm (transformers' is_rocm_platform reads torch.version.hip).
    version: mod('torch.version', { __version__: modelledTorchVersion, cuda: null, hip: null, debug: false }),
    linalg: mod(
      'torch.linalg',
      Object.fromEntries(
        Object.entries(linalgOps).map(([k, op]) => [k, new NativeFunction(k, (a, kw) => ops.get(op)!.fn(c, a, kw))]),
      ),
    ),
  }))
    torch.attrs.set(k, v);
  const register = (name: string, m: PyModule) => natives.set(name, () => m);
  registerNumpy(natives, c);
  register('torch', torch);
  register('torch.nn', nn);
  register('torch.nn.modules', nn);
  register('torch.nn.functional', functional);
  register('torch.nn.init', init);
  register('torch.jit', jit);
  register('torch.library', torchOps.library);
  register('torch.autograd', autograd);
  register('torch.autograd.function', autograd.attrs.get('function') as PyModule);
  register('torch.fft', torch.attrs.get('fft') as PyModule);
  register('torch.fx', fx);
  register('torch.compiler', compiler);
  // flex_attention's BlockMask as a class, so `isinstance(mask, (torch.Tensor, BlockMask))` is decided (transformers'
  // masking_utils); its functions (create_block_mask, flex_attention) stay unknown.
  const flex = mod('torch.nn.attention.flex_attention', {
    BlockMask: new PyClass('BlockMask', [object], new Map()),
    _DEFAULT_SPARSE_BLOCK_SIZE: 128,
  });
  const attention = mod('torch.nn.attention', { flex_attention: flex });
  nn.attrs.set('attention', attention);
  register('torch.nn.attention', attention);
  register('torch.nn.attention.flex_attention', flex);
  register('torch._dynamo', dynamo);
  register('torch.utils', utils);
  register('torch.utils.checkpoint', checkpoint);
  register('torch.cuda', cuda);
  register('torch.nn.utils', nn.attrs.get('utils') as PyModule);
  const parametrize = new Parametrize(c, kit);
  const cachedCls = cachedContextClass(c, object);
  const orthogonal = new Orthogonal(c, kit, parametrize);
  const weightNormParam = new WeightNormParametrization(c, kit, parametrize);
  const parametrizeMod = mod('torch.nn.utils.parametrize', {
    register_parametrization: (a, kw) => {
      const b = bind('register_parametrization', 'module, tensor_name, parametrization, unsafe=False', a, kw);
      return parametrize.register(b.module, b.tensor_name, b.parametrization, b.unsafe === true);
    },
    remove_parametrizations: (a, kw) => {
      const b = bind('remove_parametrizations', 'module, tensor_name, leave_parametrized=True', a, kw);
      return parametrize.remove(b.module, b.tensor_name, b.leave_parametrized !== false);
    },
    is_parametrized: ([m, name]) => {
      const d = m instanceof PyInstance ? m.attrs.get('parametrizations') : undefined;
      return d instanceof PyInstance && (typeof name !== 'string' || d.attrs.has(name));
    },
    cached: () => new PyInstance(cachedCls),
  });
  const parametrizations = mod('torch.nn.utils.parametrizations', {
    spectral_norm: (a, kw) => parametrize.spectralNorm(a, kw),
    _SpectralNorm: parametrize.snCls,
    orthogonal: (a, kw) => orthogonal.apply(a, kw),
    _Orthogonal: orthogonal.cls,
    weight_norm: (a, kw) => weightNormParam.apply(a, kw),
    _WeightNorm: weightNormParam.cls,
    parametrize: parametrizeMod,
  });
  (nn.attrs.get('utils') as PyModule).attrs.set('parametrize', parametrizeMod);
  (nn.attrs.get('utils') as PyModule).attrs.set('parametrizations', parametrizations);
  register('torch.nn.utils.parametrize', parametrizeMod);
  register('torch.nn.utils.parametrizations', parametrizations);
  const rnnUtils = registerPackedSequence(c, object);
  (nn.attrs.get('utils') as PyModule).attrs.set('rnn', rnnUtils);
  register('torch.nn.utils.rnn', rnnUtils);
  const jax = mod('jaxtyping');
  for (const n of ['Float', 'Int', 'Bool', 'Shaped', 'Integer', 'Num', 'Float32', 'Float16', 'Int64', 'BFloat16'])
    jax.attrs.set(n, new PyClass(n, [object], new Map()));
  jax.attrs.set(
    'jaxtyped',
    new NativeFunction('jaxtyped', ([f]) =>
      f instanceof Unknown || f === undefined ? new NativeFunction('jaxtyped', identity) : f,
    ),
  );
  register('jaxtyping', jax);
  registerEinops(natives, c, module);
  register('torchtyping', jax);
}
