// torch.finfo / torch.iinfo: the numeric limits of a dtype, as PyTorch gives them (checked against torch 1.13).
import { Dtype } from '../model/dtype';
import type { TorchCtx } from './context';
import { PyClass, PyFloat, PyInstance, Unknown, type Value } from '../eval/values';

/** bits, eps, max, tiny (= smallest_normal), resolution; min is -max. */
const FLOAT_INFO: Record<string, [number, number, number, number, number]> = {
  float32: [32, 1.1920928955078125e-7, 3.4028234663852886e38, 1.1754943508222875e-38, 1e-6],
  float64: [64, 2.220446049250313e-16, 1.7976931348623157e308, 2.2250738585072014e-308, 1e-15],
  float16: [16, 0.0009765625, 65504.0, 6.103515625e-5, 0.001],
  bfloat16: [16, 0.0078125, 3.3895313892515355e38, 1.1754943508222875e-38, 0.01],
};

/** bits and signedness; int64's limits are beyond a double's exact integers, so they stay unknown. */
const INT_INFO: Record<string, [number, boolean]> = {
  int8: [8, true],
  uint8: [8, false],
  int16: [16, true],
  int32: [32, true],
  int64: [64, true],
};

export function typeInfoFunctions(c: TorchCtx, object: PyClass): Record<string, (args: Value[]) => Value> {
  const finfoCls = new PyClass('finfo', [object], new Map());
  const iinfoCls = new PyClass('iinfo', [object], new Map());
  return {
    finfo: ([d]) => {
      const dtype = d === undefined || d === null ? c.defaultFloat : d;
      const info = dtype instanceof Dtype ? FLOAT_INFO[dtype.name] : undefined;
      if (!info || !(dtype instanceof Dtype)) return new Unknown('finfo');
      const [bits, eps, max, tiny, resolution] = info;
      const f = new PyInstance(finfoCls);
      f.attrs.set('bits', bits);
      for (const [k, v] of [
        ['eps', eps],
        ['max', max],
        ['min', -max],
        ['tiny', tiny],
        ['smallest_normal', tiny],
        ['resolution', resolution],
      ] as const)
        f.attrs.set(k, new PyFloat(v));
      f.attrs.set('dtype', dtype.name);
      return f;
    },
    iinfo: ([d]) => {
      const info = d instanceof Dtype ? INT_INFO[d.name] : undefined;
      if (!info || !(d instanceof Dtype)) return new Unknown('iinfo');
      const [bits, signed] = info;
      const i = new PyInstance(iinfoCls);
      i.attrs.set('bits', bits);
      const exact = bits < 53;
      i.attrs.set('max', exact ? (signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1) : new Unknown('int64 max'));
      i.attrs.set('min', exact ? (signed ? -(2 ** (bits - 1)) : 0) : new Unknown('int64 min'));
      i.attrs.set('dtype', d.name);
      return i;
    },
  };
}
