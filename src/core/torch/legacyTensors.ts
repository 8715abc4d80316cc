// torch.Tensor(...) and the legacy typed constructors (torch.FloatTensor, torch.LongTensor, ...), as torch 1.13 runs
// them: sizes give an uninitialized tensor, a list its data; `isinstance(t, torch.LongTensor)` asks the dtype.
import { Tensor } from '../model/tensor';
import type { Dtype } from '../model/dtype';
import type { TorchCtx } from './context';
import { dtypes } from './dtypes';
import { fresh } from './strides';
import { isNumpyArray } from './numpyModule';
import { tensorFromData } from './ops/creation';
import { toDims } from './values';
import { NativeFunction, PyClass, PyList, PyTuple, SymInt, Unknown, type Value } from '../eval/values';

const LEGACY: readonly [string, string][] = [
  ['FloatTensor', 'float32'],
  ['DoubleTensor', 'float64'],
  ['HalfTensor', 'float16'],
  ['BFloat16Tensor', 'bfloat16'],
  ['LongTensor', 'int64'],
  ['IntTensor', 'int32'],
  ['ShortTensor', 'int16'],
  ['CharTensor', 'int8'],
  ['ByteTensor', 'uint8'],
  ['BoolTensor', 'bool'],
];

const isSize = (v: Value) => typeof v === 'number' || v instanceof SymInt;

function construct(c: TorchCtx, dtype: Dtype, args: Value[]): Value {
  if (args.length === 0) return fresh(new Tensor([0], dtype));
  const t = args.length === 1 && args[0] instanceof Tensor ? args[0] : undefined;
  // An ndarray is converted (a copy); a tensor of the same dtype gives a new tensor on its storage (torch 1.13).
  if (t && isNumpyArray(t)) return fresh(new Tensor(t.shape, dtype));
  if (t && t.dtype === dtype) return new Tensor(t.shape, dtype).shareStorage(t);
  if (args.every(isSize)) return fresh(new Tensor(c.creationShape(toDims(new PyTuple(args))), dtype));
  // A list is data; a tuple of ints may be a torch.Size (sizes) or a tuple literal (data): the engine cannot tell them.
  if (args.length === 1 && args[0] instanceof PyList) return tensorFromData(c, args[0], new Map([['dtype', dtype]]));
  if (args.length === 1 && args[0] instanceof PyTuple && !args[0].items.every(isSize))
    return tensorFromData(c, args[0], new Map([['dtype', dtype]]));
  c.ip.recorder.unknownOp(c.ip, 'legacy tensor constructor (sizes or data?)');
  return new Unknown('legacy tensor constructor');
}

/** Makes `torch.Tensor(...)` construct a default-dtype tensor; returns the legacy typed classes by name. */
export function legacyTensorTypes(c: TorchCtx, tensorCls: PyClass): [string, PyClass][] {
  tensorCls.dict.set('__new__', new NativeFunction('Tensor', ([, ...args]) => construct(c, c.defaultFloat, args)));
  return LEGACY.map(([name, dt]) => {
    const dtype = dtypes.get(dt)!;
    const cls = new PyClass(name, [tensorCls], new Map());
    cls.dict.set('__new__', new NativeFunction(name, ([, ...args]) => construct(c, dtype, args)));
    cls.instanceCheck = (v) => (v instanceof Tensor ? v.dtype === dtype : false);
    return [name, cls];
  });
}
