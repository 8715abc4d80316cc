import { einopsOp } from './einops';
import { NativeFunction, PyClass, PyInstance, PyModule, Unknown } from '../eval/values';
function split(mode, args, kw) {
    const lengths = new Map(kw ?? []);
    const reduction = mode === 'reduce' ? (args[2] ?? lengths.get('reduction') ?? 'sum') : null;
    lengths.delete('reduction');
    lengths.delete('pattern');
    return { x: args[0] ?? null, pattern: args[1] ?? kw?.get('pattern') ?? null, reduction, lengths };
}
export function registerEinops(natives, c, module) {
    const fns = new PyModule('einops');
    for (const mode of ['rearrange', 'repeat', 'reduce']) {
        fns.attrs.set(mode, new NativeFunction(mode, (args, kw) => {
            const a = split(mode, args, kw);
            return einopsOp(c, mode, a.x, a.pattern, a.reduction, a.lengths);
        }));
    }
    const layers = new PyModule('einops.layers.torch');
    for (const [name, mode] of [
        ['Rearrange', 'rearrange'],
        ['Reduce', 'reduce'],
    ]) {
        const cls = new PyClass(name, [module], new Map());
        cls.dict.set('__init__', new NativeFunction('__init__', ([self, ...args], kw) => {
            if (!(self instanceof PyInstance))
                return null;
            self.attrs.set('training', false);
            const a = split(mode, [null, ...args], kw);
            self.native = a;
            if (typeof a.pattern === 'string')
                self.attrs.set('pattern', a.pattern);
            return null;
        }));
        cls.dict.set('forward', new NativeFunction('forward', ([self, x]) => {
            const a = self instanceof PyInstance ? self.native : undefined;
            return a ? einopsOp(c, mode, x ?? null, a.pattern, a.reduction, a.lengths) : new Unknown(name);
        }));
        layers.attrs.set(name, cls);
    }
    fns.attrs.set('layers', new PyModule('einops.layers'));
    fns.attrs.get('layers').attrs.set('torch', layers);
    natives.set('einops', () => fns);
    natives.set('einops.layers.torch', () => layers);
}
