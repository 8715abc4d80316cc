// The values the abstract interpreter computes with: Python objects, tensors, and the explicit Unknown.
import type { Stmt, Param, Expr } from '../python/ir';
import { SymInt, type Dim } from '../sym/dim';
import type { Dtype } from '../model/dtype';
import type { Tensor } from '../model/tensor';
import type { Scope } from './scope';

export { SymInt };

/** What the engine cannot know. Propagates through every operation without crashing. */
export class Unknown {
  constructor(readonly why: string) {}
}
export const UNKNOWN = new Unknown('unknown');

/** A name bound by an import that could not be resolved (no such file, no native module): each use is a gap. */
export class UnresolvedImport extends Unknown {
  constructor(
    why: string,
    /** The import as written: `..ops.misc`, `made_up_lib`. */
    readonly module: string,
    /** The name as the code uses it (`MLP`, `made_up_lib.frobnicate`). */
    readonly label: string,
    /** The import statement, when it is in the analyzed document. */
    readonly at?: { readonly s: number; readonly e: number },
  ) {
    super(why);
  }
}

export class PyFloat {
  constructor(readonly v: number) {}
}
/** A Python complex number (`1j`, `complex(1, 2)`). */
export class PyComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}
export class PyTuple {
  /** `names` makes it a named tuple (torch's `(values, indices)` results): `t.values` reads items[0]. */
  constructor(
    readonly items: Value[],
    readonly names?: readonly string[],
  ) {}
}
export class PyList {
  constructor(public items: Value[]) {}
}
/** A list that may lack items the engine does not model (`dir(torch.nn.functional)`): `in` it is true or unknown. */
export class OpenList extends PyList {}
export class PySlice {
  constructor(
    readonly lo: Value,
    readonly hi: Value,
    readonly step: Value,
  ) {}
}
export class PyRange {
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {}
}
export class PyEllipsis {
  readonly isEllipsis = true;
}
export const ELLIPSIS = new PyEllipsis();

let nextId = 1;
/** Identity ids for dict/set keys of objects. */
const ids = new WeakMap<object, number>();
export function identity(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

export class PyDict {
  readonly map = new Map<string, [Value, Value]>();
}
export class PySet {
  readonly map = new Map<string, Value>();
}

export interface CallSite {
  readonly file: string;
  readonly s: number;
}

export type NativeImpl = (args: Value[], kwargs: Map<string, Value> | undefined, site: CallSite) => Value;

export class NativeFunction {
  /** True for natives that only store or forward their arguments (functools.partial): lazy imports stay lazy. */
  passThrough = false;
  constructor(
    readonly name: string,
    readonly impl: NativeImpl,
  ) {}
}

export class PyFunction {
  constructor(
    readonly name: string,
    readonly params: Param[],
    readonly defaults: (Value | undefined)[],
    readonly body: Stmt[] | Expr,
    readonly closure: Scope,
    readonly file: string,
    readonly line0: number,
  ) {}
  /** Set on methods defined in a class body, for zero-argument super(). */
  definingClass?: PyClass;
  /** CPython's `__qualname__` ('C.forward', 'f.<locals>.g'); the plain name where it is not known. */
  qualname?: string;
  /** The function functools.wraps made this one stand for (CPython's `__wrapped__`, followed by inspect.signature). */
  wrapped?: Value;
  /** Attributes set on the function object (its `__dict__`; `__doc__`, `__name__` once assigned or copied by wraps). */
  attrs?: Map<string, Value>;
}

export class BoundMethod {
  constructor(
    readonly self: Value,
    readonly fn: Value,
  ) {}
}

export class StaticMethod {
  constructor(readonly fn: Value) {}
}
export class ClassMethod {
  constructor(readonly fn: Value) {}
}
export class Property {
  constructor(
    readonly fget: Value,
    public fset?: Value,
  ) {}
}

/** Native behaviour a built-in class (nn.Linear, Enum, ...) attaches. */
export interface NativeClassHooks {
  /** Set on nn.Module (and so inherited by every subclass): instances are modules. */
  nnModule?: true;
  /** Called on class creation of a subclass (e.g. Enum members, dataclass fields). */
  onSubclass?: (cls: PyClass) => void;
  /** Attribute lookup fallback on instances (e.g. nn.Module's submodules). */
  getattr?: (self: PyInstance, name: string) => Value | undefined;
  setattr?: (self: PyInstance, name: string, value: Value) => boolean;
  call?: (self: PyInstance, args: Value[], kwargs: Map<string, Value> | undefined, site: CallSite) => Value;
  iter?: (self: PyInstance) => Value[] | undefined;
  index?: (self: PyInstance, key: Value) => Value | undefined;
  len?: (self: PyInstance) => number | undefined;
}

export class PyClass {
  readonly mro: PyClass[];
  hooks: NativeClassHooks;
  /** Class body annotations in order (for @dataclass). */
  annotations: { name: string; ann?: Expr }[] = [];
  /**
   * A Python-defined class's own `__annotations__` (every annotated name of its body, ClassVar ones too) and the body
   * scope they are evaluated in; 'unknown' when one sits in a block the engine may not have run. Unset: native class.
   */
  ownAnnotations?: { names: { name: string; ann: Expr }[]; scope: unknown } | 'unknown';
  /** A native class's own annotated names (nn.Module's, as torch 2.11 declares them); their types are not modelled. */
  nativeAnnotations?: readonly string[];
  /** An ABC's own isinstance rule for built-in values (dict is a Mapping); not inherited by subclasses. */
  instanceCheck?: (v: Value) => boolean | undefined;
  constructor(
    readonly name: string,
    readonly bases: PyClass[],
    readonly dict: Map<string, Value>,
    hooks: NativeClassHooks = {},
  ) {
    this.mro = linearize(this, bases);
    this.hooks = {};
    for (let i = this.mro.length - 1; i >= 0; i--)
      Object.assign(this.hooks, this.mro[i] === this ? hooks : this.mro[i].hooks);
  }
  lookup(name: string): Value | undefined {
    for (const c of this.mro) {
      const v = c.dict.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  isSubclassOf(other: PyClass): boolean {
    return this.mro.includes(other);
  }
}

function linearize(cls: PyClass, bases: PyClass[]): PyClass[] {
  // C3 linearization; falls back to depth-first order when inconsistent.
  const seqs = [...bases.map((b) => [...b.mro]), [...bases]];
  const out: PyClass[] = [cls];
  for (let guard = 0; guard < 1000; guard++) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return out;
    const head = nonEmpty.map((s) => s[0]).find((h) => !nonEmpty.some((s) => s.indexOf(h) > 0));
    if (!head) break;
    out.push(head);
    for (const s of nonEmpty) if (s[0] === head) s.shift();
  }
  for (const b of bases) for (const c of b.mro) if (!out.includes(c)) out.push(c);
  return out;
}

export class PyInstance {
  readonly attrs = new Map<string, Value>();
  /** Free slot for native classes (module bookkeeping, enum payloads...). */
  native?: unknown;
  /** 1-based document line of the expression that constructed this instance. */
  createdLine?: number;
  constructor(readonly cls: PyClass) {}
}

export class PyModule {
  readonly attrs = new Map<string, Value>();
  constructor(
    readonly name: string,
    readonly file?: string,
  ) {}
}

export class PySuper {
  constructor(
    readonly cls: PyClass,
    readonly self: Value,
  ) {}
}

/**
 * A name imported from a file module that has not run yet: the module runs only when the value is used
 * (called, its attributes read, compared, iterated...), so unused imports (torchvision's transform presets) cost nothing.
 * Resolution is memoized per analysis (`run`), since cached modules outlive one analysis.
 */
export class LazyImport {
  private run = -1;
  private value: Value = null;
  constructor(
    readonly label: string,
    private readonly resolveNow: () => Value,
    private readonly runId: () => number,
  ) {}
  get(): Value {
    const r = this.runId();
    if (this.run !== r) {
      this.run = r;
      this.value = null;
      this.value = force(this.resolveNow());
    }
    return this.value;
  }
}

/** The payload of a member of a mixin enum (`class F(str, Enum)`): the str/int it equals and hashes as. */
export class MixinValue {
  constructor(readonly value: Value) {}
}

/** The str/int a mixin enum member stands for in == and hashing, or undefined for any other value. */
export function mixinValue(v: Value): Value | undefined {
  return v instanceof PyInstance && v.native instanceof MixinValue ? v.native.value : undefined;
}

/** The value itself, with a lazy import resolved. */
export function force(v: Value): Value {
  return v instanceof LazyImport ? v.get() : v;
}

export type Value =
  | null // None
  | boolean
  | number // int
  | SymInt
  | PyFloat
  | PyComplex
  | string
  | PyTuple
  | PyList
  | PyDict
  | PySet
  | PySlice
  | PyRange
  | PyEllipsis
  | NativeFunction
  | PyFunction
  | BoundMethod
  | StaticMethod
  | ClassMethod
  | Property
  | PyClass
  | PyInstance
  | PyModule
  | PySuper
  | Dtype
  | Tensor
  | LazyImport
  | Unknown;

export type { Dim };
