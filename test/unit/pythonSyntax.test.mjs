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

test("call arguments out of Python's order are a syntax error at the argument, as CPython 3.11 says (fuzz case 1314)", () => {
  // CPython: f(a=1, 2), f(**k, 2), f(**k, *a) do not compile; f(a=1, *a), f(*a, b=1, **k), f(*a, 2), f(**k, b=1) do.
  const bad = [
    ['m = nn.Linear(in_features=4, 8)', 'positional argument follows keyword argument', '8'],
    ['m = nn.Linear(**{"in_features": 4}, 8)', 'positional argument follows keyword argument unpacking', '8'],
    [
      'm = nn.Linear(**{"in_features": 4}, *[8])',
      'iterable argument unpacking follows keyword argument unpacking',
      '*[8]',
    ],
  ];
  for (const [line, message, at] of bad) {
    const src = `${line}\nn2 = nn.Linear(4, 8)\n`;
    const r = run(src);
    const errors = syntax(r);
    assert.equal(errors.length, 1, `${line}: ${JSON.stringify(errors)}`);
    assert.match(errors[0].message, new RegExp(message.replace(/[()]/g, '\\$&')));
    assert.equal(errors[0].span.line, 3);
    assert.equal((header + src).slice(errors[0].span.start, errors[0].span.end), at);
    assert.equal(params(r, 2), 40n, 'the next statement still counts');
  }
  const good = 'a = [8]\nk = {"bias": True}\nm = nn.Linear(4, *a)\nm2 = nn.Linear(*[4, 8], device=None, **k)\n';
  const r = run(good);
  assert.deepEqual(syntax(r), []);
  assert.equal(r.totals.params, 80n);
});

test('an assignment expression as a call argument is positional and binds its name (transformers: isinstance(p := ..., T))', () => {
  // PyTorch 1.13 on the same code: 40 + 18 = 58 parameters, the branch taken.
  const r = run('if isinstance(m := nn.Linear(4, 8), nn.Module):\n    n = nn.Linear(8, 2)\nk = m\n');
  assert.deepEqual(syntax(r), []);
  assert.equal(r.totals.params, 58n);
});
