// einops.pack / unpack (reshape + cat / split + reshape, as einops runs them), einops.einsum with named axes (torch's
// einsum on letters) and the EinMix layer (a weight and bias shaped by named axes, applied by einsum).
import type { TorchCtx } from './context';
import { ops } from './registry';
import { asTensor, toDim } from './values';
import { Tensor } from '../model/tensor';
import { dimProd, type Dim } from '../sym/dim';
import { NativeFunction, PyClass, PyInstance, PyList, PyModule, PyTuple, Unknown, type Value } from '../eval/values';
import { PyException } from '../eval/errors';
import { iterate } from '../eval/protocols';

const op = (c: TorchCtx, name: string, ...args: Value[]): Value => ops.get(name)!.fn(c, args, undefined);

/** A pack pattern's axes before and after its one `*`. */
function starPattern(pattern: Value): { before: number; after: number } | undefined {
  if (typeof pattern !== 'string') return undefined;
  const axes = pattern.trim().split(/\s+/);
  const at = axes.indexOf('*');
  if (at < 0 || axes.indexOf('*', at + 1) >= 0) return undefined;
  return { before: at, after: axes.length - at - 1 };
}

function pack(c: TorchCtx, tensors: Value, pattern: Value): Value {
  const p = starPattern(pattern);
  const items = iterate(c.ip, tensors)?.map(asTensor);
  if (!p) throw new PyException('EinopsError', `pack: pattern ${String(pattern)} needs exactly one '*'`);
  if (!items || items.some((t) => !t?.shape)) {
    c.unknownShape('einops.pack');
    return new PyTuple([new Tensor(undefined, items?.[0]?.dtype ?? c.defaultFloat), new Unknown('packed shapes')]);
  }
  const flat: Value[] = [];
  const shapes: Value[] = [];
  for (const t of items as Tensor[]) {
    const shape = t.shape!;
    if (shape.length < p.before + p.after)
      throw new PyException(
        'EinopsError',
        `packed tensor of shape [${shape.join(', ')}] has fewer dims than pattern ${String(pattern)}`,
      );
    const star = shape.slice(p.before, shape.length - p.after);
    shapes.push(new PyTuple(star as Value[]));
    const target = [...shape.slice(0, p.before), -1, ...shape.slice(shape.length - p.after)];
    flat.push(op(c, 'reshape', t, new PyTuple(target as Value[])));
  }
  return new PyTuple([op(c, 'cat', new PyList(flat), p.before), new PyList(shapes)]);
}

function unpack(c: TorchCtx, tensor: Value, packedShapes: Value, pattern: Value): Value {
  const p = starPattern(pattern);
  const t = asTensor(tensor);
  const shapes = iterate(c.ip, packedShapes)?.map((s) => iterate(c.ip, s)?.map(toDim));
  if (!p) throw new PyException('EinopsError', `unpack: pattern ${String(pattern)} needs exactly one '*'`);
  if (!t?.shape || !shapes || shapes.some((s) => !s || s.some((d) => d === undefined))) {
    c.unknownShape('einops.unpack');
    return new Unknown('einops.unpack');
  }
  const dims = shapes as Dim[][];
  const parts = op(c, 'split', t, new PyList(dims.map((s) => dimProd(s) as Value)), p.before);
  const pieces = iterate(c.ip, parts);
  if (!pieces) return new Unknown('einops.unpack');
  return new PyList(
    pieces.map((piece, i) => {
      const ps = asTensor(piece);
      if (!ps?.shape) return piece;
      const target = [...ps.shape.slice(0, p.before), ...dims[i], ...ps.shape.slice(ps.shape.length - p.after)];
      return op(c, 'reshape', piece, new PyTuple(target as Value[]));
    }),
  );
}

/** einops.einsum's named-axis pattern as torch.einsum letters (`batch i d, batch j d -> batch i j` → `abc,adc->abd`). */
function letters(pattern: string): string | undefined {
  const names = new Map<string, string>();
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const side = (s: string) =>
    s
      .split(',')
      .map((operand) =>
        operand
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map((n) => {
            if (n === '...') return '...';
            if (!names.has(n)) names.set(n, alphabet[names.size] ?? '?');
            return names.get(n)!;
          })
          .join(''),
      )
      .join(',');
  const [lhs, rhs] = pattern.split('->');
  if (rhs === undefined) return undefined;
  const eq = `${side(lhs)}->${side(rhs)}`;
  return eq.includes('?') ? undefined : eq;
}

function einsum(c: TorchCtx, args: Value[]): Value {
  const pattern = args[args.length - 1];
  const eq = typeof pattern === 'string' ? letters(pattern) : undefined;
  if (!eq) return new Unknown('einops.einsum');
  return op(c, 'einsum', eq, ...args.slice(0, -1));
}

/** EinMix(pattern, weight_shape, bias_shape=None, **axes_lengths): params by named axes, applied by einsum + bias. */
function einMix(c: TorchCtx, module: PyClass): PyClass {
  const cls = new PyClass('EinMix', [module], new Map());
  const shapeOf = (axes: Value, lengths: Map<string, Value>): Dim[] | undefined => {
    if (typeof axes !== 'string') return undefined;
    const dims = axes
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((n) => toDim(lengths.get(n) ?? null));
    return dims.every((d) => d !== undefined) ? (dims as Dim[]) : undefined;
  };
  const param = (shape: Dim[] | undefined) => {
    const t = new Tensor(shape, c.defaultFloat, 'param');
    t.line = c.ip.docLine();
    c.ip.recorder.tensors.push(t);
    return t;
  };
  cls.dict.set(
    '__init__',
    new NativeFunction('__init__', ([self, pattern, weightShape, biasShape], kw) => {
      if (!(self instanceof PyInstance)) return null;
      const lengths = new Map(kw ?? []);
      const p = pattern ?? lengths.get('pattern') ?? null;
      const w = weightShape ?? lengths.get('weight_shape') ?? null;
      const b = biasShape ?? lengths.get('bias_shape') ?? null;
      self.attrs.set('training', false);
      self.attrs.set('pattern', p);
      self.attrs.set('weight', param(shapeOf(w, lengths)));
      if (typeof b === 'string') self.attrs.set('bias', param(shapeOf(b, lengths)));
      self.native = { pattern: p, weightAxes: w, biasAxes: b };
      return null;
    }),
  );
  cls.dict.set(
    'forward',
    new NativeFunction('forward', ([self, x]) => {
      const spec =
        self instanceof PyInstance
          ? (self.native as { pattern: Value; weightAxes: Value; biasAxes: Value })
          : undefined;
      if (!spec || typeof spec.pattern !== 'string' || typeof spec.weightAxes !== 'string')
        return new Unknown('EinMix');
      const [left, right] = spec.pattern.split('->');
      const out = einsum(c, [
        x ?? null,
        (self as PyInstance).attrs.get('weight') ?? null,
        `${left}, ${spec.weightAxes} -> ${right}`,
      ]);
      if (typeof spec.biasAxes !== 'string') return out;
      // The bias broadcasts over the output's other axes (einops keeps a 1 there).
      const bias = asTensor((self as PyInstance).attrs.get('bias') ?? null);
      const biasAxes = spec.biasAxes.trim().split(/\s+/);
      const outAxes = right.trim().split(/\s+/);
      if (!bias?.shape) return op(c, 'add', out, bias ?? null);
      const view = outAxes.map((n) => (biasAxes.includes(n) ? bias.shape![biasAxes.indexOf(n)] : 1));
      return op(c, 'add', out, op(c, 'reshape', bias, new PyTuple(view as Value[])));
    }),
  );
  return cls;
}

/** Adds pack, unpack, einsum to the einops module and EinMix to einops.layers.torch. */
export function addEinopsExtras(c: TorchCtx, fns: PyModule, layers: PyModule, module: PyClass): void {
  fns.attrs.set(
    'pack',
    new NativeFunction('pack', ([t, p], kw) => pack(c, t ?? null, p ?? kw?.get('pattern') ?? null)),
  );
  fns.attrs.set(
    'unpack',
    new NativeFunction('unpack', ([t, ps, p], kw) =>
      unpack(c, t ?? null, ps ?? kw?.get('packed_shapes') ?? null, p ?? kw?.get('pattern') ?? null),
    ),
  );
  fns.attrs.set('einsum', new NativeFunction('einsum', (args) => einsum(c, args)));
  layers.attrs.set('EinMix', einMix(c, module));
}
