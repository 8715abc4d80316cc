// transformers' @auto_docstring only writes docstrings (auto_docstring.py returns the function or class it was given,
// with `__doc__` set): run as that, with `__doc__` unknown. Its type-annotation formatting is not evaluated.
import { setFunctionAttr } from './functionObject';
import { NativeFunction, PyClass, PyFunction, type PyModule, Unknown, type Value } from './values';

function documented(obj: Value): Value {
  const doc = new Unknown('docstring written by transformers auto_docstring');
  if (obj instanceof PyFunction) setFunctionAttr(obj, '__doc__', doc);
  else if (obj instanceof PyClass) obj.dict.set('__doc__', doc);
  return obj;
}

/** `@auto_docstring`, `@auto_docstring(custom_intro=...)` and `auto_docstring(obj)`. */
const autoDocstring = new NativeFunction('auto_docstring', ([obj]) =>
  obj !== undefined && obj !== null
    ? documented(obj)
    : new NativeFunction('auto_docstring', ([o]) => documented(o ?? null)),
);

/** Library functions run natively once their module has run, by module name; a module that differs is left as is. */
const shims = new Map<string, (m: PyModule) => void>([
  [
    'transformers.utils.auto_docstring',
    (m) => {
      if (m.attrs.get('auto_docstring') instanceof PyFunction) m.attrs.set('auto_docstring', autoDocstring);
    },
  ],
]);

export function applyLibraryShim(name: string, m: PyModule): void {
  shims.get(name)?.(m);
}
