// Plain-Node checks of the sidebar's Layers view: rows from a real analysis, what each depth and fold shows, labels.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { importTs } from './bundleTs.mjs';
import { analyzeFile, inputs } from '../unit/core.mjs';

let v;
let dispose;

before(async () => {
  ({ module: v, dispose } = await importTs(
    "export * from './protocol/layerView'; export * from './protocol/viewModel'; export { visibleLayers } from './webview/layers';",
    'layers',
  ));
});
after(() => dispose());

const gpt = () =>
  analyzeFile('test/fixtures/python/gpt_decoder.py', {
    entry: 'GPT(GPTConfig())',
    inputs: inputs(['4,32:int64', '4,32:int64']),
  });

test('Layers rows: names, shapes, calls, containers with their children summed, tied weights', () => {
  const rows = v.layerRows(gpt());
  const by = (path) => rows.find((r) => r.path === path);
  assert.equal(rows[0].name, 'GPT');
  assert.equal(rows[0].shape, '[4, 32, 512]');
  assert.equal(by('transformer.h').calls, 'not called');
  assert.equal(by('transformer.h').paramsText, '3.16 M', 'a ModuleList shows the sum of its children');
  assert.notEqual(by('transformer.h').flopsText, '0 FLOPs');
  assert.equal(by('transformer.h').hasChildren, true);
  assert.equal(by('lm_head').tiedWith, 'transformer.wte.weight');
  assert.ok(by('lm_head').line > 0 && by('lm_head').callLine > by('lm_head').line);
  // Each call of one module with its own shapes: `×N calls, K shapes` (the same Block runs once per layer here).
  assert.equal(by('transformer.h.0.attn.c_attn').calls, '');
});

test('the depth control and the folds decide which rows show', () => {
  const rows = v.layerRows(gpt());
  const paths = (s) => v.visibleLayers(rows, s).map((r) => r.path);
  assert.deepEqual(paths({ depth: 1, opened: [], closed: [] }), ['', 'transformer', 'lm_head']);
  const two = paths({ depth: 2, opened: [], closed: [] });
  assert.ok(two.includes('transformer.h') && !two.includes('transformer.h.0'));
  const opened = paths({ depth: 2, opened: ['transformer.h'], closed: [] });
  assert.ok(opened.includes('transformer.h.0') && !opened.includes('transformer.h.0.attn'));
  assert.deepEqual(paths({ depth: 2, opened: [], closed: ['transformer'] }), ['', 'transformer', 'lm_head']);
});

test("Python's // is floor division, not a comment, in sidebar rows", () => {
  assert.equal(
    v.withoutComment('q = q.view(B, T, self.n_head, C // self.n_head)  # (B, T, nh, hs)', 'python'),
    'q = q.view(B, T, self.n_head, C // self.n_head)',
  );
  assert.equal(v.withoutComment('const y = a // b', 'tsjs'), 'const y = a');
});

test('a line that builds one module per loop turn gives the count per module; one building different ones does not', () => {
  const r = gpt();
  const each = v.paramsPerCall(r);
  const line = r.layers.find((l) => l.path === 'transformer.h.0.attn.c_attn').line;
  assert.equal(r.lines.find((l) => l.line === line).calls, 4);
  assert.equal(each.get(line), 197376n, 'Linear(256, 768): 4 × 197,376');
  const resnet = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';
  if (!existsSync(resnet)) return;
  const rn = analyzeFile(resnet, { entry: 'resnet50()', inputs: inputs(['1,3,224,224']) });
  const conv3x3 = rn.layers.find((l) => l.path === 'layer1.0.conv2').line; // `return nn.Conv2d(...)` at 4 widths
  assert.equal(v.paramsPerCall(rn).has(conv3x3), false);
});
