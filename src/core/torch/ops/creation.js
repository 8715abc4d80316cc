// Tensor creation (zeros, randn, arange, eye, tensor(...), *_like) and dtype conversions (.to, .float, ...).
import { Dtype } from '../../model/dtype';
import { def } from '../registry';
import { asTensor, toDim, toDims } from '../values';
import { dtypes, float32, int64, boolType } from '../dtypes';
import { Tensor } from '../../model/tensor';
import { fresh } from '../strides';
import { dataOf, MAX_DATA, toList, withData } from '../constData';
import { dimFloorDiv, dimSub } from '../../sym/dim';
import { PyFloat, PyList, PyTuple, Unknown } from '../../eval/values';
function dtypeArg(c, kw, def) {
    const d = kw?.get('dtype');
    return d instanceof Dtype ? d : def === float32 ? c.defaultFloat : def;
}
function sized(name, dflt) {
    def(name, 't', (c, args, kw) => {
        const shapeArgs = name === 'full' ? args.slice(0, 1) : args;
        const shape = c.creationShape(toDims(kw?.has('size') ? kw.get('size') : shapeArgs));
        const dtype = dtypeArg(c, kw, dflt === 'float'
            ? float32
            : name === 'full' && !(args[1] instanceof PyFloat) && typeof args[1] === 'number'
                ? int64
                : dflt);
        return fresh(new Tensor(shape, dtype));
    });
}
for (const n of ['zeros', 'ones', 'empty', 'randn', 'rand', 'full'])
    sized(n, 'float');
def(['zeros_like', 'ones_like', 'empty_like', 'randn_like', 'rand_like', 'full_like'], 't', (c, args, kw) => {
    const t = asTensor(args[0]);
    return t ? new Tensor(t.shape, dtypeArg(c, kw, t.dtype)) : new Unknown('like');
});
def(['new_zeros', 'new_ones', 'new_empty', 'new_full'], 'm', (c, args, kw) => {
    const t = asTensor(args[0]);
    const shape = toDims(args.slice(1, 2).length && (args[1] instanceof PyTuple || args[1] instanceof PyList) ? args[1] : args.slice(1));
    return new Tensor(c.creationShape(shape), dtypeArg(c, kw, t?.dtype ?? float32));
});
def('new_tensor', 'm', (c, args, kw) => tensorFromData(c, args[1], kw));
def('randint', 't', (c, args, kw) => {
    const size = kw?.get('size') ?? args[args.length - 1];
    const bounds = kw?.has('size') ? args : args.slice(0, -1);
    const [low, high] = bounds.length >= 2
        ? [kw?.get('low') ?? bounds[0], kw?.get('high') ?? bounds[1]]
        : [kw?.get('low') ?? 0, kw?.get('high') ?? bounds[0]];
    const t = fresh(new Tensor(c.creationShape(toDims(size)), dtypeArg(c, kw, int64)));
    if (typeof low === 'number' && typeof high === 'number' && high > low)
        t.values = { low, high };
    return t;
});
def('randperm', 't', (c, [n], kw) => new Tensor(toDim(n) === undefined ? undefined : [toDim(n)], dtypeArg(c, kw, int64)));
def(['randint_like'], 't', (_c, [x]) => {
    const t = asTensor(x);
    return t ? new Tensor(t.shape, int64) : new Unknown('randint_like');
});
def('arange', 't', (c, args, kw) => {
    const nums = args.filter((a) => typeof a === 'number' || a instanceof PyFloat || a instanceof Unknown || typeof a === 'object');
    // arange(end), arange(start, end[, step]), and any of them by keyword (arange(start=0, end=half)).
    const pos = nums.length === 1 ? [undefined, nums[0], undefined] : [nums[0], nums[1], nums[2]];
    const start = kw?.get('start') ?? pos[0] ?? 0;
    const end = kw?.get('end') ?? pos[1];
    const step = kw?.get('step') ?? pos[2] ?? 1;
    if (end === undefined)
        return new Tensor(undefined, dtypeArg(c, kw, int64));
    const isFloat = [start, end, step].some((a) => a instanceof PyFloat);
    const dtype = dtypeArg(c, kw, isFloat ? float32 : int64);
    const f = (v) => (v instanceof PyFloat ? v.v : typeof v === 'number' ? v : undefined);
    const s = f(start), e = f(end), st = f(step);
    if (s !== undefined && e !== undefined && st !== undefined) {
        if (st === 0)
            return c.error('step must be nonzero', new Tensor(undefined, dtype));
        if ((e - s) / st < 0)
            return c.error('upper bound and larger bound inconsistent with step sign', new Tensor(undefined, dtype));
        const n = Math.max(0, Math.ceil((e - s) / st));
        return withData(fresh(new Tensor([n], dtype)), n <= MAX_DATA ? Array.from({ length: n }, (_, i) => s + i * st) : undefined);
    }
    const ds = toDim(start), de = toDim(end), dst = toDim(step);
    if (ds === undefined || de === undefined || dst === undefined)
        return new Tensor(undefined, dtype);
    return new Tensor([dimFloorDiv(dimSub(de, ds), dst, true)], dtype);
});
def('linspace', 't', (c, args, kw) => {
    const steps = toDim(kw?.get('steps') ?? args[2] ?? 50);
    const t = fresh(new Tensor(steps === undefined ? undefined : [steps], dtypeArg(c, kw, float32)));
    const [a, b] = [args[0] ?? kw?.get('start'), args[1] ?? kw?.get('end') ?? kw?.get('stop')].map((v) => dataOf(v instanceof Tensor ? undefined : v)?.data[0]);
    if (typeof steps !== 'number' || a === undefined || b === undefined || steps > MAX_DATA)
        return t;
    return withData(t, Array.from({ length: steps }, (_, i) => (steps === 1 ? a : a + ((b - a) * i) / (steps - 1))));
});
def('eye', 't', (c, args, kw) => {
    const n = toDim(args[0]);
    const m = toDim(args[1]) ?? n;
    return new Tensor(n === undefined ? undefined : [n, m], dtypeArg(c, kw, float32));
});
function nestedShape(v) {
    if (v instanceof PyList || v instanceof PyTuple) {
        if (v.items.length === 0)
            return { shape: [0], float: true };
        const inner = nestedShape(v.items[0]);
        if (!inner)
            return undefined;
        let float = inner.float;
        for (const it of v.items)
            if (it instanceof PyFloat)
                float = true;
        return { shape: [v.items.length, ...inner.shape], float };
    }
    if (typeof v === 'number' || typeof v === 'boolean')
        return { shape: [], float: false };
    if (v instanceof PyFloat)
        return { shape: [], float: true };
    if (v instanceof Tensor)
        return v.shape ? { shape: v.shape, float: v.dtype.isFloat } : undefined;
    return undefined;
}
function tensorFromData(c, data, kw) {
    const s = data === undefined ? undefined : nestedShape(data);
    const dflt = typeof data === 'boolean' ? boolType : s?.float === false ? int64 : float32;
    return withData(fresh(new Tensor(s?.shape, dtypeArg(c, kw, dflt))), flatNumbers(data));
}
function flatNumbers(v) {
    if (v instanceof PyList || v instanceof PyTuple) {
        const out = [];
        for (const it of v.items) {
            const f = flatNumbers(it);
            if (!f)
                return undefined;
            out.push(...f);
        }
        return out;
    }
    return dataOf(v instanceof Tensor ? undefined : v)?.data;
}
def(['tensor', 'as_tensor', 'from_numpy', 'asarray'], 't', (c, [data], kw) => tensorFromData(c, data, kw));
function convert(name, dtype) {
    def(name, 'm', (_c, [x]) => {
        const t = asTensor(x);
        return t ? withData(new Tensor(t.shape, dtype), t.data) : new Unknown(name);
    });
}
convert('float', dtypes.get('float32'));
convert('half', dtypes.get('float16'));
convert('double', dtypes.get('float64'));
convert('bfloat16', dtypes.get('bfloat16'));
convert('long', int64);
convert('int', dtypes.get('int32'));
convert('bool', boolType);
def(['to', 'type'], 'm', (_c, args, kw) => {
    const t = asTensor(args[0]);
    if (!t)
        return new Unknown('to');
    const d = [...args.slice(1), ...(kw?.values() ?? [])].find((a) => a instanceof Dtype || a instanceof Tensor);
    const dtype = d instanceof Dtype ? d : d instanceof Tensor ? d.dtype : t.dtype;
    return dtype === t.dtype ? t : new Tensor(t.shape, dtype);
});
def('type_as', 'm', (_c, [x, o]) => {
    const t = asTensor(x), u = asTensor(o);
    return t && u ? new Tensor(t.shape, u.dtype) : new Unknown('type_as');
});
def('tolist', 'm', (_c, [x]) => {
    const t = asTensor(x);
    return (t && toList(t)) ?? new Unknown('tolist');
});
def('item', 'm', (_c, [x]) => {
    const t = asTensor(x);
    const d = t?.data;
    return d?.length === 1 ? (t.dtype.isFloat ? new PyFloat(d[0]) : d[0]) : new Unknown('item');
});
def('diff', 'tm', (_c, [x]) => {
    const t = asTensor(x);
    const n = t?.shape?.[0];
    if (!t || t.shape?.length !== 1 || typeof n !== 'number')
        return new Unknown('diff');
    const d = t.data;
    return withData(new Tensor([Math.max(0, n - 1)], t.dtype), d && d.slice(1).map((v, i) => v - d[i]));
});
