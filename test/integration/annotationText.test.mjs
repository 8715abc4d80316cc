// Plain-Node checks of the inline annotation text over real analyses: tuple outputs, cost-free lines, the multi-call rule.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { importTs } from './bundleTs.mjs';
import { analyzeFile, core } from '../unit/core.mjs';

let a;
let dispose;

before(async () => {
  ({ module: a, dispose } = await importTs(
    "export * from './protocol/annotationText'; export * from './protocol/shapeText'; export * from './protocol/viewModel';",
    'annotationText',
  ));
});
after(() => dispose());

const fields = ['shape', 'flops', 'memory', 'params'];
const splits = [
  'import torch',
  'x = torch.randn(2, 16, 96)',
  'q, k, v = x.split(32, dim=2)',
  'a, b = x.chunk(2, dim=-1)',
  'r0, r1 = x.unbind(0)',
  'parts = torch.split(x, [32, 64], dim=2)',
  'y = q @ k.transpose(1, 2)',
  'return_me = y.view(2, 256)',
].join('\n');

function lineOf(result, n) {
  const line = result.lines.find((l) => l.line === n);
  assert.ok(line, `no result line ${n}; lines: ${result.lines.map((l) => l.line).join(' ')}`);
  return line;
}

test('split / chunk / unbind: each output with its shape', () => {
  const r = core.analyze(splits, {});
  const text = (n) => a.annotationText(lineOf(r, n), { fields });
  assert.equal(text(3), '→ 3 × [2, 16, 32]');
  assert.equal(text(4), '→ 2 × [2, 16, 48]');
  assert.equal(text(5), '→ 2 × [16, 96]');
  assert.equal(text(6), '→ ([2, 16, 32], [2, 16, 64])');
});

test('a split after a costed op shows the op and the tuple it splits into (nanoGPT attention, 12 layers)', () => {
  const r = analyzeFile('examples/gpt.py');
  const line = lineOf(r, 29); // q, k, v = self.c_attn(x).split(C, dim=2)
  assert.deepEqual(line.shapes, ['[B, T, 2304]', '([B, T, 768], [B, T, 768], [B, T, 768])']);
  assert.deepEqual(line.shapeDims[1], [
    ['B', 'T', 768],
    ['B', 'T', 768],
    ['B', 'T', 768],
  ]);
  const text = a.annotationText(line, { fields });
  assert.match(text, /^→ \[B, T, 2304\], 3 × \[B, T, 768\] · [\d.]+ GFLOPs/, text);
  const row = a.toViewModel(r, 'gpt.py', '', undefined).lines.find((l) => l.line === 29);
  assert.equal(row?.shapes, '[B, T, 2304], 3 × [B, T, 768]');
});

test('cost-free lines: only the shape by default, nothing with "hide", zeros with "full"', () => {
  const r = core.analyze(splits, {});
  const randn = lineOf(r, 2);
  const matmul = lineOf(r, 7);
  assert.ok(a.isCostFree(randn));
  assert.ok(!a.isCostFree(matmul));
  assert.equal(a.annotationText(randn, { fields }), '→ [2, 16, 96]');
  assert.equal(a.annotationText(randn, { fields, costFree: 'hide' }), '');
  assert.equal(a.annotationText(randn, { fields, costFree: 'full' }), '→ [2, 16, 96] · 0 FLOPs');
  for (const mode of a.costFreeModes)
    assert.equal(a.annotationText(matmul, { fields, costFree: mode }), '→ [2, 16, 16] · 32.8 KFLOPs · 2 KiB');
});

test('a line whose op is not counted is never hidden as cost-free', () => {
  const r = core.analyze('import torch\nx = torch.randn(4, 400)\nz = x.view(400, 4); y = torch.searchsorted(x, x)\n', {});
  const unknown = r.coverage.unknown.find((u) => u.line === 3);
  assert.ok(unknown, `searchsorted (not modelled) not listed as unknown: ${JSON.stringify(r.coverage.unknown)}`);
  const line = lineOf(r, 3);
  assert.ok(a.isCostFree(line), 'the known part of line 3 costs nothing');
  assert.equal(a.annotationText(line, { fields, costFree: 'hide' }), '');
  assert.notEqual(a.annotationText(line, { fields, costFree: 'hide', uncounted: true }), '');
  assert.match(a.annotationText(line, { fields, uncounted: true }), /0 FLOPs/);
});

test('one long shape is shown whole, not as "first … last (1 shapes)"', () => {
  const long = '([1, 12, 1024, 64], [1, 12, 1024, 32], [1, 12, 1024, 32])';
  assert.equal(a.shapeSummary([long]), long);
  assert.equal(a.shapeSummary(['[1, 2]', '[3, 4]', '[5, 6]', '[7, 8]'], 4), '[1, 2] … [7, 8] (×4 calls, 4 shapes)');
});

test('annotations of the last result follow edits until the next one: lines move, replaced lines drop', async () => {
  const { module: s, dispose: done } = await importTs("export * from './protocol/lineShift';", 'lineShift');
  try {
    const enter = [{ startLine: 3, endLine: 3, insertedNewlines: 1 }]; // Enter on line 3
    assert.equal(s.shiftLine(enter, 2), 2);
    assert.equal(s.shiftLine(enter, 3), 3);
    assert.equal(s.shiftLine(enter, 4), 5);
    const join = [{ startLine: 5, endLine: 7, insertedNewlines: 0 }]; // lines 5-7 become one
    assert.equal(s.shiftLine(join, 5), 5);
    assert.equal(s.shiftLine(join, 6), undefined);
    assert.equal(s.shiftLine(join, 7), undefined);
    assert.equal(s.shiftLine(join, 9), 7);
    const typed = [{ startLine: 16, endLine: 16, insertedNewlines: 0 }]; // a character at a line end
    assert.equal(s.followLine([typed, typed, enter, join], 16), 15);
    assert.equal(s.followLine([enter, join], 5), undefined);
  } finally {
    done();
  }
});
