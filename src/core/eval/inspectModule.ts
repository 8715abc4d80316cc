// inspect: getsourcefile/getfile as CPython 3.11 answers them (the defining file's path), the rest of the module unknown.
import type { NativeModules } from './imports';
import type { Interp } from './interpreter';
import {
  BoundMethod,
  ClassMethod,
  NativeFunction,
  PyClass,
  PyFunction,
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
    if (typeof name !== 'string') return undefined;
    for (const m of ip.modules.values()) if (m.name === name && m.file) return m.file;
  }
  return undefined;
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
    m.attrs.set('getfile', file('getfile'));
    return m;
  });
}
