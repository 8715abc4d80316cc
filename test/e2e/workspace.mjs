// A temporary copy of examples/ (never the repo's own files), plus the fixtures the e2e tests need.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './server.mjs';

/** Used only when the lead's examples/mlp.py is not there yet. */
const fallbackMlp = `# A small MLP: one Linear(784, 256) applied at top level.
import torch
import torch.nn as nn

x = torch.randn(32, 784)
fc1 = nn.Linear(784, 256)
fc2 = nn.Linear(256, 10)
h = torch.relu(fc1(x))
out = fc2(h)
w = torch.randn(784, 256)
y = x @ w
`;

const shapeError = `# A deliberate shape error: Linear(100, 10) applied to [32, 784].
import torch
import torch.nn as nn

x = torch.randn(32, 784)
fc = nn.Linear(100, 10)
y = fc(x)
`;

/** Exercises the lazily loaded TS/JS analyzer bundle in the host (dist/tsjs.js, evaluated in the browser's worker). */
const tfjsModel = `// A tiny TF.js model: Dense(784 -> 256, relu) and Dense(256 -> 10).
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 256, inputShape: [784], activation: 'relu' }));
model.add(tf.layers.dense({ units: 10 }));
const y = model.predict(tf.zeros([32, 784]));
`;

/** An honesty fixture: a made-up library and a loop on its unknown result, so the result is partial. */
const partialModel = `# Partial on purpose: made_up_lib cannot be resolved and the loop bound depends on it.
import torch
import torch.nn as nn
import made_up_lib

fc = nn.Linear(784, 256)
x = torch.randn(32, 784)
h = fc(x)
n = made_up_lib.num_steps()
while n > 0:
    h = fc(x)
    n -= 1
`;

const torchvision = '/usr/lib/python3/dist-packages/torchvision';

/** `torchvision: true` adds torchvision's Python sources (torchvision/models/resnet.py and what it imports), when installed. */
export function makeWorkspace({ torchvision: withTorchvision = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'flopscope-ws-'));
  const examples = join(repoRoot, 'examples');
  if (existsSync(examples)) cpSync(examples, dir, { recursive: true });
  if (!existsSync(join(dir, 'mlp.py'))) writeFileSync(join(dir, 'mlp.py'), fallbackMlp);
  writeFileSync(join(dir, 'shape_error.py'), shapeError);
  writeFileSync(join(dir, 'partial.py'), partialModel);
  if (!existsSync(join(dir, 'tfjs_model.ts'))) writeFileSync(join(dir, 'tfjs_model.ts'), tfjsModel);
  if (withTorchvision && existsSync(torchvision))
    cpSync(torchvision, join(dir, 'torchvision'), {
      recursive: true,
      filter: (src) => !/__pycache__|\.(so|pyc|pyi)$/.test(src),
    });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
