// The abstract interpreter's state and statement execution: frames, step budget, control flow.
import type { Expr, Stmt } from '../python/ir';
import type { Diagnostic, DiagnosticCode, RelatedInfo, Severity } from '../api/result';
import { BudgetExceeded, Cancelled, PyException } from './errors';
import { Scope } from './scope';
import { evalExpr, assignTo, deleteTarget } from './expressions';
import { defineClass, instantiate } from './classDef';
import { makeFunction } from './functions';
import { truthy, iterate } from './protocols';
import { importModule, importFrom, runPendingExporter } from './imports';
import type { Recorder } from '../cost/recorder';
import { PyInstance, PyList, PyModule, PyTuple, Unknown, type Value, type CallSite } from './values';
import { LineIndex } from './lineIndex';
import { isPartialCode } from '../api/partial';
import { checkBuilt, checkSequence } from '../sym/limits';
import { inertBlock } from './inert';
import { forgetDiffering, inertBodyBindings } from './undecidedBindings';
import { Signal } from './signal';
import { callValue, evalArgs } from './calls';
import type { Evaluator } from './evaluator';
import type { ImportContext, ImportNote } from './imports';
import type { UnaryOperator } from './operators';
import { Tensor } from '../model/tensor';
import { Journal } from './journal';
import { enterContext, leaveContexts, type Entered } from './withStmt';

/** The evaluator's entry points, bound once: see evaluator.ts. */
const evaluatorTable: Evaluator = Object.freeze({ evalExpr, evalArgs, callValue, instantiate });

/** Tensor behaviour the torch layer plugs into the language core. */
export interface TorchHooks {
  binary(op: string, a: Value, b: Value): Value;
  unary(op: UnaryOperator, x: Tensor): Value;
  attr(t: Tensor, name: string): Value | undefined;
  index(t: Tensor, key: Value): Value;
  setIndex(t: Tensor, key: Value, v: Value): void;
  iterate(t: Tensor): Value[] | undefined;
  /** Enters a `with` context the torch layer models (torch.no_grad() ...): returns what undoes it on exit. */
  enter?(ctx: Value): (() => void) | undefined;
  /** `x op= y` on a tensor: PyTorch writes the result into x's storage. */
  inplace?(cur: Tensor, result: Value): Value;
}

export interface Frame {
  readonly file: string;
  pos: number;
  /** The 1-based line of `linePos` (a memo: `pos` moves with every statement; -1 when not yet known). */
  line: number;
  linePos: number;
}

/** A new frame at `pos` of `file`. */
export function frameAt(file: string, pos: number): Frame {
  return { file, pos, line: 0, linePos: -1 };
}

export interface ModuleLoader {
  /** Returns source for a module file path, or undefined. */
  read(path: string): string | undefined;
  /** Folders searched for absolute imports after the document's own folder (site-packages, extra paths), in order. */
  readonly roots?: readonly string[];
  /** How the user gives the Python environment, in the host's words (said where a module cannot be found). */
  readonly importHint?: string;
}

export class Interp {
  // Late-bound by the world's builder (engine/session.ts) once the torch layer exists: binary operators, tensor hooks.
  binary!: (op: string, a: Value, b: Value) => Value;
  torch!: TorchHooks;
  steps = 0;
  /** List, tuple and string items built by this analysis so far (limited by sym/limits.ts maxBuiltItems). */
  built = 0;
  /** Increments with every analysis (lazy imports memoize per run). */
  runId = 0;
  retVal: Value = null;
  readonly frames: Frame[] = [];
  diagnostics: Diagnostic[] = [];
  /** Native modules (by dotted name) and the files run in this analysis (by path). */
  readonly modules = new Map<string, PyModule>();
  readonly lineIndex = new Map<string, LineIndex>();
  readonly builtins = new Map<string, Value>();
  /** Undoes what an analysis wrote to shared objects (native and cached modules) before the next one starts. */
  readonly journal = new Journal();
  readonly evaluator: Evaluator = evaluatorTable;
  /** Native module factories and the file runner, set once by the world that owns this interpreter. */
  importContext?: ImportContext;
  private seenDiag = new Set<string>();
  /** The warning of each unresolved import line of the document (`line|module`), which its used names join. */
  importNotes = new Map<string, ImportNote>();
  /** Dict keys already looked for in pending lazy star imports (imports.ts runPendingExporter). */
  registryTried = new Set<string>();
  /** Runs the pending lazy star sources that export `key` (a registry lookup missed); true when one ran. */
  readonly pendingExporter = (key: string, dict: Value): boolean => runPendingExporter(this, key, dict);

  constructor(
    public docFile: string,
    public maxSteps: number,
    public recorder: Recorder,
    public loader: ModuleLoader,
    public isCancelled?: () => boolean,
  ) {}

  /** Starts a new analysis on this interpreter: the builtins and native modules are kept, per-run state is fresh. */
  begin(
    docFile: string,
    maxSteps: number,
    recorder: Recorder,
    loader: ModuleLoader,
    isCancelled?: () => boolean,
  ): void {
    Object.assign(this, {
      docFile,
      maxSteps,
      recorder,
      loader,
      isCancelled,
      steps: 0,
      built: 0,
      retVal: null,
      diagnostics: [],
      seenDiag: new Set(),
      importNotes: new Map(),
      registryTried: new Set(),
      runId: this.runId + 1,
      importGuard: 0,
    });
    this.frames.length = 0;
    this.lineIndex.clear();
    for (const key of [...this.modules.keys()]) if (key.includes('/') || key.endsWith('.py')) this.modules.delete(key);
  }

  /** Runs `body` with a frame for `file` at `pos` on the stack; the stack is as it was afterwards, whatever `body` throws. */
  withFrame<T>(file: string, pos: number, body: () => T): T {
    const depth = this.frames.length;
    this.frames.push(frameAt(file, pos));
    try {
      return body();
    } catch (e) {
      // Where a Python exception escaped from, for messages (the innermost frame it left).
      if (e instanceof PyException && e.where === undefined) e.where = this.where();
      throw e;
    } finally {
      this.frames.length = depth;
    }
  }

  /** Counts `n` newly built list, tuple or string items toward the analysis's limit. */
  build(n: number): void {
    checkBuilt((this.built += n));
  }

  /** A value an operator just built, counted (see build()). */
  counted(v: Value): Value {
    if (typeof v === 'string') this.build(v.length);
    else if (v instanceof PyList || v instanceof PyTuple) this.build(v.items.length);
    return v;
  }

  tick(): void {
    if (++this.steps > this.maxSteps) throw new BudgetExceeded();
    if ((this.steps & 0xfff) === 0 && this.isCancelled?.()) throw new Cancelled();
  }

  /** `file:line` of the innermost frame (for messages about where evaluation stopped). */
  where(): string {
    const f = this.frames[this.frames.length - 1];
    if (!f) return this.docFile;
    const idx = this.lineIndex.get(f.file);
    return `${f.file}:${idx ? idx.line(f.pos) : '?'}`;
  }

  get site(): CallSite {
    const f = this.frames[this.frames.length - 1];
    return f ? { file: f.file, s: f.pos } : { file: this.docFile, s: 0 };
  }

  /** 1-based line in the analyzed document for the innermost frame that is in it. */
  docLine(): number | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f.file === this.docFile) return this.frameLine(f, this.lineIndex.get(f.file)!);
    }
    return undefined;
  }

  private readonly lineScratch: number[] = [];

  /** Distinct document lines on the stack, innermost first (a reused array: read it before the next call). */
  docLines(): readonly number[] {
    const out = this.lineScratch;
    out.length = 0;
    const idx = this.lineIndex.get(this.docFile);
    if (!idx) return out;
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f.file !== this.docFile) continue;
      const l = this.frameLine(f, idx);
      if (!out.includes(l)) out.push(l);
    }
    return out;
  }

  /** The line of a frame's position in its file (`idx`), memoized on the frame. */
  private frameLine(f: Frame, idx: LineIndex): number {
    if (f.linePos !== f.pos) {
      f.line = idx.line(f.pos);
      f.linePos = f.pos;
    }
    return f.line;
  }

  /** The library file and line running now (the innermost frame), or undefined when it is the document. */
  opSource(): { file: string; line: number } | undefined {
    const f = this.frames[this.frames.length - 1];
    if (!f || f.file === this.docFile || f.file.startsWith('<')) return undefined;
    const idx = this.lineIndex.get(f.file);
    return idx ? { file: f.file, line: idx.line(f.pos) } : undefined;
  }

  /** Reports a diagnostic at the innermost document position (deduplicated per line and message). */
  report(
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    at?: { s: number; e: number },
    related?: readonly RelatedInfo[],
  ): void {
    const idx = this.lineIndex.get(this.docFile);
    if (!idx) return;
    // Notes about library code the user did not write stay silent; errors and gaps (partial results) surface at the
    // user's call site, naming the library place.
    const top = this.frames[this.frames.length - 1];
    const inLibrary = top !== undefined && top.file !== this.docFile;
    if (severity !== 'error' && inLibrary && !isPartialCode(code)) return;
    if (inLibrary && severity !== 'error') {
      const where = this.lineIndex.get(top.file);
      message = `${message} (in ${top.file.slice(top.file.lastIndexOf('/') + 1)}${where ? `:${where.line(top.pos)}` : ''})`;
      at = undefined;
    }
    let span = at;
    if (!span) {
      for (let i = this.frames.length - 1; i >= 0 && !span; i--)
        if (this.frames[i].file === this.docFile) span = idx.statementSpan(this.frames[i].pos);
    }
    if (!span) return;
    const line = idx.line(span.s);
    const key = `${line}|${code}|${inLibrary && severity !== 'error' ? '' : message}`;
    if (this.seenDiag.has(key)) return;
    this.seenDiag.add(key);
    const d = { span: { start: span.s, end: span.e, line }, severity, message, code };
    this.diagnostics.push(related?.length ? { ...d, related } : d);
  }

  /** Remembers the first value a document statement binds (for the line's shape and the module's params). */
  private bindValue(st: Stmt, v: Value): void {
    const idx = this.lineIndex.get(this.docFile)!;
    this.recorder.bindValue(idx.line(st.s), idx.line(Math.max(st.s, st.e - 1)), v);
  }

  registerSource(file: string, source: string, index?: LineIndex): void {
    this.lineIndex.set(file, index ?? new LineIndex(source));
  }

  execBlock(stmts: Stmt[], scope: Scope): Signal {
    for (const st of stmts) {
      const sig = this.exec(st, scope);
      if (sig !== Signal.Normal) return sig;
    }
    return Signal.Normal;
  }

  exec(st: Stmt, scope: Scope): Signal {
    this.tick();
    const frame = this.frames[this.frames.length - 1];
    frame.pos = st.s;
    if (frame.file === this.docFile) this.recorder.countLine(this.frameLine(frame, this.lineIndex.get(frame.file)!));
    switch (st.k) {
      case 'expr':
        evalExpr(this, st.x, scope);
        return Signal.Normal;
      case 'assign': {
        const v = evalExpr(this, st.value, scope);
        for (const t of st.targets) assignTo(this, t, v, scope);
        if (frame.file === this.docFile) this.bindValue(st, v);
        return Signal.Normal;
      }
      case 'aug':
        return this.augAssign(st.target, st.op, st.value, scope);
      case 'ann':
        // A class body's annotations are its dataclass fields, except ClassVar[...] ones.
        if (scope.kind === 'class' && st.target.k === 'name' && !isClassVar(st.ann))
          scope.vars.set('__annotations__:' + st.target.id, null);
        if (st.value) assignTo(this, st.target, evalExpr(this, st.value, scope), scope);
        return Signal.Normal;
      case 'if': {
        const t = truthy(this, evalExpr(this, st.test, scope));
        if (t === undefined && inertBlock(st.body)) {
          // Nothing costed is skipped, but a name the body binds to another value than the else does is unknown.
          const would = inertBodyBindings(this, st.body, scope);
          const signal = this.execBlock(st.orelse, scope);
          if (signal === Signal.Normal) forgetDiffering(this, would, scope);
          return signal;
        }
        if (t === undefined) {
          // `if a: ... elif b: ... else: raise`: an undecided condition never reaches the raise (an exception PyTorch
          // need not raise is a false error); the body runs instead, its value unknown where it depends on the test.
          const raises = endsInRaise(st.orelse) && !endsInRaise(st.body);
          this.undecided(raises ? 'branch-raise' : 'branch');
          if (raises) return this.execBlock(st.body, scope);
        }
        return this.execBlock(t === true ? st.body : st.orelse, scope);
      }
      case 'while':
        return this.whileLoop(st.test, st.body, st.orelse, scope);
      case 'for':
        return this.forLoop(st.target, st.iter, st.body, st.orelse, scope);
      case 'def':
        scope.assign(st.name, makeFunction(this, st, scope));
        return Signal.Normal;
      case 'class':
        scope.assign(st.name, defineClass(this, st, scope));
        return Signal.Normal;
      case 'return':
        this.retVal = st.value ? evalExpr(this, st.value, scope) : null;
        if (frame.file === this.docFile) this.bindValue(st, this.retVal);
        return Signal.Return;
      case 'pass':
        return Signal.Normal;
      case 'break':
        return Signal.Break;
      case 'continue':
        return Signal.Continue;
      case 'import':
        for (const n of st.names) importModule(this, n.module, n.alias, scope);
        return Signal.Normal;
      case 'from':
        importFrom(this, st.module, st.level, st.names, scope);
        return Signal.Normal;
      case 'try':
        return this.tryStmt(st, scope);
      case 'with':
        return this.withStmt(st, scope);
      case 'raise': {
        const x = st.x ? evalExpr(this, st.x, scope) : null;
        const err = new PyException(exceptionName(x), exceptionMessage(x), x);
        err.where = this.where();
        throw err;
      }
      case 'assert': {
        // As Python runs it (without -O): a condition known false raises; an unknown one is let pass.
        if (truthy(this, evalExpr(this, st.test, scope)) !== false) return Signal.Normal;
        const msg = st.msg ? evalExpr(this, st.msg, scope) : '';
        const err = new PyException('AssertionError', typeof msg === 'string' ? msg.slice(0, 300) : 'raised');
        err.where = this.where();
        throw err;
      }
      case 'del':
        for (const t of st.targets) deleteTarget(this, t, scope);
        return Signal.Normal;
      case 'scope': {
        const set = new Set(st.names);
        if (st.keyword === 'global') scope.globalNames = new Set([...(scope.globalNames ?? []), ...set]);
        else scope.nonlocalNames = new Set([...(scope.nonlocalNames ?? []), ...set]);
        return Signal.Normal;
      }
      case 'bad':
        return Signal.Normal;
    }
  }

  private augAssign(target: Expr, op: string, valueExpr: Expr, scope: Scope): Signal {
    const cur = evalExpr(this, target, scope);
    const v = evalExpr(this, valueExpr, scope);
    // A list grows in place (`l += xs` is l.extend(xs), `l *= n` repeats it), so every alias sees the change.
    if (cur instanceof PyList && op === '+') {
      const items = iterate(this, v);
      if (items) {
        checkSequence(cur.items.length + items.length, 'list');
        this.build(items.length);
        for (const it of items) cur.items.push(it);
        return Signal.Normal;
      }
    }
    if (cur instanceof PyList && op === '*' && typeof v === 'number' && Number.isInteger(v)) {
      checkSequence(cur.items.length * v, 'list');
      this.build(Math.max(0, cur.items.length * (v - 1)));
      cur.items = v > 0 ? Array.from({ length: v }, () => cur.items).flat() : [];
      return Signal.Normal;
    }
    const r = this.binary(op, cur, v);
    assignTo(this, target, cur instanceof Tensor && this.torch.inplace ? this.torch.inplace(cur, r) : r, scope);
    return Signal.Normal;
  }

  /** A loop or branch decided by a value the engine cannot know: noted as a warning that makes the result partial. */
  undecided(kind: 'loop' | 'iterable' | 'branch' | 'branch-raise'): void {
    if (kind === 'branch' || kind === 'branch-raise')
      this.report(
        'warning',
        'branch-unknown',
        kind === 'branch'
          ? 'flopscope: condition unknown: taken as false, the branch it guards was not costed'
          : 'flopscope: condition unknown: taken as true, its else only raises (an error not proven)',
      );
    else
      this.report(
        'warning',
        'loop-unknown',
        kind === 'loop'
          ? 'flopscope: loop bound unknown: body not costed'
          : 'flopscope: cannot tell what this loop iterates over: body not costed',
      );
  }

  private whileLoop(test: Expr, body: Stmt[], orelse: Stmt[], scope: Scope): Signal {
    for (;;) {
      this.tick(); // an iteration is a step even when its body is empty (`while True:` cut short by a syntax error)
      const t = truthy(this, evalExpr(this, test, scope));
      if (t === undefined) {
        this.undecided('loop');
        return Signal.Normal;
      }
      if (t !== true) break;
      const sig = this.execBlock(body, scope);
      if (sig === Signal.Break) return Signal.Normal;
      if (sig === Signal.Return) return sig;
    }
    return this.execBlock(orelse, scope);
  }

  private forLoop(target: Expr, iterExpr: Expr, body: Stmt[], orelse: Stmt[], scope: Scope): Signal {
    const items = iterate(this, evalExpr(this, iterExpr, scope));
    if (!items) {
      this.undecided('iterable');
      return Signal.Normal;
    }
    for (const item of items) {
      assignTo(this, target, item, scope);
      const sig = this.execBlock(body, scope);
      if (sig === Signal.Break) return Signal.Normal;
      if (sig === Signal.Return) return sig;
    }
    return this.execBlock(orelse, scope);
  }

  /** How many enclosing `try` bodies catch ImportError: there an import that resolves to nothing raises, as in Python. */
  importGuard = 0;

  /** `with a as x, b:` enters each context in order and leaves them in reverse, telling each of an exception. */
  private withStmt(st: Extract<Stmt, { k: 'with' }>, scope: Scope): Signal {
    const entered: Entered[] = [];
    const depth = this.frames.length;
    let sig = Signal.Normal;
    let err: unknown;
    try {
      for (const it of st.items) {
        const cm = enterContext(this, evalExpr(this, it.ctx, scope));
        entered.push(cm);
        if (it.target) assignTo(this, it.target, cm.value, scope);
      }
      sig = this.execBlock(st.body, scope);
    } catch (e) {
      err = e;
      if (this.frames.length > depth) this.frames.length = depth;
    }
    return leaveContexts(entered, err, sig);
  }

  private tryStmt(st: Extract<Stmt, { k: 'try' }>, scope: Scope): Signal {
    const depth = this.frames.length;
    const guard = st.handlers.some((h) => catchesImportError(h.types));
    let sig: Signal;
    try {
      if (guard) this.importGuard++;
      try {
        sig = this.execBlock(st.body, scope);
      } finally {
        if (guard) this.importGuard--;
      }
      if (sig === Signal.Normal) sig = this.execBlock(st.orelse, scope);
    } catch (e) {
      if (!(e instanceof PyException) || st.handlers.length === 0) throw e;
      this.frames.length = depth;
      const h = st.handlers[0];
      if (h.name) scope.assign(h.name, new Unknown(e.type));
      sig = this.execBlock(h.body, scope);
    } finally {
      if (this.frames.length > depth) this.frames.length = depth;
    }
    const fin = this.execBlock(st.final, scope);
    return fin !== Signal.Normal ? fin : sig;
  }
}

function isClassVar(ann: Expr): boolean {
  const base = ann.k === 'index' ? ann.obj : ann;
  return (base.k === 'name' && base.id === 'ClassVar') || (base.k === 'attr' && base.name === 'ClassVar');
}

function exceptionName(x: Value): string {
  if (x && typeof x === 'object' && 'name' in x && typeof (x as { name: unknown }).name === 'string')
    return (x as { name: string }).name;
  if (x && typeof x === 'object' && 'cls' in x) return (x as { cls: { name: string } }).cls.name;
  return 'Exception';
}

/** The message of a raised exception instance (its first argument when it is a string), or 'raised'. */
function exceptionMessage(x: Value): string {
  const args = x instanceof PyInstance ? x.attrs.get('args') : undefined;
  const first = args instanceof PyTuple ? args.items[0] : undefined;
  return typeof first === 'string' && first ? first.slice(0, 300) : 'raised';
}

/** True for an `except` clause that catches ImportError (bare, ImportError, ModuleNotFoundError, Exception, ...). */
function catchesImportError(types: Expr | undefined): boolean {
  if (!types) return true;
  if (types.k === 'seq') return types.items.some(catchesImportError);
  const name = types.k === 'name' ? types.id : types.k === 'attr' ? types.name : '';
  return ['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'].includes(name);
}

/** A block whose last statement is a `raise` (an error path). */
function endsInRaise(block: Stmt[]): boolean {
  return block.length > 0 && block[block.length - 1].k === 'raise';
}
