// Contracts stated once: the settings in package.json list exactly the conventions, precisions and optimizers the core
// defines (with the core's own descriptions of each convention), so a typo or a new value cannot drift between them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { core, root } from './core.mjs';

const settings = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).contributes.configuration.properties;

test('package.json settings list the core’s conventions, precisions and optimizers', () => {
  assert.deepEqual(settings['flopscope.analysis.convention'].enum, [...core.conventions]);
  assert.deepEqual(
    settings['flopscope.analysis.convention'].enumDescriptions,
    core.conventions.map((c) => core.conventionRules[c].description),
  );
  assert.deepEqual(settings['flopscope.analysis.precision'].enum, [...core.precisions]);
  assert.deepEqual([...settings['flopscope.analysis.optimizer'].enum].sort(), [...core.optimizers].sort());
  assert.equal(settings['flopscope.analysis.convention'].default, core.defaultOptions.convention);
  assert.equal(settings['flopscope.analysis.precision'].default, core.defaultOptions.precision);
  assert.equal(settings['flopscope.analysis.optimizer'].default, core.defaultOptions.optimizer);
});

test('each convention counts by its stated rule', () => {
  const src = 'import torch\nimport torch.nn as nn\nfc = nn.Linear(64, 32)\ny = torch.relu(fc(torch.randn(8, 64)))\n';
  const macs = 8n * 64n * 32n;
  for (const c of core.conventions) {
    const r = core.analyze(src, { convention: c });
    const rule = core.conventionRules[c];
    assert.equal(r.totals.macs, macs);
    const elementwise = rule.elementwise ? 8n * 32n * 2n : 0n; // bias add and ReLU, one FLOP per output element each
    assert.equal(r.totals.flops, BigInt(rule.perMac) * macs + elementwise, c);
  }
});
