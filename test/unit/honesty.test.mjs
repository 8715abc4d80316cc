// The honesty fixture set (test/fixtures/honesty): made-up calls, unresolved imports, loops on unknowns, half-typed code
// and runaway values each give a partial result with its reasons, and never a shape the engine could not know.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { analyzeFile, core, readFile, root } from './core.mjs';
import { corpusMissing, corpusSitePackages } from '../corpus.mjs';

const dir = join(root, 'test/fixtures/honesty');
function pyFiles(d) {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? pyFiles(p) : p.endsWith('.py') ? [p] : [];
  });
}

/** `# honesty: reasons=a,b` (reason codes the result must give) and `# truth: [shape]` per line (real PyTorch's). */
function expectations(source) {
  const reasons = /^#\s*honesty:\s*reasons=([\w,-]+)/m.exec(source)?.[1].split(',') ?? [];
  const truths = [];
  source.split('\n').forEach((text, i) => {
    const m = /^\s*[^#\s].*#\s*truth:\s*(\[[^\]]*\])/.exec(text);
    if (m) truths.push({ line: i + 1, shape: m[1] });
  });
  return { reasons, truths };
}

for (const file of pyFiles(dir)) {
  test(`honesty ${relative(dir, file)}`, () => {
    const source = readFileSync(file, 'utf8');
    const exp = expectations(source);
    assert.ok(exp.reasons.length > 0, 'each honesty fixture names the reasons it must give');
    const r = analyzeFile(file);
    assert.equal(r.coverage.complete, false, 'the result says it is partial');
    const codes = r.coverage.reasons.map((x) => x.code);
    for (const code of exp.reasons) assert.ok(codes.includes(code), `reason ${code} missing from ${codes.join(', ')}`);
    for (const x of r.coverage.reasons) assert.ok(x.message.length > 0 && (x.line ?? 1) >= 1, JSON.stringify(x));
    // Never a shape it could not know: each line's value is real PyTorch's, or unknown.
    const byLine = new Map(r.lines.map((l) => [l.line, l]));
    for (const t of exp.truths) {
      const value = byLine.get(t.line)?.value;
      assert.ok(
        value === undefined || value === t.shape || value.includes('?'),
        `line ${t.line}: ${value} vs ${t.shape}`,
      );
    }
    // No false shape error follows from an unknown (syntax errors are the half-typed file's own).
    const errors = r.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'syntax');
    assert.deepEqual(
      errors.map((d) => `${d.span.line}: ${d.message}`),
      [],
    );
  });
}

test('scale[:, None] * x with x from an unmodelled op: unknown shape, counted at its line (PyTorch: [2, 33, 65])', () => {
  const r = analyzeFile('test/fixtures/honesty/contagious.py');
  const line = r.lines.find((l) => l.line === 10);
  assert.equal(line.value, '[?]');
  assert.ok(r.coverage.unknown.some((u) => u.line === 10 && u.name.startsWith('mul')));
  assert.ok(
    r.coverage.unknown.some((u) => u.line === 15 && u.name.startsWith('nn.Linear')),
    'a layer on an unknown input',
  );
  assert.ok(r.coverage.unknown.some((u) => u.line === 8 && u.name.includes('made_up_lib.frobnicate')));
});

test('a while loop on an unknown bound warns "loop bound unknown: body not costed" and the result is partial', () => {
  const r = analyzeFile('test/fixtures/honesty/loop_unknown.py');
  const d = r.diagnostics.find((x) => x.code === 'loop-unknown');
  assert.equal(d.span.line, 18);
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /loop bound unknown: body not costed/);
});

test('an unresolvable relative import is a warning naming it, and each use of it is an unknown op', () => {
  const r = analyzeFile('test/fixtures/honesty/alone/vit_like.py');
  const d = r.diagnostics.find((x) => x.code === 'unresolved-import' && x.message.includes("'MLP'"));
  assert.equal(d.span.line, 6);
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /'\.\.ops\.misc'.*'MLP'/);
  const count = (name) => r.coverage.unknown.filter((u) => u.name === name).reduce((n, u) => n + u.count, 0);
  assert.equal(count('MLP (unresolved import)'), 12, 'one per MLP built');
  assert.equal(count('MLP() (unresolved import)'), 12, 'one per MLP called');
});

test('torchvision vision_transformer.py copied alone: vit_b_16() is partial, the warning names ..ops.misc and MLP', (t) => {
  const why = corpusMissing();
  if (why) return t.skip(why);
  const tmp = mkdtempSync(join(tmpdir(), 'flopscope-alone-'));
  try {
    const file = join(tmp, 'vision_transformer.py');
    copyFileSync(join(corpusSitePackages(), 'torchvision/models/vision_transformer.py'), file);
    const r = core.analyze(readFileSync(file, 'utf8'), {
      path: file,
      readFile,
      entry: 'vit_b_16()',
      inputs: [{ shape: '1,3,224,224' }],
    });
    assert.equal(r.coverage.complete, false);
    const d = r.diagnostics.find(
      (x) => x.code === 'unresolved-import' && x.message.includes('..ops.misc') && x.message.includes("'MLP'"),
    );
    assert.ok(d, r.diagnostics.map((x) => x.message).join('\n'));
    assert.match(d.message, /'MLP'/);
    assert.ok(r.coverage.unknown.some((u) => u.name.startsWith('MLP (unresolved import)')));
    // Real: 86.6 M params, 17.6 G MACs; what is shown is a lower bound, never more.
    assert.ok(r.totals.params < 86_567_656n && r.totals.macs < 17_563_828_224n);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('runaway values stop fast with a resource-limit diagnostic at the line that grew them', () => {
  for (const [name, line, what] of [
    ['resource_list.py', 5, /a list of 8,388,608 items/],
    ['resource_repeat.py', 3, /a list of 1,000,000,000,000 items/],
    ['resource_symbolic.py', 11, /symbolic expression/],
    ['resource_copies.py', 7, /lists, tuples and strings of [\d,]+ items in all \(limit 16,777,216 per analysis\)/],
  ]) {
    const r = analyzeFile(`test/fixtures/honesty/${name}`);
    const d = r.diagnostics.find((x) => x.code === 'resource-limit');
    assert.ok(d, name);
    assert.equal(d.span.line, line, name);
    assert.match(d.message, what);
  }
});

test('string and tuple growth are limited too; the exponent of a symbolic power is bounded', () => {
  const cases = [
    ['s = "ab"\nfor _ in range(100):\n    s = s + s\n', /a string of/],
    ['t = (1,) * 10**12\n', /a tuple of/],
    ['l = [1]\nfor _ in range(100):\n    l.extend(l)\n', /a list of/],
    ['l = [1]\nfor _ in range(100):\n    l += l\n', /a list of/],
    ['l = [1]\nfor _ in range(100):\n    l = [*l, *l]\n', /a list of/],
    ['s = "ab"\nfor _ in range(100):\n    s = f"{s}{s}"\n', /a string of/],
    ['s = "ab"\nfor _ in range(100):\n    s = "".join([s, s])\n', /a string of/],
    ['s = "ab"\nfor _ in range(100):\n    s = s.replace("a", s)\n', /a string of/],
  ];
  for (const [src, what] of cases) {
    const r = core.analyze(src, { path: '/tmp/limits.py' });
    const d = r.diagnostics.find((x) => x.code === 'resource-limit');
    assert.ok(d, src);
    assert.match(d.message, what);
    assert.equal(r.coverage.complete, false);
  }
});

test('counts from user values that native code loops over are bounded (fuzz case 1314: an LSTM of 2**40 layers)', () => {
  const cases = [
    ['import torch.nn as nn\nm = nn.LSTM(8, 16, num_layers=2**40)\n', /an nn\.LSTM of 1,099,511,627,776 layers/],
    [
      'import torch.nn as nn\nl = nn.TransformerEncoderLayer(16, 2)\nm = nn.TransformerEncoder(l, num_layers=10**9)\n',
      /an nn\.TransformerEncoder of 1,000,000,000 layers/,
    ],
    ['import torch\nparts = torch.randn(2**40).split(1)\n', /a tuple of 1,099,511,627,776 items/],
    ['x = [0] * 4000000\nfor i in range(100):\n    y = x + [i]\n', /lists, tuples and strings of [\d,]+ items in all/],
  ];
  for (const [src, what] of cases) {
    const r = core.analyze(src, { path: '/tmp/limits.py' });
    const d = r.diagnostics.find((x) => x.code === 'resource-limit');
    assert.ok(d, `${src}: ${JSON.stringify(r.diagnostics.map((x) => x.message))}`);
    assert.match(d.message, what);
    assert.equal(r.coverage.complete, false);
  }
});

test("split with a zero or negative size raises PyTorch 1.13's errors (it looped forever before)", () => {
  const r = core.analyze('import torch\nx = torch.randn(4)\na = x.split(0)\nb = x.split(-1)\nc = x.split(3)\n', {
    path: '/tmp/split.py',
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}: ${d.message}`);
  assert.deepEqual(errors, [
    '3: split_size can only be 0 if dimension size is 0, but got dimension size of 4',
    '4: split expects split_size be non-negative, but got split_size=-1',
  ]);
  assert.equal(r.lines.find((l) => l.line === 5)?.value, '([3], [1])');
});

test('an entry that raises gives the Python-style chain of file:line frames, in the message and as related info', () => {
  const src = `import torch.nn as nn


def check(n):
    if n % 2:
        raise ValueError(f"n must be even, got {n}")
    return n


class Block(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.fc = nn.Linear(check(n), 4)


class Net(nn.Module):
    def __init__(self, n=3):
        super().__init__()
        self.block = Block(n)
`;
  const r = core.analyze(src, { path: '/t/net.py', entry: 'Net()' });
  const d = r.diagnostics.find((x) => x.code === 'bad-entry');
  // Real Python: ValueError: n must be even, got 3, raised in check (line 6) called from Block.__init__ (13), Net.__init__ (19).
  assert.equal(
    d.message,
    [
      "flopscope: the entry 'Net()' raised ValueError: n must be even, got 3",
      'Traceback (most recent call last):',
      '  File "/t/net.py", line 19, in __init__',
      '  File "/t/net.py", line 13, in __init__',
      '  File "/t/net.py", line 6, in check',
    ].join('\n'),
  );
  assert.deepEqual(d.related, [
    { file: '/t/net.py', line: 19, message: 'in __init__' },
    { file: '/t/net.py', line: 13, message: 'in __init__' },
    { file: '/t/net.py', line: 6, message: 'in check' },
  ]);
});

test('a module-level error names its frames down to the raise, across an imported sibling file', () => {
  const files = {
    '/t/pkg/helpers.py': 'def width(n):\n    raise RuntimeError("bad width")\n',
    '/t/pkg/model.py': 'import torch\nfrom helpers import width\n\nw = width(3)\nx = torch.randn(2)\n',
  };
  const r = core.analyze(files['/t/pkg/model.py'], { path: '/t/pkg/model.py', readFile: (p) => files[p] });
  const d = r.diagnostics.find((x) => x.code === 'evaluation-stopped');
  assert.equal(d.span.line, 4);
  assert.match(d.message, /^flopscope: evaluation stopped here: RuntimeError: bad width\nTraceback/);
  assert.deepEqual(
    d.related.map((x) => `${x.file}:${x.line} ${x.message}`),
    ['/t/pkg/model.py:4 in <module>', '/t/pkg/helpers.py:2 in width'],
  );
  assert.equal(r.coverage.complete, false);
});

test('creation ops with negative sizes raise PyTorch 1.13 messages; nn.Linear(-5, -3) has no negative bytes', () => {
  const r = core.analyze('import torch\nimport torch.nn as nn\nx = torch.randn(-1)\nbad = nn.Linear(-5, -3)\n', {
    path: '/t/neg.py',
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}: ${d.message}`);
  assert.deepEqual(errors, [
    '3: Trying to create tensor with negative dimension -1: [-1]',
    '4: Trying to create tensor with negative dimension -3: [-3, -5]',
  ]);
  assert.equal(r.totals.params, 0n);
  assert.equal(r.memory.paramBytes, 0n);
  assert.notEqual(r.lines.find((l) => l.line === 3)?.value, '[-1]');
});

test('an optional dependency behind try/except ImportError takes the fallback, as Python does where it is missing', () => {
  const src = `import torch
import torch.nn as nn

try:
    from apex.normalization import FusedLayerNorm as LayerNorm
except ImportError:
    LayerNorm = nn.LayerNorm

try:
    import made_up_fast_kernels as fk
except (ImportError, OSError):
    fk = None

norm = LayerNorm(64)
x = torch.randn(8, 64)
y = norm(x)
if fk is not None:
    y = fk.fused(y)
`;
  const r = core.analyze(src, { path: '/t/optdep.py' });
  // Real PyTorch without apex: LayerNorm(64) has 128 parameters, y is [8, 64].
  assert.equal(r.totals.params, 128n);
  assert.equal(r.lines.find((l) => l.line === 16)?.value, '[8, 64]');
  assert.equal(r.coverage.complete, true, JSON.stringify(r.coverage.reasons));
});

test('an if/elif on an unknown rank whose else only raises: no exception invented, partial (GPT-J _split_heads)', () => {
  const r = analyzeFile(join(dir, 'undecided_raise.py'));
  const stopped = r.diagnostics.filter((d) => d.code === 'evaluation-stopped').map((d) => d.message.split('\n')[0]);
  assert.deepEqual(stopped, [], 'real PyTorch raises nothing here');
  const branch = r.diagnostics.filter((d) => d.code === 'branch-unknown').map((d) => d.message);
  assert.ok(
    branch.some((m) => m.includes('its else only raises')),
    `the undecided elif is reported: ${JSON.stringify(branch)}`,
  );
  assert.equal(r.coverage.complete, false);
});
