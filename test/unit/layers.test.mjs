// The layer table against real PyTorch: every module in call order with its output shapes, params and MACs (goldens
// written by test/oracle/layer_oracle.py through `node test/oracle/regen.mjs --layers`).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeFile, inputs, root } from './core.mjs';

const { cases } = JSON.parse(readFileSync(join(root, 'test/oracle/cases.json'), 'utf8'));
const names = JSON.parse(readFileSync(join(root, 'test/oracle/layerCases.json'), 'utf8')).cases;

function analyzeCase(c) {
  return analyzeFile(c.file, {
    entry: c.entry,
    inputs: inputs(c.inputs.map((s) => s.split(':').slice(0, 2).join(':'))),
  });
}

for (const c of cases.filter((x) => names.includes(x.name))) {
  const golden = join(root, 'test/oracle/golden/layers', `${c.name}.json`);
  const skip = !existsSync(c.file.startsWith('/') ? c.file : join(root, c.file)) && `no ${c.file}`;
  test(`layer table of ${c.name} (${c.entry}) equals PyTorch's hooks, row by row`, { skip }, () => {
    const g = JSON.parse(readFileSync(golden, 'utf8'));
    const r = analyzeCase(c);
    const rows = r.layers.map((l) => ({
      path: l.path,
      type: l.type,
      depth: l.depth,
      calls: l.calls,
      outputShapes: l.outputDims,
      params: Number(l.params),
      macs: Number(l.inclusive.macs),
    }));
    const want = g.layers.map((l) => ({ ...l, outputShapes: l.outputShapes.slice(0, 8) }));
    assert.deepEqual(rows, want);
    r.layers.forEach((l, i) => assert.equal(l.shapeCount, g.layers[i].outputShapes.length, `${l.path} shapes`));
    // Each parameter at its first path: own params sum to the model's.
    assert.equal(
      r.layers.reduce((s, l) => s + l.ownParams, 0n),
      BigInt(g.params),
    );
  });
}

test(
  "ResNet-50's depth-1 rows: layer1…fc with their output shapes, params summing to 25,557,032",
  { skip: !existsSync('/usr/lib/python3/dist-packages/torchvision/models/resnet.py') && 'no torchvision sources' },
  () => {
    const r = analyzeCase(cases.find((c) => c.name === 'resnet50'));
    const top = r.layers.filter((l) => l.depth === 1);
    assert.deepEqual(
      top.map((l) => `${l.path} ${l.outputShapes.join(' ')}`),
      [
        'conv1 [1, 64, 112, 112]',
        'bn1 [1, 64, 112, 112]',
        'relu [1, 64, 112, 112]',
        'maxpool [1, 64, 56, 56]',
        'layer1 [1, 256, 56, 56]',
        'layer2 [1, 512, 28, 28]',
        'layer3 [1, 1024, 14, 14]',
        'layer4 [1, 2048, 7, 7]',
        'avgpool [1, 2048, 1, 1]',
        'fc [1, 1000]',
      ],
    );
    assert.equal(
      top.reduce((s, l) => s + l.params, 0n),
      25557032n,
    );
    const relu = r.layers.find((l) => l.path === 'layer1.0.relu');
    assert.deepEqual(
      [relu.calls, relu.outputShapes],
      [3, ['[1, 64, 56, 56]', '[1, 256, 56, 56]']],
      'one ReLU, 3 calls',
    );
    const fc = top.at(-1);
    assert.equal(fc.type, 'Linear');
    assert.ok(fc.line && fc.callLine && fc.line < fc.callLine, 'built in __init__, called in _forward_impl');
    assert.ok(Math.abs(top.reduce((s, l) => s + l.flopShare, 0) - 1) < 1e-4, 'FLOP shares of the top rows sum to 1');
  },
);

test('a tied weight is owned once: lm_head names the embedding it shares', () => {
  const r = analyzeCase(cases.find((c) => c.name === 'fixture_gpt_decoder'));
  const head = r.layers.find((l) => l.path === 'lm_head');
  assert.equal(head.tiedWith, 'transformer.wte.weight');
  assert.equal(head.ownParams, 0n);
  const list = r.layers.find((l) => l.path === 'transformer.h');
  assert.equal(list.calls, 0);
  assert.ok(list.inclusive.macs > 0n, 'a ModuleList shows the sum of its children');
});
