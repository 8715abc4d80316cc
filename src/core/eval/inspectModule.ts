// inspect as CPython 3.11 answers it: getsourcefile/getfile (the defining file), signature(fn).parameters; rest unknown.
import { modulesByName, type NativeModules } from './imports';
import type { Interp } from './interpreter';
import { hashKey } from './keys';
import { evalExpr } from './evaluator';
import type { Scope } from './scope';
import {
  BoundMethod,
  ClassMethod,
  NativeFunction,
  PyClass,
  PyFunction,
  PyDict,
  PyInstance,
  PyModule,
  StaticMethod,
  Unknown,
  type Value,
} from './values';

/** The file a Python-defined function, method, class or module comes from; undefined when the engine cannot tell. */
function sourceFile(ip: Interp, v: Value): string | undefined {
  if (v instanceof BoundMethod) return sourceFile(ip, v.fn);
  if (v instanceof StaticMethod || v instanceof ClassMethod) return sourceFile(ip, v.fn);
  if (v instanceof PyFunction) return v.file.startsWith('<') ? undefined : v.file;
  if (v instanceof PyModule) return v.file;
  if (v instanceof PyClass) {
    // CPython looks the class's __module__ up in sys.modules and takes that module's __file__.
    const name = v.dict.get('__module__');
    return typeof name === 'string' ? modulesByName(ip, name)?.file : undefined;
  }
  return undefined;
}

/**
 * A class's own `__annotations__` as a dict (CPython 3.11 evaluates them when the class body runs); a native class
 * that lists its annotated names gives them with unknown types; undefined for other native classes.
 */
export function ownAnnotations(ip: Interp, cls: PyClass): PyDict | undefined {
  const own = cls.ownAnnotations;
  if (own === undefined && cls.nativeAnnotations) {
    const d = new PyDict();
    for (const name of cls.nativeAnnotations) d.map.set(hashKey(name), [name, new Unknown('annotation')]);
    return d;
  }
  if (own === undefined || own === 'unknown') return undefined;
  const scope = own.scope as Scope;
  // `from __future__ import annotations` keeps them as strings: not modelled, so unknown.
  const future = scope.module.vars.has('annotations');
  const d = new PyDict();
  for (const { name, ann } of own.names) {
    let v: Value;
    try {
      v = future ? new Unknown('annotation') : evalExpr(ip, ann, scope);
    } catch {
      v = new Unknown('annotation');
    }
    d.map.set(hashKey(name), [name, v]);
  }
  return d;
}

/** typing.get_type_hints of a class: its MRO's annotations, the nearest class's winning; unknown past a native base. */
export function classTypeHints(ip: Interp, cls: PyClass): Value {
  const object = ip.builtins.get('object');
  const hints = new PyDict();
  for (const c of [...cls.mro].reverse()) {
    if (c === object) continue;
    const own = ownAnnotations(ip, c);
    if (!own) return new Unknown('typing.get_type_hints'); // nn.Module and other native classes carry annotations too
    for (const [k, [name, v]] of own.map)
      // None stands for NoneType and a string is a forward reference CPython evaluates: neither is modelled.
      hints.map.set(k, [name, v === null || typeof v === 'string' ? new Unknown('type hint') : v]);
  }
  return hints;
}

const KINDS = ['POSITIONAL_ONLY', 'POSITIONAL_OR_KEYWORD', 'VAR_POSITIONAL', 'KEYWORD_ONLY', 'VAR_KEYWORD'];

/** inspect.signature of a Python-defined function: a Signature whose `parameters` map names to Parameter objects. */
function signature(fn: PyFunction, bound: boolean, parameterCls: PyClass, signatureCls: PyClass, empty: Value): Value {
  const params = new PyDict();
  fn.params.forEach((p, i) => {
    if (bound && i === 0) return; // a bound method's signature drops `self`
    const kind = p.kind === 'star' ? 2 : p.kind === 'dstar' ? 4 : p.kind === 'kwonly' ? 3 : p.posonly ? 0 : 1;
    const param = new PyInstance(parameterCls);
    param.attrs.set('name', p.name);
    param.attrs.set('kind', kind);
    param.attrs.set('default', fn.defaults[i] ?? empty);
    // Annotations are not evaluated by the engine: unknown where one is written.
    param.attrs.set('annotation', p.ann ? new Unknown('annotation') : empty);
    params.map.set(hashKey(p.name), [p.name, param]);
  });
  const sig = new PyInstance(signatureCls);
  sig.attrs.set('parameters', params);
  sig.attrs.set('return_annotation', new Unknown('return annotation'));
  return sig;
}

export function registerInspect(natives: NativeModules): void {
  natives.set('inspect', (ip) => {
    const m = new PyModule('inspect');
    const file = (name: string) =>
      new NativeFunction(name, ([v]) => {
        const f = v === undefined ? undefined : sourceFile(ip, v);
        return f ?? new Unknown(`inspect.${name}`);
      });
    m.attrs.set('getsourcefile', file('getsourcefile'));
    // A module's whole text, as the file holds it (transformers greps its model files for a decorator this way);
    // a class's or function's own lines are not cut out yet.
    m.attrs.set(
      'getsource',
      new NativeFunction('getsource', ([v]) => {
        const path = v instanceof PyModule ? v.file : undefined;
        return (path && ip.lineIndex.get(path)?.text) ?? new Unknown('inspect.getsource');
      }),
    );
    m.attrs.set('getfile', file('getfile'));
    m.attrs.set(
      'get_annotations',
      new NativeFunction('get_annotations', ([v]) =>
        v instanceof PyClass
          ? (ownAnnotations(ip, v) ?? new Unknown('inspect.get_annotations'))
          : new Unknown('inspect.get_annotations'),
      ),
    );
    const object = ip.builtins.get('object') as PyClass;
    const empty = new PyClass('_empty', [object], new Map());
    const parameterCls = new PyClass('Parameter', [object], new Map<string, Value>([['empty', empty]]));
    KINDS.forEach((k, i) => parameterCls.dict.set(k, i));
    const signatureCls = new PyClass('Signature', [object], new Map<string, Value>([['empty', empty]]));
    m.attrs.set('Parameter', parameterCls);
    m.attrs.set('Signature', signatureCls);
    m.attrs.set('_empty', empty);
    m.attrs.set(
      'signature',
      new NativeFunction('signature', ([v]) => {
        const bound = v instanceof BoundMethod;
        let fn = v instanceof BoundMethod ? v.fn : v;
        for (let i = 0; fn instanceof PyFunction && fn.wrapped !== undefined && i < 100; i++) fn = fn.wrapped;
        // Only a Python-defined function is answered (a native one's parameters are not modelled).
        return fn instanceof PyFunction && (!bound || fn.params[0]?.kind === 'pos')
          ? signature(fn, bound, parameterCls, signatureCls, empty)
          : new Unknown('inspect.signature');
      }),
    );
    return m;
  });
}
