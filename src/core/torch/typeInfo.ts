// torch.finfo / torch.iinfo: a dtype's limits as torch 1.13 gives them (attention masks fill with finfo(dtype).min).
import { NativeFunction, PyClass, PyFloat, PyInstance, Unknown, type Value } from '../eval/values';
import { PyException } from '../eval/errors';
import { Dtype } from '../model/dtype';

/** bits, eps, max, tiny (= smallest_normal), resolution; min is -max. Complex types report their float part. */
const floats: Record<string, [number, number, number, number, number, string]> = {
  float32: [32, 1.1920928955078125e-7, 3.4028234663852886e38, 1.1754943508222875e-38, 1e-6, 'float32'],
  complex64: [32, 1.1920928955078125e-7, 3.4028234663852886e38, 1.1754943508222875e-38, 1e-6, 'float32'],
  float64: [64, 2.220446049250313e-16, 1.7976931348623157e308, 2.2250738585072014e-308, 1e-15, 'float64'],
  float16: [16, 0.0009765625, 65504, 6.103515625e-5, 0.001, 'float16'],
  bfloat16: [16, 0.0078125, 3.3895313892515355e38, 1.1754943508222875e-38, 0.01, 'bfloat16'],
};
/** bits, min, max; int64's limits are not exact as JavaScript numbers, so they stay unknown. */
const ints: Record<string, [number, number | undefined, number | undefined]> = {
  int64: [64, undefined, undefined],
  int32: [32, -2147483648, 2147483647],
  int16: [16, -32768, 32767],
  int8: [8, -128, 127],
  uint8: [8, 0, 255],
};

export function makeTypeInfo(object: PyClass, defaultFloat: () => Dtype): { finfo: Value; iinfo: Value } {
  const finfoCls = new PyClass('finfo', [object], new Map());
  const iinfoCls = new PyClass('iinfo', [object], new Map());
  const finfo = new NativeFunction('finfo', ([d]) => {
    const dtype = d === undefined ? defaultFloat() : d;
    if (!(dtype instanceof Dtype)) return new Unknown('finfo');
    const f = floats[dtype.name];
    if (!f)
      throw new PyException(
        'TypeError',
        "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'",
      );
    const [bits, eps, max, tiny, resolution, name] = f;
    const o = new PyInstance(finfoCls);
    o.attrs.set('bits', bits);
    o.attrs.set('eps', new PyFloat(eps));
    o.attrs.set('max', new PyFloat(max));
    o.attrs.set('min', new PyFloat(-max));
    o.attrs.set('tiny', new PyFloat(tiny));
    o.attrs.set('smallest_normal', new PyFloat(tiny));
    o.attrs.set('resolution', new PyFloat(resolution));
    o.attrs.set('dtype', name);
    return o;
  });
  const iinfo = new NativeFunction('iinfo', ([d]) => {
    if (!(d instanceof Dtype)) return new Unknown('iinfo');
    if (d.name === 'bool') throw new PyException('TypeError', 'torch.bool is not supported by torch.iinfo');
    const i = ints[d.name];
    if (!i)
      throw new PyException(
        'TypeError',
        "torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'",
      );
    const o = new PyInstance(iinfoCls);
    o.attrs.set('bits', i[0]);
    o.attrs.set('min', i[1] ?? new Unknown('iinfo(torch.int64).min'));
    o.attrs.set('max', i[2] ?? new Unknown('iinfo(torch.int64).max'));
    o.attrs.set('dtype', d.name);
    return o;
  });
  return { finfo, iinfo };
}
