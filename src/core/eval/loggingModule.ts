// logging as library code sets it up: loggers, handlers and formatters that record nothing (their methods are no-ops),
// levels as in CPython (WARNING by default), so `if _default_handler:` and `logger.isEnabledFor(DEBUG)` decide.
import type { NativeModules } from './imports';
import { NativeFunction, PyClass, PyInstance, PyList, PyModule, type Value } from './values';

const levels: Record<string, number> = {
  CRITICAL: 50,
  FATAL: 50,
  ERROR: 40,
  WARNING: 30,
  WARN: 30,
  INFO: 20,
  DEBUG: 10,
  NOTSET: 0,
};

export function registerLogging(natives: NativeModules): void {
  natives.set('logging', (ip) => {
    const m = new PyModule('logging');
    const object = ip.builtins.get('object') as PyClass;
    const noop = new NativeFunction('noop', () => null);
    // Any method not listed is a no-op returning None (handlers, filters, addHandler, warning_once...).
    const quiet = (
      name: string,
      bases: PyClass[],
      methods: Record<string, (self: PyInstance, args: Value[]) => Value>,
    ) => {
      const cls = new PyClass(name, bases, new Map(), {
        getattr: (_self, attr) => (attr.startsWith('__') ? undefined : noop),
      });
      for (const [k, f] of Object.entries(methods))
        cls.dict.set(
          k,
          new NativeFunction(k, ([self, ...args]) => (self instanceof PyInstance ? f(self, args) : null)),
        );
      cls.dict.set('__init__', new NativeFunction('__init__', () => null));
      return cls;
    };
    const levelOf = (self: PyInstance) => {
      const l = self.attrs.get('level');
      return typeof l === 'number' && l > 0 ? l : levels.WARNING;
    };
    const Logger = quiet('Logger', [object], {
      setLevel: (self, [l]) => (typeof l === 'number' && self.attrs.set('level', l), null),
      getEffectiveLevel: (self) => levelOf(self),
      isEnabledFor: (self, [l]) => (typeof l === 'number' ? l >= levelOf(self) : false),
    });
    const Handler = quiet('Handler', [object], {});
    // One logger per name, kept on the (frozen) module so what an analysis adds is undone before the next one.
    const getLogger = new NativeFunction('getLogger', ([name]) => {
      const key = `logger:${typeof name === 'string' ? name : 'root'}`;
      const known = m.attrs.get(key);
      if (known instanceof PyInstance) return known;
      const l = new PyInstance(Logger);
      l.attrs.set('name', key.slice(7));
      l.attrs.set('handlers', new PyList([]));
      m.attrs.set(key, l);
      return l;
    });
    for (const [k, v] of Object.entries(levels)) m.attrs.set(k, v);
    m.attrs.set('Logger', Logger);
    m.attrs.set('Handler', Handler);
    m.attrs.set('StreamHandler', quiet('StreamHandler', [Handler], {}));
    m.attrs.set('FileHandler', quiet('FileHandler', [Handler], {}));
    m.attrs.set('NullHandler', quiet('NullHandler', [Handler], {}));
    m.attrs.set('Formatter', quiet('Formatter', [object], {}));
    m.attrs.set('Filter', quiet('Filter', [object], {}));
    m.attrs.set('LoggerAdapter', quiet('LoggerAdapter', [object], {}));
    m.attrs.set('getLogger', getLogger);
    for (const n of [
      'basicConfig',
      'captureWarnings',
      'disable',
      'debug',
      'info',
      'warning',
      'warn',
      'error',
      'exception',
      'critical',
      'log',
    ])
      m.attrs.set(n, noop);
    m.attrs.set(
      'getLevelName',
      new NativeFunction(
        'getLevelName',
        ([l]) => Object.entries(levels).find(([, v]) => v === l)?.[0] ?? `Level ${String(l)}`,
      ),
    );
    return m;
  });
}
