// Parses the CLI's arguments into a typed command, or a usage error.
import { conventionNamed, conventions, optimizers, precisions } from '../core/api/options';
import { shapeDims } from '../core/api/shape';
import type { Convention, InputOption, Optimizer, Precision } from '../core/api/options';
import type { ReportFormat } from '../protocol/report';

export interface AnalyzeCommand {
  readonly kind: 'analyze';
  readonly file: string;
  readonly entry?: string;
  readonly inputs: InputOption[];
  readonly dims: Record<string, number>;
  readonly format: ReportFormat;
  readonly convention: Convention;
  readonly precision: Precision;
  readonly optimizer: Optimizer;
  /** Layer-table depth (table/Markdown: default 3; CSV: the layer table instead of lines). */
  readonly depth?: number;
  /** Exit 3 when the result is partial (some figure is a lower bound). */
  readonly strict: boolean;
  /** Print the stack of an internal error. */
  readonly debug: boolean;
  /** --python-path folders, in order. */
  readonly pythonPaths: string[];
  /** --python EXE: the interpreter whose sys.path is searched. */
  readonly python?: string;
  /** --no-python-env: do not ask any interpreter for its sys.path. */
  readonly noPythonEnv: boolean;
}

export type Command =
  AnalyzeCommand | { kind: 'help' } | { kind: 'version' } | { kind: 'ops'; format: 'text' | 'markdown' };

export const usage = `Usage: flopscope analyze FILE [options]
       flopscope ops [--format text|markdown]

Reads a PyTorch model file (.py) or a TensorFlow.js model (.ts/.js), infers every
tensor's shape without running it, and prints what each line costs.

Options:
  --entry EXPR            expression that builds the model, e.g. 'resnet50()' or 'Net(10)'
  --input SHAPE[:dtype]   an input of the entry; repeatable. SHAPE is comma-separated:
                          1,3,224,224 or B,3,224,224 (dtype defaults to float32; int64 for ids)
  --dim NAME=VALUE        value of a symbolic dim (default 1); repeatable
  --format FORMAT         table (default), json, markdown or csv
  --depth N               layer table down to depth N (the model is 0; default 3) in table and
                          markdown; with csv, the layer table instead of the per-line rows
                          (json always carries every layer)
  --convention NAME       full (default: 2 FLOPs per MAC + element-wise), macs, matmul2x
                          (seed: the old name of full)
  --precision NAME        fp32 (default), fp16, bf16, mixed (autocast fp16), mixed-bf16 (autocast bf16)
  --optimizer NAME        adam (default), sgd, momentum (training-step estimate)
  --strict                exit 3 when the result is partial (some figure is a lower bound)
  --debug                 print the stack trace of an internal error
  --python-path DIR       a folder searched for imports after the file's own; repeatable
  --python EXE            the Python whose sys.path (site-packages) is searched for imports
                          (default: $VIRTUAL_ENV, else $CONDA_PREFIX, else python3 on PATH)
  --no-python-env         do not ask a Python interpreter for its sys.path
  -h, --help              this help
  -v, --version           the version

Exit status: 0 ok, 1 shape errors found, 2 bad usage or unreadable input,
3 partial result with --strict, 4 internal error.`;

const formats = ['table', 'json', 'markdown', 'csv'];
/** Options that take no value. */
const flags = new Set(['strict', 'debug']);
/** The largest dim value: every count stays exact past it (bigints), but a dim is a JS number on the way in. */
const maxDim = Number.MAX_SAFE_INTEGER;

/** A user-supplied value quoted in a message, cut when long. */
function quote(text: string): string {
  const clean = text.replace(/\p{Cc}/gu, '?');
  return `'${clean.length > 40 ? `${clean.slice(0, 37)}...` : clean}'`;
}

export function parseArgs(argv: readonly string[]): Command | { error: string } {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { kind: 'version' };
  const [cmd, ...rest] = argv;
  const opts = new Map<string, string[]>();
  const positional: string[] = [];
  let noPythonEnv = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--no-python-env') {
      noPythonEnv = true;
      continue;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (flags.has(key)) {
      if (eq > 0) return { error: `--${key} takes no value` };
      opts.set(key, ['']);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
    if (value === undefined) return { error: `--${quote(key).slice(1, -1)} needs a value` };
    opts.set(key, [...(opts.get(key) ?? []), value]);
  }
  const one = (k: string) => opts.get(k)?.[opts.get(k)!.length - 1];
  if (cmd === 'ops') {
    const f = one('format') ?? 'text';
    return f === 'text' || f === 'markdown'
      ? { kind: 'ops', format: f }
      : { error: `unknown format '${f}' for ops (text or markdown)` };
  }
  if (cmd !== 'analyze') return { error: `unknown command ${quote(cmd)} (try: flopscope analyze FILE)` };
  const known = new Set([
    'entry',
    'input',
    'dim',
    'format',
    'convention',
    'precision',
    'optimizer',
    'python-path',
    'python',
    'depth',
    ...flags,
  ]);
  for (const k of opts.keys()) if (!known.has(k)) return { error: `unknown option --${quote(k).slice(1, -1)}` };
  if (positional.length !== 1)
    return { error: positional.length ? `expected one FILE, got ${positional.length}` : 'missing FILE' };
  const pick = <T extends string>(k: string, allowed: readonly string[], def: T): T | { error: string } => {
    const v = one(k) ?? def;
    return allowed.includes(v) ? (v as T) : { error: `--${k} must be one of ${allowed.join(', ')} (got ${quote(v)})` };
  };
  const format = pick<ReportFormat>('format', formats, 'table');
  const convention = pick<Convention | 'seed'>('convention', [...conventions, 'seed'], 'full'); // seed: old name of full
  const precision = pick<Precision>('precision', precisions, 'fp32');
  const optimizer = pick<Optimizer>('optimizer', optimizers, 'adam');
  for (const v of [format, convention, precision, optimizer]) if (typeof v === 'object') return v;
  const inputs: InputOption[] = [];
  for (const spec of opts.get('input') ?? []) {
    const [text, dtype] = spec.split(':');
    const shape = shapeDims(text);
    if ('message' in shape)
      return { error: `--input ${quote(spec)}: SHAPE must be comma-separated dims such as 1,3,224,224 or B,3,224,224` };
    inputs.push(dtype ? { shape, dtype } : { shape });
  }
  const dims: Record<string, number> = {};
  for (const d of opts.get('dim') ?? []) {
    const m = /^([A-Za-z_]\w*)=(\d+)$/.exec(d);
    if (!m) return { error: `--dim ${quote(d)}: expected NAME=VALUE with an integer VALUE, e.g. B=32` };
    const value = Number(m[2]);
    if (!(value >= 1 && value <= maxDim))
      return { error: `--dim ${quote(d)}: VALUE must be an integer from 1 to ${maxDim} (2^53 - 1)` };
    dims[m[1]] = value;
  }
  const depthText = one('depth');
  if (depthText !== undefined && !/^\d+$/.test(depthText))
    return { error: `--depth must be a whole number such as 2 (got '${depthText}')` };
  return {
    kind: 'analyze',
    depth: depthText !== undefined ? Number(depthText) : undefined,
    file: positional[0],
    entry: one('entry'),
    inputs,
    dims,
    format: format as ReportFormat,
    convention: conventionNamed(convention) ?? 'full',
    precision: precision as Precision,
    optimizer: optimizer as Optimizer,
    strict: opts.has('strict'),
    debug: opts.has('debug'),
    pythonPaths: opts.get('python-path') ?? [],
    python: one('python'),
    noPythonEnv,
  };
}
