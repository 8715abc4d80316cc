import { fieldMarker } from './dataclass';
import { NativeFunction, PyClass, PyModule } from './values';
/** `@strict` and `@strict(accept_kwargs=True)`: the class unchanged (transformers' own __init_subclass__ takes kwargs). */
const strict = new NativeFunction('strict', ([cls]) => cls instanceof PyClass ? cls : new NativeFunction('strict', ([c]) => c ?? null));
/** A field factory: `interval(min=0.0)(default=0.02)` is dataclasses.field(default=0.02). */
const fieldFactory = (name) => new NativeFunction(name, (args, kw) => {
    const m = new Map(kw ?? []);
    if (args.length && !m.has('default'))
        m.set('default', args[0]);
    for (const k of [...m.keys()])
        if (k !== 'default' && k !== 'default_factory')
            m.delete(k);
    return fieldMarker(m);
});
export function registerHubShims(natives) {
    natives.set('huggingface_hub.dataclasses', () => {
        const m = new PyModule('huggingface_hub.dataclasses');
        m.attrs.set('strict', strict);
        m.attrs.set('as_validated_field', new NativeFunction('as_validated_field', () => fieldFactory('validated_field')));
        m.attrs.set('validated_field', new NativeFunction('validated_field', (_a, kw) => fieldFactory('field').impl([], kw, { file: '', s: 0 })));
        return m;
    });
}
