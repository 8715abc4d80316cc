// PyTorch's extension points as eager PyTorch runs them: torch.library custom ops call their Python function,
// torch.autograd.Function.apply runs the static forward (its hand-written backward is an unknown op when grad is on).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from './core.mjs';

// torch.library.custom_op is PyTorch 2.4+ (absent from the torch 1.13 oracle): in eager mode calling torch.ops.NS.NAME
// runs the decorated Python function; register_fake's function is for compilers (FakeTensor), not called eagerly.
const customOpSource = `import torch

@torch.library.custom_op("demo::proj", mutates_args=())
def proj(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return x @ w

@torch.library.register_fake("demo::proj")
def _(x, w):
    return torch.empty(x.size(0), w.size(1))

def plain(x, w):
    return torch.mm(x, w)

torch.library.custom_op("demo::plain", plain, mutates_args=())
a = torch.ops.demo.proj(torch.randn(8, 16), torch.randn(16, 4))
b = torch.ops.demo.plain(torch.randn(8, 16), torch.randn(16, 4))
`;

test('torch.library.custom_op: torch.ops.NS.NAME runs the Python function (decorator and call forms)', () => {
  const r = core.analyze(customOpSource, { convention: 'macs' });
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity !== 'hint').map((d) => d.message),
    [],
  );
  for (const line of [15, 16]) {
    const l = r.lines.find((x) => x.line === line);
    assert.equal(l?.value, '[8, 4]', `line ${line}`);
    assert.equal(l?.inclusive.macs, 512n, `line ${line}: 8·16·4 MACs`);
  }
  assert.equal(r.coverage.complete, true, JSON.stringify(r.coverage.reasons));
});

test('a custom op registered by one analysis is gone in the next (torch.ops is shared, writes are journaled)', () => {
  const engine = new core.Engine();
  core.analyze(customOpSource, { convention: 'macs' }, engine);
  const r = core.analyze(
    'import torch\nb = torch.ops.demo.plain(torch.randn(8, 16), torch.randn(16, 4))\n',
    {},
    engine,
  );
  assert.equal(r.coverage.complete, false, 'torch.ops.demo does not exist in this analysis');
  assert.notEqual(r.lines.find((x) => x.line === 2)?.value, '[8, 4]');
});

const functionSource = `import torch
import torch.nn as nn


class GeLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 0.5 * (1.0 + torch.tanh(0.79788456 * x * (1 + 0.044715 * x * x)))

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * x


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 32)

    def forward(self, x):
        return GeLU.apply(self.fc(x))


y = Block()(torch.randn(4, 16))
with torch.no_grad():
    z = Block()(torch.randn(4, 16))
`;

test('autograd.Function: forward costed; its custom backward an unknown op only where autograd would run it', () => {
  const r = core.analyze(functionSource, { convention: 'macs' });
  const line = (n) => r.lines.find((l) => l.line === n);
  assert.equal(line(26)?.value, '[4, 32]');
  assert.equal(line(26)?.inclusive.macs, 2048n, 'the Linear: 4·16·32');
  assert.equal(line(28)?.value, '[4, 32]');
  const backward = r.coverage.unknown.filter((u) => u.name.startsWith('GeLU.backward'));
  assert.deepEqual(
    backward.map((u) => [u.line, u.count]),
    [[23, 1]],
    'once, at the apply line: the call on line 26 runs with grad (the weight requires it), line 28 under no_grad',
  );
  assert.equal(r.coverage.complete, false);
});
