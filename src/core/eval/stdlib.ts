// The Python standard-library modules model files use: math, typing, functools, collections, enum, dataclasses, ...
import { nativeModule, type NativeModules } from './imports';
import type { Interp } from './interpreter';
import { callValue } from './calls';
import { iterate } from './protocols';
import { toNum } from './operators';
import { enumClass } from './enumType';
import { dataclassDecorator } from './dataclass';
import {
  NativeFunction,
  Property,
  PyClass,
  PyFloat,
  PyList,
  PyModule,
  PyTuple,
  SymInt,
  Unknown,
  UNKNOWN,
  type Value,
} from './values';

import { deepCopy, shallowCopy } from './deepCopy';
import { abcClasses } from './abcClasses';
import { reModule } from './reModule';
import {
  asdict,
  replaceDataclass,
  dataclassFields,
  dataclassMissing,
  fieldMarker,
  isDataclassValue,
} from './dataclass';
import { registerHubShims } from './hubShims';
import { registerImportlib } from './importlibModule';
import { registerContextModules } from './contextModules';
import { registerOs } from './osModule';
import { registerNumbers } from './numbersModule';
import { registerTypes } from './typesModule';
import { registerLogging } from './loggingModule';
import { classTypeHints, registerInspect } from './inspectModule';
import { registerJson } from './jsonModule';
import { partialClass } from './partialType';
import { updateWrapper } from './functionObject';
import { counterClass, defaultdictClass, dequeFunction, sysModule } from './collectionsTypes';

type Impl = (args: Value[], kwargs: Map<string, Value> | undefined) => Value;

function mod(name: string, entries: Record<string, Value | Impl>): PyModule {
  const m = new PyModule(name);
  for (const [k, v] of Object.entries(entries))
    m.attrs.set(k, typeof v === 'function' ? new NativeFunction(k, v as Impl) : v);
  return m;
}

const identityDecorator: Impl = ([f]) => f ?? null;

function mathFn(f: (x: number) => number, intResult = false): Impl {
  return ([x]) => {
    if (x instanceof SymInt && intResult) return x;
    const n = toNum(x ?? null);
    if (n === undefined) return new Unknown('math of symbolic value');
    const r = f(n);
    return intResult ? r : new PyFloat(r);
  };
}

/**
 * math.erf to double precision (was the identity: a silent wrong value in trunc_normal_-style bounds): its Maclaurin
 * series below |x| = 3, the continued fraction of erfc above (both converge well past 1e-15 there).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  if (a < 3) {
    let term = x,
      sum = x;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let cf = a;
  for (let k = 80; k >= 1; k--) cf = a + k / 2 / cf;
  const erfc = Math.exp(-a * a) / (Math.sqrt(Math.PI) * cf);
  return Math.sign(x) * (1 - erfc);
}

/** n·(n-1)·…·(n-k+1): k factors, 0 when k > n. */
function falling(n: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r *= n - i;
  return r;
}

/** n choose k, each partial product an exact binomial (so exact up to 2^53). */
function choose(n: number, k: number): number {
  if (k > n) return 0;
  let r = 1;
  for (let i = 0; i < Math.min(k, n - k); i++) r = (r * (n - i)) / (i + 1);
  return r;
}

/** math.comb/perm/factorial: non-negative ints in, an exact int out (unknown past 2^53 or for symbolic input). */
function exactInt(n: number | undefined, k: number | undefined, f: (n: number, k: number) => number): Value {
  if (n === undefined || k === undefined || !Number.isInteger(n) || !Number.isInteger(k) || n < 0 || k < 0)
    return new Unknown('math integer function of a symbolic or invalid value');
  const r = f(n, k);
  return Number.isSafeInteger(r) ? r : new Unknown('math integer function past 2^53');
}

/** Marks natives that only store their arguments, so lazy imports passed to them stay unresolved. */
function passThrough(m: PyModule, names: string[]): PyModule {
  for (const n of names) {
    const f = m.attrs.get(n);
    if (f instanceof NativeFunction) f.passThrough = true;
  }
  return m;
}

export function registerStdlib(natives: NativeModules): void {
  natives.set('math', (ip) =>
    mod('math', {
      pi: new PyFloat(Math.PI),
      e: new PyFloat(Math.E),
      inf: new PyFloat(Infinity),
      tau: new PyFloat(2 * Math.PI),
      sqrt: mathFn(Math.sqrt),
      // log(x, base): the base's log divides (was ignored: log(8, 2) read as ln 8).
      log: ([x, b], kw) => {
        const base = b ?? kw?.get('base');
        const ln = mathFn(Math.log)([x], undefined);
        const lb = base === undefined ? undefined : mathFn(Math.log)([base], undefined);
        if (lb === undefined || !(ln instanceof PyFloat)) return ln;
        return lb instanceof PyFloat ? new PyFloat(ln.v / lb.v) : lb;
      },
      log2: mathFn(Math.log2),
      log10: mathFn(Math.log10),
      exp: mathFn(Math.exp),
      floor: mathFn(Math.floor, true),
      ceil: mathFn(Math.ceil, true),
      trunc: mathFn(Math.trunc, true),
      fabs: mathFn(Math.abs),
      sin: mathFn(Math.sin),
      cos: mathFn(Math.cos),
      tanh: mathFn(Math.tanh),
      erf: mathFn(erf),
      isclose: ([a, b]) => {
        const x = toNum(a),
          y = toNum(b);
        return x === undefined || y === undefined
          ? UNKNOWN
          : Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
      },
      gcd: ([a, b]) => {
        let x = toNum(a),
          y = toNum(b);
        if (x === undefined || y === undefined) return UNKNOWN;
        while (y) [x, y] = [y, x % y];
        return Math.abs(x);
      },
      prod: ([xs]) => {
        const it = iterate(ip, xs);
        return it ? it.reduce<Value>((a, b) => ip.binary('*', a, b), 1) : UNKNOWN;
      },
      comb: ([n, k]) => exactInt(toNum(n), toNum(k), choose),
      perm: ([n, k]) => exactInt(toNum(n), k === undefined || k === null ? toNum(n) : toNum(k), falling),
      factorial: ([n]) => exactInt(toNum(n), toNum(n), falling),
      isqrt: ([x]) => {
        const n = toNum(x ?? null);
        return n === undefined ? UNKNOWN : Math.floor(Math.sqrt(n));
      },
      pow: ([a, b]) => {
        const x = toNum(a),
          y = toNum(b);
        return x === undefined || y === undefined ? UNKNOWN : new PyFloat(x ** y);
      },
    }),
  );
  const typingNames = [
    'Any',
    'Optional',
    'List',
    'Tuple',
    'Dict',
    'Callable',
    'Union',
    'Type',
    'Sequence',
    'Iterable',
    'Iterator',
    'Mapping',
    'Set',
    'Literal',
    'ClassVar',
    'Final',
    'TypeVar',
    'Generic',
    'Protocol',
    'OrderedDict',
    'NamedTuple',
    'Annotated',
    'TypedDict',
  ];
  const typing = (ip: Interp, name: string) => {
    const m = mod(name, {
      cast: ([, v]) => v ?? null,
      overload: identityDecorator,
      no_type_check: identityDecorator,
      final: identityDecorator,
      // True, as type checkers take it: libraries list their imports there (transformers' lazy __init__ files).
      TYPE_CHECKING: true,
      get_type_hints: ([v]) => (v instanceof PyClass ? classTypeHints(ip, v) : new Unknown('typing.get_type_hints')),
    });
    for (const n of typingNames) m.attrs.set(n, new Unknown(`typing.${n}`));
    m.attrs.set('TypeVar', new NativeFunction('TypeVar', () => new Unknown('TypeVar')));
    m.attrs.set('OrderedDict', ip.builtins.get('dict')!); // callable, unlike typing.Dict
    // The aliases isinstance accepts unsubscripted (`isinstance(cfg, typing.Sequence)`, timm's byobnet): the same
    // classes as collections.abc and the builtins; subscripting them in annotations gives the class back.
    const abc = nativeModule(ip, 'collections.abc');
    for (const n of ['Sequence', 'Mapping', 'Iterable', 'Iterator', 'Callable', 'MutableMapping', 'Collection'])
      if (abc?.attrs.get(n)) m.attrs.set(n, abc.attrs.get(n)!);
    for (const [n, b] of [
      ['List', 'list'],
      ['Tuple', 'tuple'],
      ['Dict', 'dict'],
      ['Set', 'set'],
      ['FrozenSet', 'frozenset'],
      ['Type', 'type'],
    ])
      if (ip.builtins.get(b) instanceof PyClass) m.attrs.set(n, ip.builtins.get(b)!);
    return m;
  };
  natives.set('typing', (ip) => typing(ip, 'typing'));
  natives.set('typing_extensions', (ip) => typing(ip, 'typing_extensions'));
  natives.set('functools', (ip) =>
    passThrough(
      mod('functools', {
        partial: partialClass(ip),
        // The wrapper comes back with the wrapped function's name, docstring and __dict__, and its __wrapped__
        // (which inspect.signature follows).
        wraps: ([wrapped]) =>
          new NativeFunction('decorator', ([w]) =>
            wrapped === undefined ? (w ?? null) : updateWrapper(ip, w ?? null, wrapped),
          ),
        update_wrapper: ([w, wrapped]) =>
          w === undefined || wrapped === undefined ? UNKNOWN : updateWrapper(ip, w, wrapped),
        lru_cache: ([f]) =>
          f && !(typeof f === 'number') && f !== null ? f : new NativeFunction('lru_cache', identityDecorator),
        cache: identityDecorator,
        reduce: ([f, xs, init]) => {
          const it = iterate(ip, xs);
          if (!it) return UNKNOWN;
          let acc = init ?? it.shift() ?? null;
          for (const v of it) acc = callValue(ip, f, [acc, v], undefined, ip.site);
          return acc;
        },
        cached_property: ([f]) => new Property(f),
      }),
      [],
    ),
  );
  natives.set('collections', (ip) =>
    mod('collections', {
      OrderedDict: ip.builtins.get('dict')!,
      defaultdict: defaultdictClass(ip),
      namedtuple: () => new Unknown('namedtuple'),
      deque: dequeFunction(ip),
      Counter: counterClass(ip),
    }),
  );
  natives.set('re', (ip) => reModule(ip));
  registerHubShims(natives);
  registerImportlib(natives);
  registerContextModules(natives);
  natives.set('sys', (ip) => sysModule(ip));
  natives.set('collections.abc', (ip) => mod('collections.abc', abcClasses(ip)));
  natives.set('enum', (ip) => {
    const { Enum, IntEnum, StrEnum, auto } = enumClass(ip);
    return mod('enum', { Enum, IntEnum, auto, unique: identityDecorator, Flag: Enum, StrEnum });
  });
  natives.set('dataclasses', (ip) =>
    mod('dataclasses', {
      dataclass: dataclassDecorator(ip),
      field: (_a, kw) => fieldMarker(kw),
      asdict: ([x]) => asdict(ip, x ?? null),
      replace: ([x], kw) => replaceDataclass(ip, x ?? null, kw),
      fields: ([x]) => dataclassFields(ip, x ?? null),
      is_dataclass: ([x]) => isDataclassValue(x ?? null),
      MISSING: dataclassMissing(ip),
    }),
  );
  natives.set('warnings', () =>
    mod('warnings', {
      warn: () => null,
      filterwarnings: () => null,
      simplefilter: () => null,
      catch_warnings: () => null,
    }),
  );
  natives.set('copy', (ip) =>
    mod('copy', { deepcopy: ([x]) => deepCopy(ip, x ?? null), copy: ([x]) => shallowCopy(x ?? null) }),
  );
  natives.set('abc', (ip) =>
    mod('abc', {
      ABC: new PyClass('ABC', [ip.builtins.get('object') as PyClass], new Map()),
      abstractmethod: identityDecorator,
      ABCMeta: new Unknown('ABCMeta'),
    }),
  );
  natives.set('itertools', (ip) =>
    mod('itertools', {
      chain: (xs) => new PyList(xs.flatMap((x) => iterate(ip, x) ?? [])),
      repeat: ([x, n]) => (typeof n === 'number' ? new PyList(Array(n).fill(x)) : UNKNOWN),
      product: (xs) => {
        const its = xs.map((x) => iterate(ip, x));
        if (its.some((i) => !i)) return UNKNOWN;
        let acc: Value[][] = [[]];
        for (const it of its) acc = acc.flatMap((a) => it!.map((v) => [...a, v]));
        return new PyList(acc.map((a) => new PyTuple(a)));
      },
      accumulate: ([xs]) => {
        const it = iterate(ip, xs);
        if (!it) return UNKNOWN;
        const out: Value[] = [];
        let acc: Value = 0;
        for (const v of it) {
          acc = out.length ? ip.binary('+', acc, v) : v;
          out.push(acc);
        }
        return new PyList(out);
      },
    }),
  );
  natives.set('operator', (ip) =>
    mod('operator', { mul: ([a, b]) => ip.binary('*', a, b), add: ([a, b]) => ip.binary('+', a, b) }),
  );
  registerOs(natives);
  registerNumbers(natives);
  registerTypes(natives);
  registerLogging(natives);
  registerInspect(natives);
  registerJson(natives);
  for (const name of ['argparse', 'time', 'pathlib', 'random']) {
    natives.set(name, () => {
      const m = new PyModule(name);
      return m;
    });
  }
}
