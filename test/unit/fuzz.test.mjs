// Robustness: mutated and truncated fixtures never make analyze() throw, and loops end within the step budget.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { core, root } from './core.mjs';
import { mutatePython as mutate, rng } from '../fuzz/mutators.mjs';

const dir = join(root, 'test/fixtures/python');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
sources.push(['examples/gpt.py', readFileSync(join(root, 'examples/gpt.py'), 'utf8')]);

test('truncated fixtures analyze without throwing', () => {
  let runs = 0;
  for (const [name, src] of sources) {
    for (let k = 1; k <= 12; k++) {
      const cut = src.slice(0, Math.floor((src.length * k) / 13));
      const r = core.analyze(cut, { path: `/fuzz/${name}`, maxSteps: 200_000 });
      assert.ok(r && Array.isArray(r.lines), `${name} cut ${k}`);
      runs++;
    }
  }
  assert.ok(runs > 50);
});

test('mutated fixtures analyze without throwing, within the step budget', () => {
  const r = rng(20261128);
  let budgetStops = 0;
  for (let i = 0; i < 300; i++) {
    const [name, src] = sources[i % sources.length];
    const text = mutate(src, r);
    let res;
    assert.doesNotThrow(() => {
      res = core.analyze(text, { path: `/fuzz/${name}`, maxSteps: 100_000 });
    }, `${name} mutation ${i}`);
    assert.ok(res.steps <= 100_001, `steps ${res.steps}`);
    if (res.budgetExceeded) budgetStops++;
  }
  assert.ok(budgetStops >= 0);
});

test('an endless loop ends at the step budget with a diagnostic', () => {
  const r = core.analyze('import torch\nx = torch.randn(2, 3)\nwhile True:\n    x = x + 1\n', {
    path: '/fuzz/loop.py',
    maxSteps: 5000,
  });
  assert.equal(r.budgetExceeded, true);
  assert.ok(r.diagnostics.some((d) => d.code === 'budget'));
  assert.ok(r.totals.flops > 0n, 'work done before the stop is kept');
});

test('unbounded recursion is stopped, not a crash', () => {
  const r = core.analyze('def f(n):\n    return f(n + 1)\nf(0)\n', { path: '/fuzz/rec.py' });
  assert.ok(r.diagnostics.some((d) => /RecursionError/.test(d.message)));
});

test('a while loop with an empty body (`while True:` cut short at the end of the file) ends at the step budget', () => {
  const r = core.analyze('def f():\n    pass\nwhile True:', { path: '/fuzz/w.py', maxSteps: 5000 });
  assert.equal(r.budgetExceeded, true);
});
