// torch.autocast as CUDA runs it (precision mixed / mixed-bf16): each op's output dtype follows autocast's op lists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from './core.mjs';

const run = (src, opts = {}) => core.analyze(src, { path: '/t/autocast.py', ...opts });

// One op per line; the expected dtype of its output under bf16 autocast (CUDA's lists, aten/src/ATen/autocast_mode.h).
const cases = [
  ['h = lin(x)', 'linear', 'bfloat16', 'lower-precision list: the fp32 input and weight are cast'],
  ['a = h @ h.t()', 'matmul', 'bfloat16', 'matmul: half inputs stay half'],
  ['b = torch.mm(x, w)', 'mm', 'bfloat16', 'mm casts both fp32 operands'],
  ['n = F.layer_norm(h, (8,))', 'layer_norm', 'float32', 'fp32 list: a half input is cast to fp32'],
  ['p = h ** 3', 'pow', 'float32', '`**` is pow: fp32 list'],
  ['r = 2 / h', 'div', 'float32', '`2 / h` is __rtruediv__ (reciprocal): fp32'],
  ['s = F.softmax(h, dim=-1)', 'softmax', 'float32', 'softmax: fp32 unless a dtype is given'],
  ['s16 = F.softmax(h, dim=-1, dtype=torch.bfloat16)', 'softmax', 'bfloat16', 'an explicit dtype= is not autocast'],
  ['e = h.exp()', 'exp', 'float32', 'exp: fp32 list'],
  ['t = h.sum()', 'sum', 'float32', 'sum: fp32 (set_opt_dtype)'],
  ['g = F.gelu(h)', 'gelu', 'bfloat16', 'not listed: follows its input'],
  ['q = torch.tanh(h)', 'tanh', 'bfloat16', 'not listed: follows its input'],
  ['m = h * x', 'mul', 'float32', 'not listed: type promotion of bf16 and fp32 gives fp32'],
  ['k = h * 0.5', 'mul', 'bfloat16', 'a Python scalar does not promote'],
  ['c = conv(img)', 'conv2d', 'bfloat16', 'conv2d: lower-precision list'],
  ['bn = F.batch_norm(c, None, None, training=True)', 'batch_norm', 'bfloat16', 'batch_norm: not listed'],
  ['l = F.cross_entropy(lin(x), torch.zeros(4, dtype=torch.long))', 'cross_entropy', 'float32', 'losses: fp32'],
];

const src =
  'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n' +
  'x = torch.randn(4, 8, requires_grad=True)\nw = torch.randn(8, 8)\nlin = nn.Linear(8, 8)\n' +
  'conv = nn.Conv2d(3, 4, 3)\nimg = torch.randn(2, 3, 8, 8)\n' +
  cases.map((c) => c[0]).join('\n') +
  '\n';
const firstLine = 9;

for (const precision of ['mixed-bf16', 'mixed']) {
  const half = precision === 'mixed' ? 'float16' : 'bfloat16';
  test(`autocast (${precision}): each op's output dtype follows CUDA's op lists`, () => {
    const r = run(src, { precision });
    assert.equal(r.coverage.unknownOps, 0, JSON.stringify(r.coverage.unknown));
    cases.forEach(([code, op, dtype, why], i) => {
      const line = r.lines.find((l) => l.line === firstLine + i);
      const rec = line?.ops.find((o) => o.op === op);
      assert.ok(rec, `line ${firstLine + i} (${code}) runs ${op}: ${JSON.stringify(line?.ops.map((o) => o.op))}`);
      const want = dtype === 'bfloat16' && !code.includes('torch.bfloat16') ? half : dtype;
      assert.equal(rec.dtype, want, `${code}: ${why}`);
    });
  });
}

test('fp32 precision casts nothing; pure bf16 makes every float activation bf16', () => {
  for (const [precision, dtype] of [
    ['fp32', 'float32'],
    ['bf16', 'bfloat16'],
  ]) {
    const r = run(src, { precision });
    for (const i of [3, 4, 12]) {
      const rec = r.lines.find((l) => l.line === firstLine + i).ops[0];
      assert.equal(rec.dtype, dtype, `${precision}: ${cases[i][0]}`);
    }
  }
});

test('autocast: LSTM (cuDNN) and LSTMCell compute in half', () => {
  const r = run(
    'import torch\nimport torch.nn as nn\nx = torch.randn(5, 3, 8)\n' +
      'y, (h, c) = nn.LSTM(8, 16)(x)\nz = nn.LSTMCell(8, 16)(x[0])\n',
    { precision: 'mixed-bf16' },
  );
  for (const [line, op] of [
    [4, 'lstm'],
    [5, 'lstm_cell'],
  ]) {
    const rec = r.lines.find((l) => l.line === line)?.ops.find((o) => o.op === op);
    assert.equal(rec?.dtype, 'bfloat16', `${op} under bf16 autocast`);
  }
});

test('with torch.autocast(...) in the analyzed code: CUDA lists inside the block; CPU autocast is not modelled', () => {
  const src =
    'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n' +
    'lin = nn.Linear(8, 8)\nx = torch.randn(4, 8)\n' +
    "with torch.autocast('cuda', dtype=torch.bfloat16):\n    a = lin(x)\n    b = F.layer_norm(a, (8,))\n" +
    'c = lin(x)\n' +
    'with torch.cuda.amp.autocast():\n    d = lin(x)\n    with torch.autocast("cuda", enabled=False):\n        e = lin(x)\n' +
    "with torch.autocast('cpu', dtype=torch.bfloat16):\n    f = lin(x)\n" +
    "@torch.autocast('cuda')\ndef g(t):\n    return lin(t)\nh = g(x)\n";
  const r = run(src);
  const dtype = (line, op) => r.lines.find((l) => l.line === line)?.ops.find((o) => o.op === op)?.dtype;
  assert.equal(dtype(7, 'linear'), 'bfloat16', 'linear inside the bf16 block');
  assert.equal(dtype(8, 'layer_norm'), 'float32', 'layer_norm inside: fp32 list');
  assert.equal(dtype(9, 'linear'), 'float32', 'after the block: fp32 again');
  assert.equal(dtype(11, 'linear'), 'float16', 'torch.cuda.amp.autocast(): fp16 by default');
  assert.equal(dtype(13, 'linear'), 'float32', 'enabled=False inside turns autocast off');
  assert.equal(dtype(15, 'linear'), 'float32', 'CPU autocast (other lists) is left as fp32');
  assert.equal(dtype(18, 'linear'), 'float16', 'as a decorator');
  assert.equal(r.coverage.unknownOps, 0);
});

test('autocast casts a leaf parameter once per step and keeps the copy for backward; activations at every use', () => {
  const twice = (x) =>
    'import torch\nimport torch.nn as nn\nlin = nn.Linear(64, 64)\n' +
    `x = torch.randn(8, 64, requires_grad=True)\ny = lin(${x})\nz = lin(y)\n`;
  const r = run(twice('x'), { precision: 'mixed-bf16' });
  // Saved: x's bf16 copy and y (bf16, the second linear's input: no cast) and one bf16 copy of the weight.
  assert.equal(r.memory.savedBytes, 8n * 64n * 2n * 2n + 64n * 64n * 2n);
  // The weights and their gradients stay fp32 (autocast keeps the master copy).
  assert.equal(r.memory.paramBytes, (64n * 64n + 64n) * 4n);
  assert.equal(r.memory.gradientBytes, (64n * 64n + 64n) * 4n);
  assert.match(r.savedTensorsModel, /torch\.autocast with CUDA's op lists/);
});

test('optimizer state follows the parameters dtype: fp32 under autocast, half for .half()/.bfloat16() weights', () => {
  const src = 'import torch\nimport torch.nn as nn\nlin = nn.Linear(64, 64)\ny = lin(torch.randn(8, 64))\n';
  const n = 64n * 64n + 64n;
  assert.equal(run(src, { precision: 'mixed-bf16' }).memory.optimizerBytes, n * 8n, 'Adam: two fp32 moments');
  assert.equal(run(src, { precision: 'bf16' }).memory.optimizerBytes, n * 4n, 'Adam: two bf16 moments');
  assert.equal(run(src, { precision: 'fp32', optimizer: 'momentum' }).memory.optimizerBytes, n * 4n);
});
