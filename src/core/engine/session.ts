// A world per precision (builtins, stdlib, torch) owned by an Engine, prepared afresh for each analysis, and the file runner.
import type { Dtype } from '../model/dtype';
import { docstringOf } from '../eval/docstring';
import { applyLibraryShim } from '../eval/docstringShim';
import { precisionPolicies } from '../cost/precision';
import { frameAt, Interp } from '../eval/interpreter';
import { Recorder } from '../cost/recorder';
import { paramSnapshot } from './boundValue';
import { BuiltinTypes } from '../eval/builtinTypes';
import { installBuiltins } from '../eval/builtins';
import { registerStdlib } from '../eval/stdlib';
import { setImportContext, type NativeModules } from '../eval/imports';
import { binaryOp } from '../eval/operators';
import { TorchCtx } from '../torch/context';
import { registerTorch } from '../torch/torchModule';
import { makeTensorHooks } from '../torch/tensorHooks';
import { dtypes } from '../torch/dtypes';
import { Scope } from '../eval/scope';
import { PyException, BudgetExceeded, Cancelled, describeException } from '../eval/errors';
import { exceptionText, traceback } from '../eval/traceback';
import { PyModule } from '../eval/values';
import { ModuleCache } from './moduleCache';
import type { ParseCache } from './parseCache';
import type { AnalyzeOptions, IrStore, Precision } from '../api/options';

/** One precision's interpreter world: shared by the analyses of one engine, never by two engines. */
export interface Session {
  readonly ip: Interp;
  readonly ctx: TorchCtx;
  readonly types: BuiltinTypes;
  /** The precision's float dtype, restored at the start of each analysis (torch.set_default_dtype changes it). */
  readonly defaultFloat: Dtype;
  /** Imported files kept evaluated while unchanged. */
  readonly modules: ModuleCache;
  /** The engine's parsed files, and the persistent IR store of the analysis now running. */
  readonly parses: ParseCache;
  irStore?: IrStore;
}

function precisionDtypes(p: Precision): { float: Dtype; act: (d: Dtype) => Dtype; autocast?: Dtype } {
  const policy = precisionPolicies[p];
  const f32 = dtypes.get('float32')!,
    weights = dtypes.get(policy.weights)!,
    act = dtypes.get(policy.activations)!;
  // Under autocast, tensors keep the dtype their op computes in (autocast.ts casts the inputs of its listed ops).
  if (policy.autocast) return { float: weights, act: (d) => d, autocast: act };
  return { float: weights, act: (d) => (d === f32 ? act : d) };
}

/** Builds a world: builtins, stdlib and torch, frozen so that analyses change them only through the journal. */
export function buildWorld(precision: Precision, parses: ParseCache): Session {
  const ip = new Interp('', 0, new Recorder(), { read: () => undefined });
  const types = new BuiltinTypes();
  installBuiltins(ip, types);
  const prec = precisionDtypes(precision);
  const ctx = new TorchCtx(ip, prec.float, prec.act);
  ctx.autocast = prec.autocast;
  const tensorHooks = makeTensorHooks(ctx);
  ip.torch = tensorHooks;
  ip.binary = (op, a, b) => ip.counted(binaryOp(op, a, b, tensorHooks.binary));
  const natives: NativeModules = new Map();
  registerStdlib(natives);
  registerTorch(natives, ctx, types);
  const session: Session = { ip, ctx, types, defaultFloat: prec.float, modules: new ModuleCache(ip), parses };
  setImportContext(ip, { natives, run: (_ip, path, name) => runFile(session, path, name) });
  ip.journal.freeze(ip.builtins, ...ip.modules.values());
  return session;
}

/** Prepares a world for one analysis: what the last one wrote to shared objects is undone, per-run state is fresh. */
export function beginAnalysis(w: Session, opts: AnalyzeOptions): void {
  w.ip.journal.rollback();
  w.ctx.defaultFloat = w.defaultFloat;
  w.ctx.numpyArrays = 0;
  w.ctx.parametrizeCache = undefined;
  w.ctx.parametrizeDepth = 0;
  w.ctx.defaultDeviceSet = false;
  w.irStore = opts.irStore;
  const recorder = new Recorder();
  recorder.paramSnapshot = paramSnapshot;
  w.ip.begin(
    opts.path,
    opts.maxSteps,
    recorder,
    { read: (p) => opts.readFile?.(p), roots: opts.importRoots, importHint: opts.importHint },
    opts.isCancelled,
  );
  w.modules.beginRun();
}

/** Parses and executes a file as a module; undefined when the reader has no such file. Imported files are reused while unchanged. */
export function runFile(s: Session, path: string, name: string, source?: string): PyModule | undefined {
  const { ip, modules: cache } = s;
  const text = source ?? ip.loader.read(path);
  if (text === undefined) return undefined;
  // A reused module's imports are this run's modules too (one class identity per file; line numbers for messages).
  const adopt = (p: string, t: string, m: PyModule) => {
    if (ip.modules.has(p)) return;
    ip.modules.set(p, m);
    ip.registerSource(p, t, s.parses.lineIndex(p, t));
  };
  const cached = path === ip.docFile ? undefined : cache.reuse(path, text, adopt);
  if (cached) {
    ip.modules.set(path, cached);
    ip.registerSource(path, text, s.parses.lineIndex(path, text));
    return cached;
  }
  const parsed = s.parses.parse(path, text, s.irStore);
  const m = new PyModule(name, path);
  ip.modules.set(path, m);
  ip.registerSource(path, text, s.parses.lineIndex(path, text));
  const scope = new Scope('module', undefined, ip.builtins, m.attrs);
  m.attrs.set('__name__', name);
  m.attrs.set('__file__', path);
  m.attrs.set('__doc__', docstringOf(parsed.body));
  const depth = ip.frames.length;
  ip.frames.push(frameAt(path, 0));
  cache.enter(path);
  let finished = false;
  try {
    ip.execBlock(parsed.body, scope);
    applyLibraryShim(name, m);
    finished = true;
  } catch (e) {
    if (e instanceof BudgetExceeded || e instanceof Cancelled) throw e;
    if (!(e instanceof PyException)) throw e;
    finished = true; // a module that raised is as Python leaves it: partly initialized, and so it is reused
    if (path === ip.docFile) {
      e.frames.push({ file: path, pos: ip.frames[depth]?.pos ?? 0, name: '<module>' });
      const tb = traceback(ip, e);
      ip.report(
        'warning',
        'evaluation-stopped',
        `flopscope: evaluation stopped here: ${exceptionText(e)}${tb.text}`,
        undefined,
        tb.related,
      );
    }
    // An imported file that stopped part-way (in Python its import would fail): the names it defines after that
    // point are unknown, so the result is partial; said at the document line that imported it.
    else
      ip.report(
        'warning',
        'evaluation-stopped',
        `flopscope: the imported file ${path} stopped: ${describeException(e)}; what it defines after that is unknown`,
      );
  } finally {
    ip.frames.length = depth;
    cache.exit(path, text, m, finished);
  }
  return m;
}
