// torch.device: one shared instance per device string (so `x.device == y.device` and dict keys behave), with .type
// and .index; a device never equals a str (torch 1.13: `x.device == "cpu"` is False); str() gives "cpu".
import { NativeFunction, PyClass, PyInstance, Unknown } from '../eval/values';
export function makeDevices(object) {
    const cls = new PyClass('device', [object], new Map());
    const made = new Map();
    const make = (name) => {
        const [type, index] = name.split(':');
        const d = new PyInstance(cls);
        d.attrs.set('type', type);
        d.attrs.set('index', index === undefined ? null : Number(index));
        made.set(name, d);
        cls.dict.set(`__instance_${name}`, d); // reachable from the class, so frozen with the world
        return d;
    };
    for (const n of ['cpu', 'cuda', 'cuda:0', 'meta', 'mps', 'xpu'])
        make(n);
    const text = (self) => {
        if (!(self instanceof PyInstance))
            return 'cpu';
        const [t, i] = [self.attrs.get('type'), self.attrs.get('index')];
        return i === null || i === undefined ? String(t) : `${String(t)}:${String(i)}`;
    };
    cls.dict.set('__new__', new NativeFunction('__new__', ([, spec, index]) => get(typeof spec === 'string' && typeof index === 'number' ? `${spec}:${index}` : (spec ?? null))));
    cls.dict.set('__str__', new NativeFunction('__str__', ([self]) => text(self)));
    cls.dict.set('__repr__', new NativeFunction('__repr__', ([self]) => `device(type='${text(self)}')`));
    function get(spec) {
        if (spec instanceof PyInstance && spec.cls === cls)
            return spec;
        if (typeof spec === 'number')
            return made.get(`cuda:${spec}`) ?? new Unknown('device');
        return typeof spec === 'string' ? (made.get(spec) ?? new Unknown(`device ${spec}`)) : new Unknown('device');
    }
    return { cls, get, cpu: made.get('cpu') };
}
