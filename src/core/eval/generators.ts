// Generator functions: a `def` whose body yields returns a generator; each next() resumes its body where it stopped
// (a JS generator walks the statements that contain a yield, the interpreter runs every other statement as usual).
import type { Expr, Stmt } from '../python/ir';
import type { Interp } from './interpreter';
import { Signal } from './signal';
import { evalExpr, assignTo } from './expressions';
import { iterate, truthy } from './protocols';
import { PyException } from './errors';
import { enterContext, leaveContexts, type Entered } from './withStmt';
import { checkSequence } from '../sym/limits';
import { NativeFunction, PyClass, PyInstance, Unknown, UNKNOWN, type Value } from './values';
import type { Scope } from './scope';

type Steps = Generator<Value, Signal, Value>;

/** A generator's state: its suspended body, and where its frame starts (file, position) for each resume. */
export class GeneratorState {
  done = false;
  constructor(
    readonly steps: Steps,
    readonly file: string,
    readonly pos: number,
    readonly name: string,
  ) {}
}

/** Whether a node holds a yield outside nested functions and classes (IR nodes are plain objects with `k`). */
function holdsYield(n: unknown): boolean {
  if (Array.isArray(n)) return n.some(holdsYield);
  if (typeof n !== 'object' || n === null) return false;
  const k = (n as { k?: unknown }).k;
  if (k === 'yield') return true;
  if (k === 'def' || k === 'class' || k === 'lambda') return false;
  for (const key in n) if (key !== 'k' && key !== 's' && key !== 'e' && holdsYield((n as never)[key])) return true;
  return false;
}

/** Per function body and per statement: a pure function of the IR, which outlives analyses unchanged. */
const yieldsMemo = new WeakMap<object, boolean>();

function yields(n: Stmt | Stmt[]): boolean {
  let v = yieldsMemo.get(n);
  if (v === undefined) yieldsMemo.set(n, (v = holdsYield(n)));
  return v;
}

/** True for the body of a generator function (a yield anywhere in it, nested functions aside). */
export function isGeneratorBody(body: Stmt[] | Expr): boolean {
  return Array.isArray(body) && yields(body);
}

/** The `generator` class of a world (made once per Interp: its methods step the state in `native`). */
const classes = new WeakMap<Interp, PyClass>();

function generatorClass(ip: Interp): PyClass {
  let cls = classes.get(ip);
  if (cls) return cls;
  const method = (name: string, f: (g: PyInstance, args: Value[]) => Value) =>
    new NativeFunction(name, ([self, ...args]) => (self instanceof PyInstance ? f(self, args) : UNKNOWN));
  cls = new PyClass('generator', [ip.builtins.get('object') as PyClass], new Map(), {
    iter: (self) => drain(ip, self),
  });
  cls.dict.set(
    '__iter__',
    method('__iter__', (g) => g),
  );
  cls.dict.set(
    '__next__',
    method('__next__', (g) => {
      const r = resume(ip, g, null);
      if (r === undefined) throw new PyException('StopIteration', '');
      return r;
    }),
  );
  cls.dict.set(
    'send',
    method('send', (g, [v]) => {
      const r = resume(ip, g, v ?? null);
      if (r === undefined) throw new PyException('StopIteration', '');
      return r;
    }),
  );
  cls.dict.set(
    'close',
    method('close', (g) => (stateOf(g) && (stateOf(g)!.done = true), null)),
  );
  classes.set(ip, cls);
  return cls;
}

function stateOf(v: Value): GeneratorState | undefined {
  return v instanceof PyInstance && v.native instanceof GeneratorState ? v.native : undefined;
}

/** A generator object for a call of a generator function whose parameters are bound in `scope`. */
export function makeGenerator(ip: Interp, body: Stmt[], scope: Scope, file: string, pos: number, name: string): Value {
  const g = new PyInstance(generatorClass(ip));
  g.native = new GeneratorState(block(ip, body, scope), file, pos, name);
  return g;
}

/**
 * Runs a generator to its next yield: the yielded value, or undefined once it has finished (StopIteration).
 * `err` is thrown in at the paused yield (generator.throw, contextmanager's __exit__ with an exception).
 */
export function resume(ip: Interp, g: Value, sent: Value, err?: PyException): Value | undefined {
  const st = stateOf(g);
  if (!st || st.done) return undefined;
  return ip.withFrame(st.file, st.pos, () => {
    try {
      const r = err ? st.steps.throw(err) : st.steps.next(sent);
      if (r.done) st.done = true;
      return r.done ? undefined : r.value;
    } catch (e) {
      st.done = true;
      throw e;
    }
  });
}

/** Every value a generator has left (a for loop, list(), a comprehension): a lazy loop over them ends when it does. */
function drain(ip: Interp, g: PyInstance): Value[] {
  const out: Value[] = [];
  for (;;) {
    const v = resume(ip, g, null);
    if (v === undefined) return out;
    checkSequence(out.length + 1, 'generator');
    out.push(v);
  }
}

/** True when `v` is a generator object (next() steps it instead of listing it). */
export function isGenerator(v: Value): boolean {
  return stateOf(v) !== undefined;
}

function* block(ip: Interp, stmts: Stmt[], scope: Scope): Steps {
  for (const st of stmts) {
    const sig = yields(st) ? yield* stmt(ip, st, scope) : ip.exec(st, scope);
    if (sig !== Signal.Normal) return sig;
  }
  return Signal.Normal;
}

function* yieldValue(ip: Interp, e: Extract<Expr, { k: 'yield' }>, scope: Scope): Generator<Value, Value, Value> {
  const v = e.value ? evalExpr(ip, e.value, scope) : null;
  if (!e.from) return (yield v) ?? null;
  const items = iterate(ip, v);
  if (!items) {
    ip.undecided('iterable');
    return UNKNOWN;
  }
  for (const it of items) yield it;
  return null;
}

/** A statement holding a yield: walked here so the body can pause inside ifs, loops, with and try blocks. */
function* stmt(ip: Interp, st: Stmt, scope: Scope): Steps {
  ip.tick();
  ip.frames[ip.frames.length - 1].pos = st.s;
  switch (st.k) {
    case 'expr':
      if (st.x.k !== 'yield') break;
      yield* yieldValue(ip, st.x, scope);
      return Signal.Normal;
    case 'assign': {
      if (st.value.k !== 'yield') break;
      const v = yield* yieldValue(ip, st.value, scope);
      for (const t of st.targets) assignTo(ip, t, v, scope);
      return Signal.Normal;
    }
    case 'if': {
      const t = truthy(ip, evalExpr(ip, st.test, scope));
      if (t === undefined) ip.undecided('branch');
      return yield* block(ip, t === true ? st.body : st.orelse, scope);
    }
    case 'for': {
      const items = iterate(ip, evalExpr(ip, st.iter, scope));
      if (!items) {
        ip.undecided('iterable');
        return Signal.Normal;
      }
      for (const it of items) {
        assignTo(ip, st.target, it, scope);
        const sig = yield* block(ip, st.body, scope);
        if (sig === Signal.Break) return Signal.Normal;
        if (sig === Signal.Return) return sig;
      }
      return yield* block(ip, st.orelse, scope);
    }
    case 'while':
      for (;;) {
        ip.tick();
        const t = truthy(ip, evalExpr(ip, st.test, scope));
        if (t === undefined) {
          ip.undecided('loop');
          return Signal.Normal;
        }
        if (!t) return yield* block(ip, st.orelse, scope);
        const sig = yield* block(ip, st.body, scope);
        if (sig === Signal.Break) return Signal.Normal;
        if (sig === Signal.Return) return sig;
      }
    case 'with':
      return yield* withBlock(ip, st, scope);
    case 'try': {
      let sig: Signal;
      try {
        sig = yield* block(ip, st.body, scope);
        if (sig === Signal.Normal) sig = yield* block(ip, st.orelse, scope);
      } catch (e) {
        // As the interpreter's try: the first handler takes any Python exception.
        if (!(e instanceof PyException) || st.handlers.length === 0) throw e;
        const h = st.handlers[0];
        if (h.name) scope.assign(h.name, new Unknown(e.type));
        sig = yield* block(ip, h.body, scope);
      } finally {
        // A `finally` that yields runs here too; one that does not is a plain block.
        if (st.final.length && !yields(st.final)) ip.execBlock(st.final, scope);
      }
      if (st.final.length && yields(st.final)) {
        const fin = yield* block(ip, st.final, scope);
        if (fin !== Signal.Normal) return fin;
      }
      return sig;
    }
  }
  // A yield elsewhere in a statement (`f((yield x))`): not followed; the statement runs with it unknown.
  ip.recorder.unknownOp(ip, 'yield inside an expression (unsupported)');
  return ip.exec(st, scope);
}

function* withBlock(ip: Interp, st: Extract<Stmt, { k: 'with' }>, scope: Scope): Steps {
  const entered: Entered[] = [];
  let sig = Signal.Normal;
  let err: unknown;
  try {
    for (const it of st.items) {
      const cm = enterContext(ip, evalExpr(ip, it.ctx, scope));
      entered.push(cm);
      if (it.target) assignTo(ip, it.target, cm.value, scope);
    }
    sig = yield* block(ip, st.body, scope);
  } catch (e) {
    err = e;
  }
  return leaveContexts(entered, err, sig);
}
