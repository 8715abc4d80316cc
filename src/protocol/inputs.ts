// Parses and prints the user's input specs (`x: [B, 3, 224, 224] float16; [32, 10]`), shared by host and webview.
import type { InputOption } from '../core/api/options';
import { shapeDims, shapeText } from '../core/api/shape';

export interface FileInputs {
  /** Expression to call, e.g. `Net(10)`; empty means "let the analyzer pick". */
  readonly entry?: string;
  readonly inputs: readonly InputOption[];
  /** Values for symbolic dims in this file, over the `flopscope.analysis.dims` setting. */
  readonly dims?: Readonly<Record<string, number>>;
}

const dtypes = new Set([
  'float64',
  'float32',
  'float16',
  'bfloat16',
  'int64',
  'int32',
  'int16',
  'int8',
  'uint8',
  'bool',
  'double',
  'float',
  'half',
  'long',
  'int',
]);

/** One spec: optional `name:`, dims in brackets or bare commas, optional dtype. Undefined when malformed. */
export function parseInput(text: string): InputOption | undefined {
  const m = /^\s*(?:([A-Za-z_]\w*)\s*:\s*)?\[?\s*([A-Za-z0-9_ ,]*?)\s*\]?\s*(?:\s([A-Za-z0-9]+))?\s*$/.exec(text);
  if (!m) return undefined;
  const dims = shapeDims(m[2]);
  if ('message' in dims) return undefined;
  const dtype = m[3] ? m[3].replace(/^torch\./, '') : undefined;
  if (dtype && !dtypes.has(dtype)) return undefined;
  return dtype ? { shape: dims, dtype } : { shape: dims };
}

/** Several specs separated by `;`. Returns an error message instead when one is malformed. */
export function parseInputs(text: string): InputOption[] | string {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const out: InputOption[] = [];
  for (const part of parts) {
    const spec = parseInput(part);
    if (!spec) return `Cannot read "${part}": write dims like [B, 3, 224, 224] float16 (separate inputs with ;).`;
    out.push(spec);
  }
  return out;
}

/** `[B, 3, 224, 224] float16` for one input. */
export function formatInput(input: InputOption): string {
  const shape = shapeText(input.shape);
  return input.dtype ? `${shape} ${input.dtype}` : shape;
}

export function formatInputs(inputs: readonly InputOption[]): string {
  return inputs.map(formatInput).join('; ');
}

/** The comment a user may insert to pin inputs in the file: `# flopscope: input x: [B, 3, 224, 224] float16`. */
export function inputComment(input: InputOption, name: string, language: 'python' | 'tsjs'): string {
  return `${language === 'python' ? '#' : '//'} flopscope: input ${name}: ${formatInput(input)}`;
}

/** `B=32, T=128` -> { B: 32, T: 128 }; an error message when malformed. */
export function parseDims(text: string): Record<string, number> | string {
  const out: Record<string, number> = {};
  for (const part of text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z_]\w*)\s*=\s*(\d+)$/.exec(part);
    if (!m || Number(m[2]) < 1) return `Cannot read "${part}": write dims like B=32, T=128.`;
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export function formatDims(dims: Readonly<Record<string, number>> | undefined): string {
  return Object.entries(dims ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** The stored value for an entry, inputs and dims, or undefined when all are empty. */
export function fileInputs(entry: string, inputs: InputOption[], dims: Record<string, number>): FileInputs | undefined {
  const e = entry.trim();
  if (!e && !inputs.length && !Object.keys(dims).length) return undefined;
  return { ...(e ? { entry: e } : {}), inputs, ...(Object.keys(dims).length ? { dims } : {}) };
}
