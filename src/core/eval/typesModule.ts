// types: the classes isinstance tells functions, methods and modules apart with (timm's get_norm_act_layer asks
// `isinstance(norm_layer, types.FunctionType)`); a modelled builtin stands for either kind, so it stays undecided.
import type { NativeModules } from './imports';
import { UNION_TYPE } from './unionType';
import { functionFromCode } from './functionObject';
import { BoundMethod, NativeFunction, PyClass, PyFunction, PyModule, Unknown, type Value } from './values';

export function registerTypes(natives: NativeModules): void {
  natives.set('types', (ip) => {
    const m = new PyModule('types');
    const object = ip.builtins.get('object') as PyClass;
    const kind = (name: string, check: (v: Value) => boolean | undefined) => {
      const cls = new PyClass(name, [object], new Map());
      cls.instanceCheck = check;
      m.attrs.set(name, cls);
      return cls;
    };
    // A NativeFunction models a torch or stdlib callable: a Python function in real PyTorch (F.relu) or a builtin.
    const fn = kind('FunctionType', (v) =>
      v instanceof PyFunction ? true : v instanceof NativeFunction ? undefined : false,
    );
    m.attrs.set('LambdaType', fn);
    // types.FunctionType(code, globals, name, argdefs, closure): a copy of the function the code object came from
    // (transformers' copy_func); the closure given is taken to be that function's.
    fn.dict.set(
      '__new__',
      new NativeFunction('FunctionType', ([, code, , name, argdefs], kw) => {
        const f = functionFromCode(
          code ?? null,
          kw?.get('name') ?? name ?? null,
          kw?.get('argdefs') ?? argdefs ?? null,
        );
        return f ?? new Unknown('types.FunctionType');
      }),
    );
    kind('MethodType', (v) => (v instanceof BoundMethod ? true : v instanceof NativeFunction ? undefined : false));
    kind('ModuleType', (v) => v instanceof PyModule);
    m.attrs.set('UnionType', UNION_TYPE);
    return m;
  });
}
