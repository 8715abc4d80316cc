import { JsObject, Namespace, NativeFn, Unknown } from './values';
import { requireFn } from './imports';
import { makeTf } from './tfNamespace';
const nums = (xs) => (xs.every((x) => typeof x === 'number') ? xs : undefined);
const numFn = (name, f) => new NativeFn(name, ({ args }) => {
    const n = nums(args);
    return n ? f(...n) : new Unknown(name);
});
function mathNs() {
    const m = new Map([
        ['PI', Math.PI],
        ['E', Math.E],
        ['SQRT2', Math.SQRT2],
    ]);
    for (const k of [
        'floor',
        'ceil',
        'round',
        'trunc',
        'abs',
        'sqrt',
        'log',
        'log2',
        'log10',
        'exp',
        'pow',
        'min',
        'max',
        'sign',
        'cbrt',
        'hypot',
    ]) {
        m.set(k, numFn(`Math.${k}`, Math[k]));
    }
    m.set('random', new NativeFn('Math.random', () => new Unknown('Math.random')));
    return new Namespace('Math', m);
}
function objectNs() {
    return new Namespace('Object', new Map([
        [
            'keys',
            new NativeFn('Object.keys', ({ args: [o] }) => o instanceof JsObject ? [...o.props.keys()] : new Unknown('Object.keys')),
        ],
        [
            'values',
            new NativeFn('Object.values', ({ args: [o] }) => o instanceof JsObject ? [...o.props.values()] : new Unknown('Object.values')),
        ],
        [
            'entries',
            new NativeFn('Object.entries', ({ args: [o] }) => o instanceof JsObject ? [...o.props].map(([k, v]) => [k, v]) : new Unknown('Object.entries')),
        ],
        [
            'assign',
            new NativeFn('Object.assign', ({ args: [t, ...rest] }) => {
                if (t instanceof JsObject)
                    for (const r of rest)
                        if (r instanceof JsObject)
                            for (const [k, v] of r.props)
                                t.props.set(k, v);
                return t;
            }),
        ],
        ['freeze', new NativeFn('Object.freeze', ({ args: [o] }) => o)],
    ]));
}
function arrayNs() {
    return new Namespace('Array', new Map([
        ['isArray', new NativeFn('Array.isArray', ({ args: [a] }) => (a instanceof Unknown ? a : Array.isArray(a)))],
        [
            'from',
            new NativeFn('Array.from', ({ args: [src, f], call }) => {
                let items;
                if (Array.isArray(src))
                    items = [...src];
                else if (src instanceof JsObject && typeof src.props.get('length') === 'number')
                    items = Array.from({ length: Math.min(src.props.get('length'), 1e5) }, () => undefined);
                if (!items)
                    return new Unknown('Array.from');
                return f ? items.map((x, i) => call(f, [x, i])) : items;
            }),
        ],
    ]));
}
export function installGlobals(ip) {
    const g = ip.globals;
    const noop = new NativeFn('console', () => undefined);
    g.declare('Math', mathNs());
    g.declare('console', new Namespace('console', new Map(), () => noop));
    g.declare('Object', objectNs());
    g.declare('Array', arrayNs());
    g.declare('Number', new Namespace('Number', new Map([
        [
            'isInteger',
            new NativeFn('Number.isInteger', ({ args: [x] }) => (x instanceof Unknown ? x : Number.isInteger(x))),
        ],
    ])));
    g.declare('parseInt', new NativeFn('parseInt', ({ args: [x] }) => typeof x === 'string' || typeof x === 'number' ? parseInt(String(x), 10) : new Unknown('parseInt')));
    g.declare('parseFloat', new NativeFn('parseFloat', ({ args: [x] }) => typeof x === 'string' || typeof x === 'number' ? parseFloat(String(x)) : new Unknown('parseFloat')));
    g.declare('JSON', new Namespace('JSON', new Map(), (n) => new NativeFn(`JSON.${n}`, () => new Unknown(`JSON.${n}`))));
    g.declare('require', requireFn(ip));
    const exportsObj = new JsObject();
    g.declare('exports', exportsObj);
    g.declare('module', new JsObject([['exports', exportsObj]]));
    g.declare('tf', makeTf(ip));
}
