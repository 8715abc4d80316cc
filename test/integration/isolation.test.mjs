// Analyses are isolated, in the real analysis process (dist/analysisProcess.js) as the desktop extension runs them: what one
// file patches (torch, nn, builtins, an imported library module) never changes the numbers of the next analysis.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ProcessRunner, startProcess, skipWithoutWorker } from './workerBundle.mjs';
const skip = skipWithoutWorker;

const never = () => false;
const failing = { kind: 'fallback', run: () => Promise.reject(new Error('fallback used')), dispose() {} };
const view = (files) => ({ read: (p) => files.get(p), entries: () => new Map(files) });

/** A two-layer MLP, 784 -> 256 -> 10 with ReLU, at batch 32: 784·256 + 256 + 256·10 + 10 = 203,530 params. */
const mlp = `import torch
import torch.nn as nn
import torch.nn.functional as F

class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        return self.fc2(torch.relu(F.relu(self.fc1(x))))

model = MLP()
y = model(torch.randn(32, 784))
n = len([1, 2, 3])
`;

/** Each patch changes something mlp.py uses; run in its own file, it must not reach mlp.py's next analysis. */
const patches = [
  'import torch.nn as nn\nnn.Linear = nn.Identity\n',
  'import torch\ntorch.relu = torch.sigmoid\n',
  'import torch.nn.functional as F\nF.relu = F.gelu\n',
  'import torch\nsetattr(torch, "relu", torch.exp)\n',
  'import torch.nn as nn\ndel nn.Linear\n',
  'import torch.nn as nn\nnn.Linear.forward = lambda self, x: x\n',
  'import torch.nn as nn\nnn.Linear.__init__ = lambda self, *a: None\n',
  'import torch.nn as nn\nnn.Module.__call__ = lambda self, *a: None\n',
  'import torch\ntorch.Tensor.relu = lambda self: self\n',
  'import builtins\nbuiltins.len = lambda x: 100\n',
  'import torch\ntorch.float32 = torch.float16\n',
  'import torch\ntorch.set_default_dtype(torch.float64)\n',
];

const signature = (r) => ({
  params: r.totals.params,
  flops: r.totals.flops,
  paramBytes: r.memory.paramBytes,
  output: r.lines.find((l) => l.line === 15)?.value,
});

function runner() {
  return new ProcessRunner(
    () => startProcess(),
    failing,
    (e) => {
      throw e;
    },
  );
}

test(
  'a monkeypatch in one analysis never reaches the next (12 patches of torch, nn, F, Tensor, builtins)',
  { skip },
  async () => {
    const r = runner();
    try {
      const files = new Map();
      const run = (path, source) => r.run('python', source, { path }, view(files), never);
      const base = signature(await run('/p/mlp.py', mlp));
      assert.deepEqual(base, { params: 203530n, flops: base.flops, paramBytes: 203530n * 4n, output: '[32, 10]' });
      for (const patch of patches) {
        const patched = signature(await run('/p/patch.py', patch + mlp.replace(/^import .*\n/gm, '')));
        assert.notDeepEqual(patched, base, `the patch takes effect in its own analysis: ${JSON.stringify(patch)}`);
        assert.deepEqual(signature(await run('/p/mlp.py', mlp)), base, `after ${JSON.stringify(patch)}`);
      }
    } finally {
      r.dispose();
    }
  },
);

test(
  'an imported library module patched by one document is intact for the next; its registry survives reuse',
  { skip },
  async () => {
    const r = runner();
    try {
      const files = new Map([
        [
          '/p/lib.py',
          'import torch.nn as nn\nREGISTRY = {}\nNAMES = []\n\ndef register(name):\n    def deco(f):\n        REGISTRY[name] = f\n        NAMES.append(name)\n        return f\n    return deco\n\nclass Block(nn.Module):\n    width = 16\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, self.width)\n    def forward(self, x):\n        return self.fc(x)\n',
        ],
        [
          '/p/models.py',
          'from lib import register, Block\n\n@register("block")\ndef make_block():\n    return Block()\n',
        ],
      ]);
      const user =
        'import torch\nimport lib\nimport models\nm = lib.REGISTRY["block"]()\ny = m(torch.randn(2, 8))\nk = len(lib.NAMES)\n';
      const patch = 'import lib\nlib.Block.width = 99\nlib.NAMES.append("extra")\ndel lib.REGISTRY["block"]\n';
      const run = (path, source) => r.run('python', source, { path }, view(files), never);
      const first = await run('/p/user.py', user);
      assert.equal(first.totals.params, 8n * 16n + 16n);
      assert.equal(first.lines.find((l) => l.line === 5)?.value, '[2, 16]');
      const patched = await run('/p/patch.py', patch);
      assert.deepEqual(
        patched.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      for (let i = 0; i < 3; i++) {
        const again = await run('/p/user.py', user);
        assert.equal(again.totals.params, 144n, 'Block.width is 16 again and the registry still holds "block"');
        assert.equal(again.lines.find((l) => l.line === 5)?.value, '[2, 16]');
      }
    } finally {
      r.dispose();
    }
  },
);

test('two documents analyzed alternately 100 times keep their own numbers', { skip }, async () => {
  const r = runner();
  try {
    const files = new Map();
    const other =
      'import torch\nimport torch.nn as nn\nnn.Conv2d = nn.Identity\ntorch.relu = torch.tanh\nc = nn.Conv2d(3, 8, 3)\ny = torch.relu(c(torch.randn(1, 3, 32, 32)))\n';
    const run = (path, source) => r.run('python', source, { path }, view(files), never);
    const a0 = signature(await run('/p/mlp.py', mlp));
    const b0 = signature(await run('/p/other.py', other));
    for (let i = 0; i < 100; i++) {
      assert.deepEqual(signature(await run('/p/mlp.py', mlp)), a0, `mlp.py, round ${i}`);
      assert.deepEqual(signature(await run('/p/other.py', other)), b0, `other.py, round ${i}`);
    }
  } finally {
    r.dispose();
  }
});
