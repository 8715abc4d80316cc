// The interpreter's Python semantics and torch rules on small snippets (expected values from PyTorch's documented behaviour).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from './core.mjs';

const run = (src, opts = {}) => core.analyze(src, { path: '/t/snippet.py', ...opts });
const line = (r, n) => r.lines.find((l) => l.line === n);
const header = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';

test('top-level concrete tensors: matmul shape, MACs and the seed FLOPs with bias', () => {
  const r = run(header + 'x = torch.randn(32, 784)\nfc = nn.Linear(784, 256)\ny = fc(x)\n');
  const l = line(r, 6);
  assert.equal(l.value, '[32, 256]');
  assert.equal(l.macs, 6422528n);
  assert.equal(l.flops, 2n * 6422528n + 32n * 256n);
  assert.equal(l.formula, '2·32·784·256 + 1·32·256'.replace('1·', ''));
  assert.equal(line(r, 5).params, 784n * 256n + 256n);
});

test('classes, loops, comprehensions, dataclass config and nn.Sequential(*layers)', () => {
  const r = run(
    header +
      `from dataclasses import dataclass
@dataclass
class Cfg:
    widths: tuple = (8, 16)
    classes: int = 3
class Net(nn.Module):
    def __init__(self, cfg=Cfg()):
        super().__init__()
        layers = []
        cin = 1
        for w in cfg.widths:
            layers += [nn.Conv2d(cin, w, 3, padding=1), nn.ReLU()]
            cin = w
        self.body = nn.Sequential(*layers)
        self.heads = nn.ModuleList([nn.Linear(cin, cfg.classes) for _ in range(2)])
    def forward(self, x):
        x = self.body(x).mean(dim=(2, 3))
        return [h(x) for h in self.heads]
if __name__ == "__main__":
    out = Net()(torch.randn(2, 1, 10, 10))
`,
  );
  assert.equal(r.totals.params, BigInt(8 * 1 * 9 + 8 + 16 * 8 * 9 + 16 + 2 * (16 * 3 + 3)));
  assert.equal(r.totals.macs, BigInt(2 * 8 * 100 * 9 + 2 * 16 * 100 * 8 * 9 + 2 * 2 * 16 * 3));
  assert.equal(r.coverage.unknownOps, 0);
});

test('symbolic dims stay symbols and costs evaluate at the dim values', () => {
  const src =
    header +
    '# flopscope: input x: [B, T, 64]\n# flopscope: dim B=4\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(64, 128)\n    def forward(self, x):\n        return self.fc(x)\n';
  const r = run(src, { dims: { T: 10 } });
  assert.equal(r.output.shape, '[B, T, 128]');
  assert.equal(r.totals.macs, 4n * 10n * 64n * 128n);
  const l = r.lines.find((x) => x.macs > 0n);
  assert.equal(l.ops[0].symbolicFormula, '2·B·T·64·128 + B·T·128');
  assert.deepEqual(r.dims, { B: 4, T: 10 });
});

test('weight tying counts the shared parameter once', () => {
  const r = run(
    header +
      'class LM(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.emb = nn.Embedding(100, 16)\n        self.head = nn.Linear(16, 100, bias=False)\n        self.emb.weight = self.head.weight\n    def forward(self, idx):\n        return self.head(self.emb(idx))\nm = LM()\ny = m(torch.randint(0, 100, (2, 5)))\n',
  );
  assert.equal(r.totals.params, 1600n);
});

test('an unknown op is counted as unknown, never as zero', () => {
  const r = run(header + 'import mystery\nx = torch.randn(4, 4)\ny = mystery.op(x)\nz = x @ x\n');
  assert.equal(r.coverage.unknownOps, 1);
  assert.equal(r.coverage.unknown[0].line, 6);
  assert.equal(r.totals.macs, 64n);
});

test('unknown decorators leave the function as it was; try takes the try path', () => {
  const r = run(
    header +
      'from somewhere import deco\n@deco(1)\ndef f(x):\n    return x @ x\ntry:\n    y = f(torch.randn(3, 3))\nexcept Exception:\n    y = None\n',
  );
  assert.equal(line(r, 9).value, '[3, 3]');
});

test('enum, functools.partial, closures, lambdas, f-strings, slicing and unpacking', () => {
  const r = run(
    header +
      `from enum import Enum
from functools import partial
class Size(Enum):
    SMALL = 8
    BIG = 16
def make(width, depth=2):
    scale = lambda v: v * 2
    def inner():
        return [nn.Linear(scale(width), scale(width)) for _ in range(depth)]
    return inner
layers = make(Size.BIG.value, depth=3)()
name = f"{len(layers)} layers"
a, *rest = layers[::2]
lin = partial(nn.Linear, bias=False)(4, 4)
x = torch.randn(5, 32)
y = rest[0](x)
`,
  );
  assert.equal(line(r, 19).value, '[5, 32]');
  assert.equal(line(r, 19).macs, 5n * 32n * 32n);
});

test('sibling imports resolve through the injected reader', () => {
  const files = {
    '/p/blocks.py':
      'import torch.nn as nn\nclass Block(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n        self.fc = nn.Linear(d, d)\n    def forward(self, x):\n        return self.fc(x)\n',
  };
  const r = core.analyze(
    'import torch\nfrom .blocks import Block\nfrom blocks import Block as B2\nb = Block(8)\ny = b(torch.randn(2, 8))\n',
    { path: '/p/model.py', readFile: (p) => files[p] },
  );
  assert.equal(r.totals.macs, 128n);
  assert.equal(r.totals.params, 72n);
});

test('conventions: MACs only and 2×MAC matmul-only', () => {
  const src = header + 'x = torch.randn(8, 16)\ny = F.relu(nn.Linear(16, 4)(x))\n';
  assert.equal(run(src, { convention: 'macs' }).totals.flops, 8n * 16n * 4n);
  assert.equal(run(src, { convention: 'matmul2x' }).totals.flops, 2n * 8n * 16n * 4n);
  assert.equal(run(src).totals.flops, 2n * 8n * 16n * 4n + 8n * 4n + 8n * 4n);
});

test('precision: fp16 halves activation bytes; mixed (autocast) keeps fp32 weights and saves a half weight copy', () => {
  const src = header + 'x = torch.randn(8, 16, requires_grad=True)\ny = nn.Linear(16, 4)(x)\n';
  const fp32 = run(src),
    fp16 = run(src, { precision: 'fp16' }),
    mixed = run(src, { precision: 'mixed' });
  assert.equal(fp16.memory.activationBytes * 2n, fp32.memory.activationBytes);
  assert.equal(fp16.memory.paramBytes, 68n * 2n);
  assert.equal(mixed.memory.paramBytes, 68n * 4n, 'autocast: the weights stay fp32 (they are the master copy)');
  assert.equal(mixed.memory.masterWeightBytes, 0n);
  // Linear saves its input (fp16) and, since the input requires grad, the fp16 cast of its weight.
  assert.equal(mixed.memory.savedBytes, 8n * 16n * 2n + 64n * 2n);
  assert.equal(fp32.memory.savedBytes, 8n * 16n * 4n, 'the fp32 weight is a parameter: not counted as saved');
});

test('mixed precision (autocast): a 1000x1000 Linear keeps fp32 weights (same policy as TF.js, see tsjs.test.mjs)', () => {
  const py = run(header + 'y = nn.Linear(1000, 1000)(torch.randn(1, 1000))\n', { precision: 'mixed' });
  assert.equal(py.memory.paramBytes, 4004000n);
});

test('switching precision and back keeps modules recognized (each precision has its own world)', () => {
  const src =
    header +
    'class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n    def forward(self, x):\n        return self.fc(x)\ny = M()(torch.randn(8, 16))\n';
  for (const precision of ['fp32', 'fp16', 'bf16', 'fp32', 'mixed', 'fp32']) {
    const r = run(src, { precision });
    assert.equal(r.totals.params, 68n, precision);
    assert.equal(r.modules[0]?.type, 'M', precision);
  }
});

test('totals beyond 2^53 stay exact', () => {
  const r = run(header + 'x = torch.randn(1048576, 1048576)\ny = x @ torch.randn(1048576, 1048576)\n');
  assert.equal(r.totals.macs, 1048576n ** 3n);
  assert.ok(r.totals.macs > BigInt(Number.MAX_SAFE_INTEGER));
});

test('sums of safe per-op costs that cross 2^53 stay exact (lines, totals, every convention)', () => {
  // Each matmul is 2^48 MACs (a safe number); 64 of them on one line sum to 2^54; both operands need gradients.
  const src = header + 'a = torch.randn(65536, 65536, requires_grad=True)\nfor _ in range(64):\n    b = a @ a\n';
  const macs = 64n * 2n ** 48n;
  const r = run(src);
  assert.equal(r.totals.macs, macs);
  assert.equal(r.totals.flops, 2n * macs);
  // a is used 128 times (twice per product): autograd sums its 128 gradients with 127 adds of 65536² elements.
  assert.equal(r.totals.backwardFlops, 4n * macs + 127n * 65536n * 65536n);
  assert.equal(r.backwardKernels.add, 127n * 65536n * 65536n);
  assert.equal(line(r, 6).macs, macs);
  assert.equal(line(r, 6).calls, 64);
  assert.equal(line(r, 6).activationBytes, 64n * 65536n * 65536n * 4n);
  assert.equal(run(src, { convention: 'macs' }).totals.flops, macs);
  assert.equal(run(src, { convention: 'matmul2x' }).totals.backwardFlops, 4n * macs);
});

test('a tied weight and a module held twice count once, in totals and in the module tree', () => {
  const r = run(
    header +
      `
class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 4)
        block = nn.Linear(4, 4)
        self.a = block
        self.b = block
        self.head = nn.Linear(4, 10, bias=False)
        self.head.weight = self.emb.weight

    def forward(self, x):
        return self.head(self.b(self.a(self.emb(x))))

model = Tied()
y = model(torch.randint(0, 10, (2, 3)))
`,
  );
  const params = 10n * 4n + (4n * 4n + 4n);
  assert.equal(r.totals.params, params);
  const root = r.modules[0];
  assert.equal(root.params, params);
  assert.deepEqual(
    root.children.map((c) => [c.name, c.params]),
    [
      ['emb', 40n],
      ['a', 20n],
      ['head', 40n],
    ],
  );
  assert.equal(line(r, 18).valueParams, params);
});

test('syntax errors are reported and the rest of the file still analyzes', () => {
  const r = run(header + 'x = torch.randn(4, 8)\ny = (x @\nz = x @ torch.randn(8, 2)\n');
  assert.ok(r.diagnostics.some((d) => d.code === 'syntax'));
  assert.ok(r.totals.macs >= 64n);
});

test('einops rearrange / repeat / reduce and the Rearrange layer (ViT patch embedding)', () => {
  const r = run(
    header +
      `from einops import rearrange, repeat, reduce
from einops.layers.torch import Rearrange
to_patches = nn.Sequential(Rearrange("b c (h p1) (w p2) -> b (h w) (p1 p2 c)", p1=16, p2=16), nn.Linear(768, 192))
x = to_patches(torch.randn(2, 3, 224, 224))
cls = repeat(torch.randn(1, 1, 192), "1 1 d -> b 1 d", b=2)
pooled = reduce(x, "b n d -> b d", "mean")
heads = rearrange(x, "b n (h d) -> b h n d", h=3)
bad = rearrange(x, "b n d -> b d")
`,
  );
  assert.equal(line(r, 7).value, '[2, 196, 192]');
  assert.equal(line(r, 7).macs, 2n * 196n * 768n * 192n);
  assert.equal(line(r, 8).value, '[2, 1, 192]');
  assert.equal(line(r, 9).value, '[2, 192]');
  assert.equal(line(r, 9).flops, 2n * 196n * 192n);
  assert.equal(line(r, 10).value, '[2, 3, 196, 64]');
  assert.ok(
    r.diagnostics.some(
      (d) => d.span.line === 11 && d.severity === 'error' && /missing on the right side/.test(d.message),
    ),
  );
});

test('einops pack / unpack / einsum and EinMix (figures from einops 0.8.2 on torch 1.13: 144 params, 888 MACs)', () => {
  const r = run(
    header +
      `from einops import pack, unpack, einsum
from einops.layers.torch import EinMix
p, ps = pack([torch.randn(2, 3, 5), torch.randn(2, 5), torch.randn(2, 4, 4, 5)], "b * d")
n = torch.zeros(len(ps), len(ps[1]), len(ps[2]), ps[2][1])
xs = unpack(p, ps, "b * d")
e = einsum(torch.randn(2, 3, 4), torch.randn(2, 5, 4), "batch i dim, batch j dim -> batch i j")
m = EinMix("b t c -> b t c_out", weight_shape="c c_out", bias_shape="c_out", c=8, c_out=16)
y = m(torch.randn(2, 3, 8))
`,
  );
  assert.equal(line(r, 6).shapes.at(-1), '[2, 20, 5]');
  assert.equal(line(r, 7).value, '[3, 0, 2, 4]');
  assert.equal(line(r, 8).value, '([2, 3, 5], [2, 5], [2, 4, 4, 5])');
  assert.equal(line(r, 9).value, '[2, 3, 5]');
  assert.equal(line(r, 9).macs, 120n);
  assert.equal(line(r, 10).valueParams, 144n);
  assert.equal(line(r, 11).value, '[2, 3, 16]');
  assert.equal(r.totals.macs, 888n);
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('assert and torch._assert raise when the condition is known false (Python without -O); unknown ones pass', () => {
  const r = run(
    header +
      'import unknown_lib\nx = torch.zeros(3)\nassert x.shape[0] == 3\nassert unknown_lib.ok, "maybe"\ntorch._assert(x.shape[0] == 3, "fine")\ny = torch.zeros(2)\nassert x.shape[0] == 4, f"bad {x.shape[0]}"\nz = torch.zeros(5)\n',
  );
  assert.equal(line(r, 9).value, '[2]');
  const stop = r.diagnostics.find((d) => d.code === 'evaluation-stopped');
  assert.equal(stop?.span.line, 10, JSON.stringify(r.diagnostics));
  assert.match(stop.message, /AssertionError: bad 3/);
  assert.equal(line(r, 11), undefined);
});

test('list += and *= change the list in place, as every alias sees in Python', () => {
  const r = run(
    header +
      'layers = [1]\nalias = layers\nlayers += (2, 3)\nx = torch.zeros(len(alias), 4)\nrow = [0]\nsame = row\nrow *= 3\ny = torch.zeros(len(same), 5)\nfresh = [1] + [2]\n',
  );
  assert.equal(line(r, 7).value, '[3, 4]');
  assert.equal(line(r, 11).value, '[3, 5]');
});

test("multinomial: PyTorch 1.13's errors for a 3-D input and for too many samples without replacement", () => {
  const r = run(
    header +
      'a = torch.multinomial(torch.rand(2, 3, 4), 1)\nb = torch.multinomial(torch.rand(2, 3), 5)\nc = torch.rand(2, 3).multinomial(5, replacement=True)\n',
  );
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.span.line, d.message]);
  assert.deepEqual(errors, [
    [4, 'prob_dist must be 1 or 2 dim'],
    [5, 'cannot sample n_sample > prob_dist.size(-1) samples without replacement'],
  ]);
  assert.equal(line(r, 6).value, '[2, 5]');
});

test("complex views: PyTorch 1.13's errors; a complex product costs 6 real FLOPs per element", () => {
  const r = run(
    header +
      'a = torch.view_as_complex(torch.rand(3, 4))\nb = torch.view_as_real(torch.rand(3))\nc = torch.view_as_complex(torch.ones(3, 2, dtype=torch.long))\nz = torch.polar(torch.ones(5), torch.zeros(5))\nw = z * z\n',
  );
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.span.line, d.message]);
  assert.deepEqual(errors, [
    [4, 'Tensor must have a last dimension of size 2'],
    [5, 'view_as_real is only supported for complex tensors'],
    [6, 'view_as_complex is only supported for half, float and double tensors, but got a tensor of scalar type: Long'],
  ]);
  assert.equal(line(r, 8).flops, 30n);
});

test("gather / index_select / scatter_add: shapes and PyTorch 1.13's errors", () => {
  const r = run(
    header +
      'x = torch.rand(2, 3, 4)\na = torch.gather(x, 1, torch.zeros(2, 3, dtype=torch.long))\nb = torch.index_select(x, 1, torch.zeros(2, 2, dtype=torch.long))\nc = torch.gather(x, 1, torch.zeros(2, 3, 4))\nd = torch.index_select(x, 1, torch.zeros(5, dtype=torch.long))\ne = x.scatter_add(2, torch.zeros(2, 3, 2, dtype=torch.long), torch.ones(2, 3, 2))\n',
  );
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.span.line, d.message]);
  assert.deepEqual(errors, [
    [5, 'Index tensor must have the same number of dimensions as input tensor'],
    [6, 'index_select(): Index is supposed to be a vector'],
    [7, 'gather(): Expected dtype int64 for index'],
  ]);
  assert.equal(line(r, 8).value, '[2, 5, 4]');
  assert.equal(line(r, 9).value, '[2, 3, 4]');
  assert.equal(line(r, 9).flops, 12n, 'scatter_add: one add per index element');
});

test('SyncBatchNorm holds and costs what BatchNorm does (PyTorch runs it only on GPUs)', () => {
  const src = (bn) => header + `m = nn.Sequential(nn.Conv2d(3, 8, 3), ${bn}(8))\ny = m(torch.randn(2, 3, 10, 10))\n`;
  const sync = run(src('nn.SyncBatchNorm')),
    plain = run(src('nn.BatchNorm2d'));
  for (const k of ['params', 'buffers', 'macs', 'flops', 'backwardFlops'])
    assert.equal(sync.totals[k], plain.totals[k], k);
  assert.equal(sync.totals.buffers, 17n);
});

test('global and nonlocal rebind the outer names', () => {
  const r = run(
    header +
      `width = 4
def widen():
    global width
    width = 8
def counter():
    n = 1
    def bump():
        nonlocal n
        n = n * 2
    bump()
    return n
widen()
y = torch.randn(3, width * counter())
`,
  );
  assert.equal(line(r, 16).value, '[3, 16]');
});

test('property setters (`@x.setter`, as HF configs use) run on assignment, also through an annotated assignment', () => {
  const src =
    header +
    [
      'class C:',
      '    def __init__(self):',
      '        self.impl: str = "sdpa"',
      '    @property',
      '    def impl(self):',
      '        return self._impl',
      '    @impl.setter',
      '    def impl(self, v):',
      '        self._impl = v * 2',
      'c = C()',
      'n = len(c.impl)',
      'y = torch.zeros(n)',
    ].join('\n') +
    '\n';
  const r = run(src);
  assert.equal(line(r, 15).value, '[8]', JSON.stringify(r.diagnostics.map((d) => d.message)));
});

test('.contiguous() of a contiguous tensor is the tensor itself (no copy); of a transposed one, a copy', () => {
  const src =
    header +
    [
      'x = torch.randn(4, 8, requires_grad=True)',
      'w = nn.Parameter(torch.randn(8, 4))',
      'h = torch.relu(x)',
      'a = h.contiguous()',
      'b = h.t().contiguous()',
      'y = a @ w',
      'z = b @ w.t()',
    ].join('\n') +
    '\n';
  // torch 1.13's saved_tensors_hooks, parameters excluded: h (relu's result, which `a @ w` saves again: a is h) and
  // b (a copy): 256 B.
  assert.equal(run(src).memory.savedBytes, 256n);
});

test('backward element-wise kernels: a residual fork adds the two gradients (torch 1.13 dispatch counts)', () => {
  const src =
    header + 'x = torch.randn(4, 8, requires_grad=True)\nfc = nn.Linear(8, 8)\nh = fc(x)\ny = h + torch.relu(h)\n';
  const r = run(src);
  // Real PyTorch over y.sum().backward(): mm 512 MACs; threshold_backward 32, add 32, the bias sum over 32.
  assert.equal(r.totals.backwardMacs, 512n);
  assert.deepEqual(r.backwardKernels, { add: 32n, sum: 32n, threshold_backward: 32n });
  assert.equal(r.totals.backwardElements, 96n);
  // FLOPs at the per-kernel rates (1 each here), the add charged to the op that used h again
  assert.equal(r.totals.backwardFlops, 2n * 512n + 96n);
});
