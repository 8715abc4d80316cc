// Sets up analyses: one long-lived world per precision (builtins, stdlib, torch), fresh per-run state, and the file runner.
import { Interp } from '../eval/interpreter';
import { Recorder } from '../cost/recorder';
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
import { PyModule, type PyDtype } from '../eval/values';
import { parseCached, lineIndexCached } from './parseCache';
import { moduleCache } from './moduleCache';
import type { AnalyzeOptions, Precision } from '../api/options';

export interface Session {
  readonly ip: Interp;
  readonly ctx: TorchCtx;
  readonly types: BuiltinTypes;
}

function precisionDtypes(p: Precision): { float: PyDtype; act: (d: PyDtype) => PyDtype } {
  const f16 = dtypes.get('float16')!,
    bf16 = dtypes.get('bfloat16')!,
    f32 = dtypes.get('float32')!;
  if (p === 'fp16') return { float: f16, act: (d) => (d === f32 ? f16 : d) };
  if (p === 'bf16') return { float: bf16, act: (d) => (d === f32 ? bf16 : d) };
  if (p === 'mixed') return { float: f32, act: (d) => (d === f32 ? f16 : d) };
  return { float: f32, act: (d) => d };
}

function buildWorld(precision: Precision): Session {
  const ip = new Interp('', 0, new Recorder(), { read: () => undefined });
  const types = new BuiltinTypes();
  installBuiltins(ip, types);
  const prec = precisionDtypes(precision);
  const ctx = new TorchCtx(ip, prec.float, prec.act);
  const tensorHooks = makeTensorHooks(ctx);
  ip.torch = tensorHooks;
  ip.binary = (op, a, b) => binaryOp(op, a, b, tensorHooks.binary);
  const natives: NativeModules = new Map();
  registerStdlib(natives);
  registerTorch(natives, ctx, types);
  setImportContext(ip, { natives, run: (i, path, name) => runFile(i, path, name) });
  return { ip, ctx, types };
}

const worlds = new Map<Precision, Session>();

/** A session for one analysis. Worlds are reused: building torch's modules once saves most of a small file's cost. */
export function createSession(opts: AnalyzeOptions): Session {
  let w = worlds.get(opts.precision);
  if (!w) worlds.set(opts.precision, (w = buildWorld(opts.precision)));
  w.ip.begin(
    opts.path,
    opts.maxSteps,
    new Recorder(),
    { read: (p) => opts.readFile?.(p), roots: opts.importRoots },
    opts.isCancelled,
  );
  moduleCache(w.ip).beginRun();
  return w;
}

/** Parses and executes a file as a module; undefined when the reader has no such file. Imported files are reused while unchanged. */
export function runFile(ip: Interp, path: string, name: string, source?: string): PyModule | undefined {
  const text = source ?? ip.loader.read(path);
  if (text === undefined) return undefined;
  const cache = moduleCache(ip);
  const cached = path === ip.docFile ? undefined : cache.reuse(path, text);
  if (cached) {
    ip.modules.set(path, cached);
    ip.registerSource(path, text, lineIndexCached(path, text));
    return cached;
  }
  const parsed = parseCached(path, text);
  const m = new PyModule(name, path);
  ip.modules.set(path, m);
  ip.registerSource(path, text, lineIndexCached(path, text));
  const scope = new Scope('module', undefined, ip.builtins, m.attrs);
  m.attrs.set('__name__', name);
  m.attrs.set('__file__', path);
  const depth = ip.frames.length;
  ip.frames.push({ file: path, pos: 0 });
  cache.enter(path);
  try {
    ip.execBlock(parsed.body, scope);
  } catch (e) {
    if (e instanceof BudgetExceeded || e instanceof Cancelled) throw e;
    if (!(e instanceof PyException)) throw e;
    if (path === ip.docFile)
      ip.report('warning', 'evaluation-stopped', `flopscope: evaluation stopped here: ${describeException(e)}`);
    // An imported file that stopped part-way (in Python its import would fail): the names it defines after that
    // point are unknown, so the result is partial; said at the document line that imported it.
    else
      ip.report(
        'warning',
        'evaluation-stopped',
        `flopscope: the imported file ${path} stopped: ${describeException(e)}; what it defines after that is unknown`,
        undefined,
        true,
      );
  } finally {
    ip.frames.length = depth;
    cache.exit(path, text, m);
  }
  return m;
}
