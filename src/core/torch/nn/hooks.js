import { callValue } from '../../eval/calls';
import { hashKey } from '../../eval/keys';
import { NativeFunction, PyClass, PyDict, PyInstance, PyTuple } from '../../eval/values';
const PRE = '_forward_pre_hooks';
const POST = '_forward_hooks';
const WITH_KWARGS = '_with_kwargs';
function hookDict(self, name) {
    let d = self.attrs.get(name);
    if (!(d instanceof PyDict))
        self.attrs.set(name, (d = new PyDict()));
    return d;
}
/** register_forward_pre_hook / register_forward_hook: the hook stored by a fresh id; the handle removes it. */
export function registerHook(handleCls, self, kind, hook, kw) {
    const d = hookDict(self, kind === 'pre' ? PRE : POST);
    let id = 0;
    for (const [k] of d.map.values())
        if (typeof k === 'number' && k >= id)
            id = k + 1;
    const withKwargs = kw?.get('with_kwargs') === true;
    const entry = [id, withKwargs ? new PyTuple([hook, WITH_KWARGS]) : hook];
    if (kw?.get('prepend') === true) {
        const rest = [...d.map];
        d.map.clear();
        d.map.set(hashKey(id), entry);
        for (const [h, kv] of rest)
            d.map.set(h, kv);
    }
    else
        d.map.set(hashKey(id), entry);
    const handle = new PyInstance(handleCls);
    handle.attrs.set('id', id);
    handle.attrs.set('_dict', d);
    return handle;
}
export function makeHandleClass(object) {
    const cls = new PyClass('RemovableHandle', [object], new Map());
    cls.dict.set('remove', new NativeFunction('remove', ([self]) => {
        if (self instanceof PyInstance) {
            const d = self.attrs.get('_dict');
            if (d instanceof PyDict)
                d.map.delete(hashKey(self.attrs.get('id') ?? null));
        }
        return null;
    }));
    return cls;
}
function hooksOf(self, name) {
    const d = self.attrs.get(name);
    if (!(d instanceof PyDict) || d.map.size === 0)
        return [];
    return [...d.map.values()].map(([, v]) => v instanceof PyTuple && v.items[1] === WITH_KWARGS ? [v.items[0], true] : [v, false]);
}
/** Runs the forward pre-hooks: a result that is not None replaces the arguments (a non-tuple becomes a 1-tuple). */
export function runPreHooks(ip, self, args, kw) {
    for (const [hook, withKwargs] of hooksOf(self, PRE)) {
        const kwDict = toDict(kw);
        const r = callValue(ip, hook, withKwargs ? [self, new PyTuple(args), kwDict] : [self, new PyTuple(args)], undefined, ip.site);
        if (r === null)
            continue;
        if (withKwargs && r instanceof PyTuple && r.items.length === 2) {
            args = r.items[0] instanceof PyTuple ? r.items[0].items : [r.items[0]];
            kw = fromDict(r.items[1]);
        }
        else
            args = r instanceof PyTuple ? r.items : [r];
    }
    return [args, kw];
}
/** Runs the forward hooks after forward: a result that is not None replaces the output. */
export function runPostHooks(ip, self, args, kw, out) {
    for (const [hook, withKwargs] of hooksOf(self, POST)) {
        const a = new PyTuple(args);
        const r = callValue(ip, hook, withKwargs ? [self, a, toDict(kw), out] : [self, a, out], undefined, ip.site);
        if (r !== null)
            out = r;
    }
    return out;
}
function toDict(kw) {
    const d = new PyDict();
    for (const [k, v] of kw ?? [])
        d.map.set(hashKey(k), [k, v]);
    return d;
}
function fromDict(v) {
    if (!(v instanceof PyDict))
        return undefined;
    const kw = new Map();
    for (const [k, x] of v.map.values())
        if (typeof k === 'string')
            kw.set(k, x);
    return kw;
}
