// Seeded generators of fuzz cases for the CLI: mutated Python, TS/JS and notebooks, hostile snippets, and argument lists.

/** A small deterministic PRNG (LCG), so every case reproduces from its seed. */
export function rng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  next.int = (n) => Math.floor(next() * n);
  next.pick = (list) => list[next.int(list.length)];
  return next;
}

const pySnippets = [
  ')',
  '(',
  ':',
  '[',
  ']',
  '**',
  '@',
  'lambda',
  ' if ',
  'None',
  '0',
  '-1',
  '1e9',
  '...',
  '\n    ',
  '\n',
  'self',
  'x.view(',
  '"',
  "'",
  '#',
  '\\',
  'yield',
  'torch.cat(',
  'def ',
  'class ',
  ' * 0',
  ' * 10**6',
  '-5',
  '2**40',
  'torch.randn(-1)',
  'nn.Linear(-5, -3)',
  'while True:\n    pass\n',
  'import madeup\n',
  'from ..x import y\n',
  'x = x + x\n',
  '.unsqueeze(0)',
  '.reshape(-1)',
  '.T',
  '[None]',
  'float("nan")',
  'global x\n',
  'raise ValueError()\n',
  '\t',
  '\r\n',
  '\u00a0',
  '\u202e',
  '\0',
  '𝑥',
  'async ',
  'await ',
  'match x:\n    case 1:\n        pass\n',
];
const jsSnippets = [
  ')',
  '(',
  '{',
  '}',
  '[',
  ']',
  ';',
  '=>',
  'const ',
  'let ',
  'function ',
  'class ',
  'return ',
  'new ',
  'null',
  'undefined',
  '-1',
  '1e9',
  '...',
  '\n',
  '`',
  '"',
  "'",
  '//',
  '/*',
  'tf.',
  'tf.layers.dense({units: -3})',
  'model.add(',
  'inputShape: [-1]',
  'for (;;) {}',
  'while (true) {}',
  "import x from '../../../../etc/passwd';\n",
  "import z from '/dev/zero';\n",
  "require('../../../../dev/stdin')",
  'throw new Error("x");',
  'await ',
  'yield ',
];

/** Deletes, inserts or swaps a few spans of the text. */
export function mutateText(src, r, snippets) {
  const edits = 1 + r.int(4);
  let out = src;
  for (let i = 0; i < edits; i++) {
    const at = r.int(out.length + 1);
    const kind = r();
    if (kind < 0.3) out = out.slice(0, at) + out.slice(at + 1 + r.int(20));
    else if (kind < 0.65) out = out.slice(0, at) + r.pick(snippets) + out.slice(at);
    else if (kind < 0.85) {
      const b = r.int(out.length + 1);
      const [p, q] = at < b ? [at, b] : [b, at];
      out = out.slice(0, p) + out.slice(q) + out.slice(p, q);
    } else {
      // Duplicate a line (loops, layers and calls repeated).
      const lines = out.split('\n');
      const k = r.int(lines.length);
      lines.splice(k, 0, lines[k]);
      out = lines.join('\n');
    }
  }
  return out;
}

export const mutatePython = (src, r) => mutateText(src, r, pySnippets);
export const mutateJs = (src, r) => mutateText(src, r, jsSnippets);

const jsonJunk = [null, 42, -1, 'x', '', [], {}, [null], { cells: null }, 1e308, true, '\u0000', [42], { source: 42 }];

/** Replaces, deletes or retypes a random node of a parsed notebook; or mutates a cell's source; or cuts the JSON text. */
export function mutateNotebook(text, r, mutatePy) {
  const kind = r();
  if (kind < 0.15) return text.slice(0, r.int(text.length));
  const nb = JSON.parse(text);
  if (kind < 0.55 && Array.isArray(nb.cells) && nb.cells.length) {
    const cell = r.pick(nb.cells);
    const src = Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
    cell.source = r() < 0.5 ? mutatePy(src, r) : mutatePy(src, r).split(/(?<=\n)/);
    return JSON.stringify(nb);
  }
  const nodes = [];
  const walk = (v, parent, key) => {
    if (parent) nodes.push([parent, key]);
    if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], v, k);
  };
  walk(nb);
  if (!nodes.length) return JSON.stringify(r.pick(jsonJunk));
  const [parent, key] = r.pick(nodes);
  if (r() < 0.3 && !Array.isArray(parent)) delete parent[key];
  else parent[key] = structuredClone(r.pick(jsonJunk));
  return JSON.stringify(nb);
}

/** Hand-made hostile inputs (issue 11's reproducers among them): each must end with a status 0-4 and a message. */
export const hostile = [
  ['deep_brackets.py', `x = ${'['.repeat(1500)}${']'.repeat(1500)}\n`],
  ['deep_parens.py', `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`],
  ['deep_unary.py', `x = ${'-'.repeat(20000)}1\n`],
  ['deep_calls.py', `x = ${'f('.repeat(2000)}${')'.repeat(2000)}\n`],
  [
    'deep_blocks.py',
    Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}if True:\n`).join('') + ' '.repeat(400) + 'x = 1\n',
  ],
  ['doubling.py', 'x = [0]\nfor _ in range(100):\n    x = x + x\n'],
  ['huge_list.py', 'x = [0] * 10**12\n'],
  ['huge_str.py', "s = 'a' * 10**10\n"],
  ['sym_power.py', 'import torch\nB = torch.randn(2).shape[0]\ny = 1\nfor _ in range(64):\n    y = y * (B + y)\n'],
  ['neg_sizes.py', 'import torch\nimport torch.nn as nn\nx = torch.randn(-1)\nm = nn.Linear(-5, -3)\n'],
  ['recursion.py', 'def f(n):\n    return f(n + 1)\nf(0)\n'],
  [
    'unknown_loop.py',
    'import torch\nimport madeup\nn = madeup.count()\nxs = []\nwhile len(xs) < n:\n    xs.append(torch.randn(2, 3))\ny = torch.stack(xs)\n',
  ],
  ['climb.py', `from ${'.'.repeat(60)}etc import passwd\nimport torch\nx = torch.randn(3)\n`],
  ['empty.py', ''],
  ['nul.py', 'import torch\n\0\0\0x = torch.randn(2)\n'],
  ['bom.py', '\ufeffimport torch\nx = torch.randn(2)\n'],
  ['long_line.py', `x = ${'1 + '.repeat(50000)}1\n`],
  [
    'many_lines.py',
    'import torch\nx = torch.randn(4, 8)\n' + Array.from({ length: 20000 }, (_, i) => `y${i} = x + ${i}\n`).join(''),
  ],
  [
    'escape.ts',
    "import x from '../../../../../../../etc/passwd';\nimport z from '/dev/zero';\nimport s from '../../../../../../../dev/stdin';\n",
  ],
  ['loop.ts', 'while (true) {}\n'],
  ['deep.ts', `const x = ${'['.repeat(3000)}${']'.repeat(3000)};\n`],
  ['recursion.js', 'function f(n) { return f(n + 1); }\nf(0);\n'],
  ['nb_null.ipynb', '{"cells":[null]}'],
  ['nb_source.ipynb', '{"cells":[{"cell_type":"code","source":42}]}'],
  ['nb_lang.ipynb', '{"cells":[],"metadata":{"language_info":{"name":{"x":1}}}}'],
  ['nb_deep.ipynb', `{"cells":${'['.repeat(5000)}${']'.repeat(5000)}}`],
];

const entries = [
  'Net()',
  'MLP()',
  'resnet18()',
  'Model(10)',
  'GPT(cfg)',
  '',
  '(',
  'x'.repeat(3000),
  'Net(' + '('.repeat(500),
  '__import__("os")',
  'lambda: 0',
  '1/0',
  'Net(-1)',
];
const shapes = [
  '1,3,224,224',
  'B,3,32,32',
  '32,784',
  '0',
  '-1,3',
  '99999999999999999999,3',
  'B',
  '1,'.repeat(200) + '1',
  '[2,3]',
  '',
  ',',
  'x,y,z',
  '2,3:int64',
  '2,3:bogus',
  '2:float16',
  '1e9,1e9',
];
const dims = [
  'B=32',
  'T=1024',
  'B=0',
  'B=-1',
  `B=${'9'.repeat(400)}`,
  'B',
  '=3',
  'B=1.5',
  'Ü=3',
  'B=9007199254740991',
  'H=2,W=2',
];
const values = {
  format: ['table', 'json', 'markdown', 'csv', 'xml', ''],
  convention: ['full', 'seed', 'macs', 'matmul2x', 'bogus'],
  precision: ['fp32', 'fp16', 'bf16', 'mixed', 'fp8'],
  optimizer: ['adam', 'sgd', 'momentum', 'lion'],
};

/** Arguments after `analyze FILE`: mostly valid options, some invalid, a few unknown or malformed. */
export function randomArgs(r) {
  const args = [];
  const n = r.int(5);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.15) args.push('--entry', r.pick(entries));
    else if (k < 0.35) args.push('--input', r.pick(shapes));
    else if (k < 0.5) args.push('--dim', r.pick(dims));
    else if (k < 0.8) {
      const key = r.pick(Object.keys(values));
      args.push(`--${key}`, r.pick(values[key]));
    } else if (k < 0.88) args.push(r.pick(['--strict', '--strict=1', '--debug', '--', '-', '-x', '--help']));
    else if (k < 0.94) args.push(r.pick(['--bogus', '--input', '--dim']));
    else args.push(r.pick(['extra.py', '\u001b[2J', 'x'.repeat(10000), '--format=json', '--dim=B=2']));
  }
  return args;
}
