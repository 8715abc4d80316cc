// Python syntax the parser must accept (CPython 3.11 does), with the figures real PyTorch 1.13 gives for each snippet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from './core.mjs';

const header = 'import torch\nimport torch.nn as nn\n';
const run = (src) => core.analyze(header + src, { path: '/t/syntax.py' });
const syntax = (r) => r.diagnostics.filter((d) => d.code === 'syntax');
const params = (r, line) => r.lines.find((l) => l.line === line + 2)?.params;

test('floats with a trailing dot: nn.Linear(int(8 * 4.), 4) has 132 parameters (PyTorch: 132)', () => {
  const r = run('m = nn.Linear(int(8 * 4.), 4)\nratio = 1.e-3 + 0. + 4.\n');
  assert.deepEqual(syntax(r), []);
  assert.equal(params(r, 1), 132n);
  assert.equal(r.totals.params, 132n);
});

test('a bare `yield` statement (contextlib-style helper) parses; the model after it counts (PyTorch: 132)', () => {
  const r = run(
    'from contextlib import contextmanager\n@contextmanager\ndef ctx():\n    yield\nwith ctx():\n    m = nn.Linear(32, 4)\n',
  );
  assert.deepEqual(syntax(r), []);
  assert.equal(r.totals.params, 132n);
});

test('star targets in comprehensions: `for n, *_ in entries` (PyTorch: nn.Linear(24, 4) has 100 parameters)', () => {
  const r = run(
    'entries = [(8, 1, 2), (16, 3, 4)]\nnames = tuple(n for n, *_ in entries)\nm = nn.Linear(sum(names), 4)\n',
  );
  assert.deepEqual(syntax(r), []);
  assert.equal(r.totals.params, 100n);
});

test('parenthesized context managers with `as` targets (PyTorch: 132)', () => {
  const r = run('with (torch.no_grad(), torch.enable_grad() as g):\n    m = nn.Linear(32, 4)\n');
  assert.deepEqual(syntax(r), []);
  assert.equal(r.totals.params, 132n);
  const t = run('with (\n    torch.no_grad() as a,\n    torch.no_grad() as (b, c),\n):\n    m = nn.Linear(32, 4)\n');
  assert.deepEqual(syntax(t), []);
  assert.equal(t.totals.params, 132n);
});
