// Runs the document and its entry: an explicit expression, the `__main__` block, or a module class with annotated inputs.
import { entryCandidates } from './entryCandidates';
import type { EntryCandidate } from '../api/result';
import type { Session } from './session';
import { runFile } from './session';
import type { AnalyzeOptions } from '../api/options';
import type { FileAnnotations } from '../python/annotations';
import type { Module, Stmt } from '../python/ir';
import { parsePython } from '../python/parse';
import { evalExpr } from '../eval/expressions';
import { callValue } from '../eval/calls';
import { Scope } from '../eval/scope';
import { frameAt } from '../eval/interpreter';
import { PyException } from '../eval/errors';
import { exceptionText, traceback } from '../eval/traceback';
import { makeInput, jaxtypingInput } from './inputs';
import { isModule } from '../torch/nn/moduleTree';
import { Tensor } from '../model/tensor';
import { force, PyClass, PyFunction, PyInstance, PyModule, PyTuple, Unknown, type Value } from '../eval/values';

export interface EntryOutcome {
  entry?: string;
  inputs: { name: string; tensor: Tensor }[];
  output?: Value;
  /** Set when nothing was analyzed: entries the file offers. */
  candidates?: EntryCandidate[];
}

const ENTRY_FILE = '<entry>';

export function runDocument(
  s: Session,
  source: string,
  parsed: Module,
  opts: AnalyzeOptions,
  notes: FileAnnotations,
): EntryOutcome {
  const { ip } = s;
  const entryText = opts.entry ?? notes.entry;
  const inputSpecs = opts.inputs.length
    ? opts.inputs.map((i, k) => ({ name: `input${opts.inputs.length > 1 ? k : ''}`, shape: i.shape, dtype: i.dtype }))
    : notes.inputs.map((i) => ({ name: i.name, shape: i.shape, dtype: i.dtype }));
  const inputs: EntryOutcome['inputs'] = [];
  for (const spec of inputSpecs) {
    const t = makeInput(spec.shape, spec.dtype);
    if (t instanceof Tensor) inputs.push({ name: spec.name, tensor: t });
    else ip.report('error', 'bad-input', `flopscope: ${t.message}`, { s: 0, e: 1 });
  }
  const mod = runFile(s, opts.path, entryText ? moduleName(opts.path) : '__main__', source);
  if (!mod) return { inputs };
  if (entryText) return { entry: entryText, inputs, output: runEntry(s, mod, entryText, inputs) };
  if (ip.recorder.rootModules.length > 0 || ip.recorder.knownOps > 0)
    return {
      entry: hasMainBlock(parsed.body) ? '__main__' : 'top-level',
      inputs,
      output: ip.recorder.lastOutput as Value,
    };
  return autoEntry(s, mod, parsed, inputs, notes);
}

function moduleName(path: string): string {
  return (path.split('/').pop() ?? 'module').replace(/\.py$/, '');
}

function hasMainBlock(body: Stmt[]): boolean {
  return body.some(
    (st) => st.k === 'if' && st.test.k === 'cmp' && st.test.l.k === 'name' && st.test.l.id === '__name__',
  );
}

function callModel(s: Session, model: Value, inputs: EntryOutcome['inputs']): Value {
  const { ip } = s;
  ip.frames.push(frameAt(ENTRY_FILE, 0));
  try {
    return callValue(
      ip,
      model,
      inputs.map((i) => i.tensor),
      undefined,
      ip.site,
    );
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    const tb = traceback(ip, e);
    ip.report(
      'warning',
      'evaluation-stopped',
      `flopscope: the entry's forward stopped: ${exceptionText(e)}${tb.text}`,
      { s: 0, e: 1 },
      tb.related,
    );
    return new Unknown('exception');
  } finally {
    ip.frames.pop();
  }
}

function runEntry(s: Session, mod: PyModule, text: string, inputs: EntryOutcome['inputs']): Value {
  const { ip } = s;
  const src = `__flopscope_entry__ = (${text})\n`;
  const parsed = parsePython(src);
  const st = parsed.body[0];
  if (parsed.syntaxErrors.length || !st || st.k !== 'assign') {
    ip.report('error', 'bad-entry', `flopscope: cannot parse the entry expression '${text}'`, { s: 0, e: 1 });
    return new Unknown('entry');
  }
  ip.registerSource(ENTRY_FILE, src);
  ip.frames.push(frameAt(ENTRY_FILE, 0));
  let model: Value;
  try {
    model = force(
      evalExpr(
        ip,
        st.value,
        new Scope('function', new Scope('module', undefined, ip.builtins, mod.attrs), ip.builtins),
      ),
    );
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    const tb = traceback(ip, e);
    ip.report(
      'error',
      'bad-entry',
      `flopscope: the entry '${text}' raised ${exceptionText(e)}${tb.text}`,
      { s: 0, e: 1 },
      tb.related,
    );
    return new Unknown('entry');
  } finally {
    ip.frames.pop();
  }
  if (model instanceof Tensor || model instanceof PyTuple) return model;
  if (isModule(model) || model instanceof PyFunction) {
    if (inputs.length === 0) {
      const hinted = isModule(model) ? forwardHints(model) : undefined;
      if (hinted?.length) inputs.push(...hinted);
      else {
        ip.report(
          'information',
          'no-inputs',
          `flopscope: the entry '${text}' needs input shapes (CLI: --input 1,3,224,224; or a '# flopscope: input x: [B, 3, 224, 224]' comment)`,
          { s: 0, e: 1 },
        );
        return model;
      }
    }
    nameInputs(model, inputs);
    return callModel(s, model, inputs);
  }
  return model;
}

/** Names inputs given without names (CLI `--input`) after the parameters of forward (or of the function). */
function nameInputs(model: Value, inputs: EntryOutcome['inputs']): void {
  const fn = isModule(model) ? model.cls.lookup('forward') : model;
  if (!(fn instanceof PyFunction)) return;
  const params = fn.params.filter((p) => p.kind === 'pos').slice(isModule(model) ? 1 : 0);
  inputs.forEach((inp, i) => {
    if (/^input\d*$/.test(inp.name) && params[i]) inp.name = params[i].name;
  });
}

function forwardHints(model: PyInstance): EntryOutcome['inputs'] | undefined {
  const fwd = model.cls.lookup('forward');
  if (!(fwd instanceof PyFunction)) return undefined;
  const out: EntryOutcome['inputs'] = [];
  for (const p of fwd.params.slice(1)) {
    if (p.kind !== 'pos') break;
    const t = jaxtypingInput(p);
    if (!t) return out.length ? out : undefined;
    out.push({ name: p.name, tensor: t });
  }
  return out;
}

/** No entry and nothing ran: build the module class that the annotations point at (or the last one) and call it. */
function autoEntry(
  s: Session,
  mod: PyModule,
  parsed: Module,
  inputs: EntryOutcome['inputs'],
  notes: FileAnnotations,
): EntryOutcome {
  const { ip } = s;
  const classes = parsed.body.filter((st): st is Extract<Stmt, { k: 'class' }> => st.k === 'class');
  const idx = ip.lineIndex.get(ip.docFile)!;
  const noteLine = notes.inputs[0]?.line;
  let chosen =
    noteLine !== undefined
      ? (classes.find((c) => idx.line(c.s) <= noteLine && noteLine <= idx.line(c.e)) ??
        classes.find((c) => idx.line(c.s) > noteLine))
      : undefined;
  const candidates = classes
    .map((c) => ({ st: c, cls: mod.attrs.get(c.name) }))
    .filter((c) => c.cls instanceof PyClass && isModuleClass(c.cls));
  if (!chosen) chosen = candidates.filter((c) => inputs.length || hintsOf(c.cls as PyClass)).pop()?.st;
  if (!chosen) return { inputs, candidates: entryCandidates(mod, parsed, (offset) => idx.line(offset)) };
  const cls = mod.attrs.get(chosen.name);
  if (!(cls instanceof PyClass)) return { inputs };
  const entry = `${chosen.name}()`;
  const out = runEntry(s, mod, entry, inputs);
  return { entry, inputs, output: out };
}

function isModuleClass(c: PyClass): boolean {
  return c.mro.some((k) => k.name === 'Module');
}

function hintsOf(cls: PyClass): boolean {
  const fwd = cls.lookup('forward');
  return fwd instanceof PyFunction && fwd.params.length > 1 && jaxtypingInput(fwd.params[1]) !== undefined;
}
