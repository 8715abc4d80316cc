// types: the classes isinstance tells functions, methods and modules apart with (timm's get_norm_act_layer asks
// `isinstance(norm_layer, types.FunctionType)`); a modelled builtin stands for either kind, so it stays undecided.
import type { NativeModules } from './imports';
import { BoundMethod, NativeFunction, PyClass, PyFunction, PyModule, type Value } from './values';

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
    kind('MethodType', (v) => (v instanceof BoundMethod ? true : v instanceof NativeFunction ? undefined : false));
    kind('ModuleType', (v) => v instanceof PyModule);
    return m;
  });
}
