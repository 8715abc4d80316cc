// The einops module: rearrange/repeat/reduce (pack/unpack/einsum/EinMix: einopsPack.ts) and the Rearrange/Reduce
// nn layers (einops.layers.torch).
import type { NativeModules } from '../eval/imports';
import type { TorchCtx } from './context';
import { einopsOp } from './einops';
import { addEinopsExtras } from './einopsPack';
import { NativeFunction, PyClass, PyInstance, PyModule, Unknown, type Value } from '../eval/values';

type Mode = 'rearrange' | 'repeat' | 'reduce';

function split(
  mode: Mode,
  args: Value[],
  kw: Map<string, Value> | undefined,
): { x: Value; pattern: Value; reduction: Value; lengths: Map<string, Value> } {
  const lengths = new Map(kw ?? []);
  const reduction = mode === 'reduce' ? (args[2] ?? lengths.get('reduction') ?? 'sum') : null;
  lengths.delete('reduction');
  lengths.delete('pattern');
  return { x: args[0] ?? null, pattern: args[1] ?? kw?.get('pattern') ?? null, reduction, lengths };
}

export function registerEinops(natives: NativeModules, c: TorchCtx, module: PyClass): void {
  const fns = new PyModule('einops');
  for (const mode of ['rearrange', 'repeat', 'reduce'] as Mode[]) {
    fns.attrs.set(
      mode,
      new NativeFunction(mode, (args, kw) => {
        const a = split(mode, args, kw);
        return einopsOp(c, mode, a.x, a.pattern, a.reduction, a.lengths);
      }),
    );
  }
  const layers = new PyModule('einops.layers.torch');
  for (const [name, mode] of [
    ['Rearrange', 'rearrange'],
    ['Reduce', 'reduce'],
  ] as [string, Mode][]) {
    const cls = new PyClass(name, [module], new Map());
    cls.dict.set(
      '__init__',
      new NativeFunction('__init__', ([self, ...args], kw) => {
        if (!(self instanceof PyInstance)) return null;
        self.attrs.set('training', false);
        const a = split(mode, [null, ...args], kw);
        self.native = a;
        if (typeof a.pattern === 'string') self.attrs.set('pattern', a.pattern);
        return null;
      }),
    );
    cls.dict.set(
      'forward',
      new NativeFunction('forward', ([self, x]) => {
        const a = self instanceof PyInstance ? (self.native as ReturnType<typeof split> | undefined) : undefined;
        return a ? einopsOp(c, mode, x ?? null, a.pattern, a.reduction, a.lengths) : new Unknown(name);
      }),
    );
    layers.attrs.set(name, cls);
  }
  addEinopsExtras(c, fns, layers, module);
  fns.attrs.set('layers', new PyModule('einops.layers'));
  (fns.attrs.get('layers') as PyModule).attrs.set('torch', layers);
  natives.set('einops', () => fns);
  natives.set('einops.layers.torch', () => layers);
}
