// contextlib (nullcontext, AbstractContextManager, ExitStack, contextmanager over generators) and contextvars
// (ContextVar, Token), as CPython runs them on one thread.
import type { NativeModules } from './imports';
import type { Interp } from './interpreter';
import { callValue } from './evaluator';
import { enterContext } from './withStmt';
import { PyException } from './errors';
import { isGenerator, resume } from './generators';
import { NativeFunction, PyClass, PyInstance, PyList, PyModule, Unknown, type Value } from './values';

type Method = (self: PyInstance, args: Value[], kw: Map<string, Value> | undefined) => Value;

function nativeClass(ip: Interp, name: string, methods: Record<string, Method>, bases?: PyClass[]): PyClass {
  const cls = new PyClass(name, bases ?? [ip.builtins.get('object') as PyClass], new Map());
  for (const [k, m] of Object.entries(methods))
    cls.dict.set(
      k,
      new NativeFunction(k, ([self, ...args], kw) => {
        if (!(self instanceof PyInstance)) throw new PyException('TypeError', `${name}.${k} needs an instance`);
        return m(self, args, kw);
      }),
    );
  return cls;
}

function contextlib(ip: Interp): PyModule {
  const m = new PyModule('contextlib');
  const abstract = nativeClass(ip, 'AbstractContextManager', {
    __enter__: (self) => self,
    __exit__: () => null,
  });
  const nullcontext = nativeClass(
    ip,
    'nullcontext',
    {
      __init__: (self, args, kw) => (self.attrs.set('enter_result', args[0] ?? kw?.get('enter_result') ?? null), null),
      __enter__: (self) => self.attrs.get('enter_result') ?? null,
      __exit__: () => null,
    },
    [abstract],
  );
  // ExitStack keeps each entered context's exit as a native callable in a list; __exit__ calls them last-in first.
  const exitsOf = (self: PyInstance): PyList => {
    let l = self.attrs.get('_exit_callbacks');
    if (!(l instanceof PyList)) self.attrs.set('_exit_callbacks', (l = new PyList([])));
    return l;
  };
  const unwind = (self: PyInstance): Value => {
    const exits = exitsOf(self);
    while (exits.items.length) callValue(ip, exits.items.pop()!, [], undefined, ip.site);
    return false;
  };
  const exitStack = nativeClass(
    ip,
    'ExitStack',
    {
      __init__: (self) => (exitsOf(self), null),
      __enter__: (self) => self,
      __exit__: (self) => unwind(self),
      close: (self) => (unwind(self), null),
      enter_context: (self, [cm]) => {
        const entered = enterContext(ip, cm ?? null);
        exitsOf(self).items.push(new NativeFunction('_exit', () => (entered.exit(), null)));
        return entered.value;
      },
      callback: (self, [fn, ...args], kw) => {
        exitsOf(self).items.push(new NativeFunction('_callback', () => callValue(ip, fn ?? null, args, kw, ip.site)));
        return fn ?? null;
      },
    },
    [abstract],
  );
  m.attrs.set('contextmanager', contextmanager(ip, abstract));
  m.attrs.set('AbstractContextManager', abstract);
  m.attrs.set('nullcontext', nullcontext);
  m.attrs.set('ExitStack', exitStack);
  return m;
}

/**
 * @contextmanager: calling the decorated generator function gives a context whose __enter__ runs the generator to its
 * yield and whose __exit__ resumes it (throwing the exception in, when one passes: the generator may suppress it).
 */
function contextmanager(ip: Interp, abstract: PyClass): NativeFunction {
  const gen = (self: PyInstance): Value => self.attrs.get('gen') ?? null;
  const cls = nativeClass(
    ip,
    '_GeneratorContextManager',
    {
      __enter__: (self) => {
        const g = gen(self);
        if (!isGenerator(g)) return new Unknown('contextmanager of a function that does not yield');
        const v = resume(ip, g, null);
        if (v === undefined) throw new PyException('RuntimeError', "generator didn't yield");
        return v;
      },
      __exit__: (self, [type]) => {
        const g = gen(self);
        if (!isGenerator(g)) return false;
        if (type === null || type === undefined) {
          if (resume(ip, g, null) !== undefined) throw new PyException('RuntimeError', "generator didn't stop");
          return false;
        }
        const err = new PyException(type instanceof Unknown ? type.why : 'Exception', 'raised');
        try {
          if (resume(ip, g, null, err) !== undefined)
            throw new PyException('RuntimeError', "generator didn't stop after throw()");
          return true; // the generator caught it and finished: suppressed
        } catch (e) {
          if (e === err) return false;
          throw e;
        }
      },
    },
    [abstract],
  );
  return new NativeFunction('contextmanager', ([fn]) => {
    const f = fn ?? null;
    return new NativeFunction('contextmanager', (args, kw, site) => {
      const cm = new PyInstance(cls);
      cm.attrs.set('gen', callValue(ip, f, args, kw, site));
      return cm;
    });
  });
}

/** The sentinel a Token holds when the variable had no value before `set`. */
const MISSING = '<Token.MISSING>';

function contextvars(ip: Interp): PyModule {
  const m = new PyModule('contextvars');
  const token = nativeClass(ip, 'Token', {});
  token.dict.set('MISSING', MISSING);
  const contextVar = nativeClass(ip, 'ContextVar', {
    __init__: (self, [name], kw) => {
      self.attrs.set('name', name ?? kw?.get('name') ?? null);
      const d = kw?.get('default');
      if (d !== undefined) self.attrs.set('_default', d);
      return null;
    },
    get: (self, args) => {
      const v = self.attrs.has('_value')
        ? self.attrs.get('_value')
        : args.length
          ? args[0]
          : self.attrs.get('_default');
      if (v === undefined) throw new PyException('LookupError', `<ContextVar name=${String(self.attrs.get('name'))}>`);
      return v;
    },
    set: (self, [v]) => {
      const t = new PyInstance(token);
      t.attrs.set('var', self);
      t.attrs.set('old_value', self.attrs.has('_value') ? self.attrs.get('_value')! : MISSING);
      self.attrs.set('_value', v ?? null);
      return t;
    },
    reset: (self, [t]) => {
      if (!(t instanceof PyInstance) || t.cls !== token || t.attrs.get('var') !== self)
        throw new PyException('ValueError', 'Token was created in a different Context or by a different ContextVar');
      const old = t.attrs.get('old_value');
      if (old === MISSING) self.attrs.delete('_value');
      else self.attrs.set('_value', old ?? null);
      return null;
    },
  });
  m.attrs.set('ContextVar', contextVar);
  m.attrs.set('Token', token);
  return m;
}

export function registerContextModules(natives: NativeModules): void {
  natives.set('contextlib', (ip) => contextlib(ip));
  natives.set('contextvars', (ip) => contextvars(ip));
}
