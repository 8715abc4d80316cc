// Plain-Node checks of src/protocol (formatting, inputs, reports): `node --test test/integration/protocol.test.mjs`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { validate } from '../unit/jsonSchema.mjs';
import { importTs } from './bundleTs.mjs';

let p;
let dispose;

before(async () => {
  ({ module: p, dispose } = await importTs(
    "export * from './protocol/format'; export * from './protocol/inputs'; export * from './protocol/report'; export * from './protocol/json'; export * from './protocol/viewModel'; export * from './protocol/partial';",
    'protocol',
  ));
});
after(() => dispose());

const zero = { macs: 0n, flops: 0n, backwardFlops: 0n, backwardMacs: 0n };
function result() {
  const line = {
    line: 8,
    shapes: ['[32, 256]'],
    dtypes: ['float32'],
    macs: 6422528n,
    flops: 12853248n,
    backwardFlops: 25690112n,
    backwardMacs: 12845056n,
    inclusive: { macs: 6422528n, flops: 12853248n, backwardFlops: 25690112n, backwardMacs: 12845056n },
    params: 0n,
    paramBytes: 0n,
    activationBytes: 32768n,
    inclusiveActivationBytes: 32768n,
    calls: 1,
    formula: '2·32·784·256 + 32·256',
    ops: [],
  };
  return {
    language: 'python',
    entry: 'top-level',
    inputs: [{ name: 'x', shape: '[32, 784]', dtype: 'float32' }],
    output: { shape: '[32, 256]', dtype: 'float32' },
    totals: {
      macs: 6422528n,
      flops: 2n ** 70n,
      backwardFlops: 0n,
      backwardMacs: 0n,
      backwardElements: 0n,
      params: 200960n,
      trainableParams: 200960n,
      frozenParams: 0n,
      buffers: 0n,
      trainingFlops: 0n,
    },
    memory: {
      paramBytes: 803840n,
      bufferBytes: 0n,
      activationBytes: 32768n,
      savedBytes: 0n,
      gradientBytes: 0n,
      optimizerBytes: 0n,
      masterWeightBytes: 0n,
      largestTransientBytes: 0n,
      activationsAtPeakBytes: 0n,
      gradientsAtPeakBytes: 0n,
      trainingBytes: 0n,
      inferenceBytes: 0n,
    },
    lines: [line],
    modules: [{ name: 'fc1', type: 'Linear', line: 6, params: 200960n, inclusive: zero, calls: 1, children: [] }],
    diagnostics: [
      { span: { start: 0, end: 1, line: 3 }, severity: 'warning', message: 'a "quoted", message', code: 'x' },
    ],
    coverage: {
      ops: 3,
      unknownOps: 1,
      unknown: [{ name: 'torch.foo', line: 9, count: 2 }],
      complete: false,
      reasons: [{ code: 'unknown-op', message: '1 unknown op: torch.foo (line 9)', line: 9 }],
    },
    dims: { B: 32 },
    convention: 'full',
    precision: 'fp32',
    steps: 1,
    budgetExceeded: false,
  };
}

test('engineering units over exact integers', () => {
  assert.equal(p.formatCount(12853248n, 'FLOPs'), '12.9 MFLOPs');
  assert.equal(p.formatCount(12845056n, 'FLOPs'), '12.8 MFLOPs');
  assert.equal(p.formatCount(500n, 'FLOPs'), '500 FLOPs');
  assert.equal(p.formatCount(999999n), '1 M');
  assert.equal(p.formatBytes(32768n), '32 KiB');
  assert.equal(p.formatBytes(1536n), '1.5 KiB');
  assert.equal(p.formatExact(12853248n), '12,853,248');
  assert.equal(p.formatCountExact(4089184256n, 'MACs'), '4.09 GMACs (4,089,184,256)');
  assert.equal(p.formatShare(1n, 3n), '33.3%');
  assert.equal(p.formatShare(1n, 0n), '0%');
});

test('input specs parse and print', () => {
  assert.deepEqual(p.parseInputs('x: [B, 3, 224, 224] float16; 32,784'), [
    { shape: ['B', 3, 224, 224], dtype: 'float16' },
    { shape: [32, 784] },
  ]);
  assert.equal(
    p.formatInputs([{ shape: ['B', 3, 224, 224], dtype: 'float16' }, { shape: '32,784' }]),
    '[B, 3, 224, 224] float16; [32, 784]',
  );
  assert.equal(typeof p.parseInputs('[B, 3'), 'string');
  assert.equal(typeof p.parseInputs('[2, 3] complex7'), 'string');
  assert.deepEqual(p.parseDims('B=32, T=128'), { B: 32, T: 128 });
  assert.equal(typeof p.parseDims('B=0'), 'string');
  assert.equal(p.fileInputs(' ', [], {}), undefined);
  assert.deepEqual(p.fileInputs('Net()', [], { B: 2 }), { entry: 'Net()', inputs: [], dims: { B: 2 } });
  assert.equal(
    p.inputComment({ shape: 'B,3,224,224', dtype: 'float16' }, 'x', 'python'),
    '# flopscope: input x: [B, 3, 224, 224] float16',
  );
});

test('JSON report keeps bigints as exact integer literals with the documented keys', () => {
  const text = p.renderReport(result(), 'json');
  assert.match(text, /"flops": 1180591620717411303424,/);
  const json = JSON.parse(text);
  assert.deepEqual(Object.keys(json.totals), [
    'params',
    'trainableParams',
    'frozenParams',
    'buffers',
    'macs',
    'backwardMacs',
    'backwardElements',
    'flops',
    'backwardFlops',
    'trainingFlops',
  ]);
  const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(validate(json, schema), []);
  assert.deepEqual(json.diagnostics[0], { line: 3, severity: 'warning', code: 'x', message: 'a "quoted", message' });
  assert.deepEqual(json.coverage, {
    ops: 3,
    unknownOps: 1,
    unknown: [{ name: 'torch.foo', line: 9, count: 2 }],
    complete: false,
    reasons: [{ code: 'unknown-op', message: '1 unknown op: torch.foo (line 9)', line: 9 }],
  });
  assert.equal(json.output.shapeText, '[32, 256]');
  assert.equal(json.version, 2);
});

test('CSV quotes cells with commas; table and Markdown carry totals, lines and coverage', () => {
  const csv = p.renderReport(result(), 'csv').split('\n');
  assert.equal(csv[1], '8,"[32, 256]",float32,6422528,12853248,25690112,12853248,0,32768,1,2·32·784·256 + 32·256');
  const table = p.renderReport(result(), 'table', { fileName: 'mlp.py' });
  assert.match(table, /FLOPs forward .* ≥ 1,180,591,620,717,411,303,424/);
  assert.match(table, /partial: 1 unknown op \(torch.foo line 9\) \(totals are lower bounds\)/);
  assert.match(table, /Coverage: 2 of 3 ops known; unknown: torch.foo \(line 9, ×2\)/);
  const md = p.renderReport(result(), 'markdown', { fileName: 'mlp.py', source: 'a\n'.repeat(7) + 'h = fc1(x)\n' });
  assert.match(md, /\| 8 \| \[32, 256\] \| 6.42 M \| 12.9 M \|/);
  assert.match(md, /`h = fc1\(x\)`/);
});

test('a partial result is marked partial in every view: ≥ before totals and one "partial: ..." sentence', () => {
  const loop = { code: 'loop-unknown', message: 'loop bound unknown: body not costed', line: 12 };
  const r = { ...result(), coverage: { ...result().coverage, reasons: [...result().coverage.reasons, loop] } };
  const sentence = 'partial: 1 unknown op (torch.foo line 9); loop bound unknown: body not costed (line 12)';
  assert.equal(p.partialText(r), sentence);
  const table = p.renderReport(r, 'table', { fileName: 'mlp.py' });
  assert.ok(table.includes(`${sentence} (totals are lower bounds)`), table);
  assert.match(table, /FLOPs forward +≥ 1181 EFLOPs +≥ 1,180,591,620,717,411,303,424/);
  assert.match(table, /Params +≥ 201 K +≥ 200,960/);
  const md = p.renderReport(r, 'markdown', { fileName: 'mlp.py' });
  assert.ok(md.includes(sentence), md);
  assert.match(md, /\| Params \| ≥ 201 K \| ≥ 200,960 \|/);
  const vm = p.toViewModel(r, 'mlp.py', '', undefined);
  assert.equal(vm.partial, sentence);
  assert.deepEqual(vm.partialReasons, [
    '1 unknown op (torch.foo line 9)',
    'loop bound unknown: body not costed (line 12)',
  ]);
  assert.ok(vm.headline.every((h) => h.value.startsWith('≥ ')));
  assert.ok(vm.compute.every((h) => h.value.startsWith('≥ ')));
  const complete = { ...r, coverage: { ops: 3, unknownOps: 0, unknown: [], complete: true, reasons: [] } };
  assert.equal(p.partialText(complete), '');
  assert.ok(!p.renderReport(complete, 'table').includes('≥'));
  assert.equal(p.toViewModel(complete, 'mlp.py', '', undefined).partial, '');
  assert.deepEqual(p.toViewModel(complete, 'mlp.py', '', undefined).partialReasons, []);
  assert.ok(!p.toViewModel(complete, 'mlp.py', '', undefined).headline[0].value.includes('≥'));
});

test('under the MACs convention the main count is labelled MACs', () => {
  const r = { ...result(), convention: 'macs' };
  assert.match(p.renderReport(r, 'table'), /MACs forward/);
  assert.equal(p.toViewModel(r, 'mlp.py', '', undefined).headline[1].label, 'MACs');
});

test('view model is JSON-safe (no bigints)', () => {
  const model = p.toViewModel(result(), 'mlp.py', 'a\n'.repeat(7) + 'h = fc1(x)\n', undefined);
  assert.doesNotThrow(() => JSON.stringify(model));
  assert.equal(model.lines[0].flops, '12853248');
  assert.equal(model.lines[0].code, 'h = fc1(x)');
  assert.equal(model.modules[0].name, 'fc1');
});

test('a complete result prints no partial mark', () => {
  const r = {
    ...result(),
    coverage: { ...result().coverage, unknownOps: 0, unknown: [], complete: true, reasons: [] },
  };
  const table = p.renderReport(r, 'table');
  assert.doesNotMatch(table, /≥|Partial/);
  assert.equal(JSON.parse(p.renderReport(r, 'json')).coverage.complete, true);
});

test('Markdown reports escape module names, diagnostics and code (issue 11: no injected HTML or links)', () => {
  const evil = '<img src=x onerror=alert(1)>[click](http://evil.com) **bold** www.evil.com';
  const base = result();
  const r = {
    ...base,
    modules: [{ ...base.modules[0], name: evil }],
    diagnostics: [{ ...base.diagnostics[0], message: `<script>alert(1)</script> ${evil}` }],
  };
  const md = p.renderReport(r, 'markdown', {
    fileName: '<b>x</b>.py',
    source: 'a\n'.repeat(7) + 'h = "`</code><b>"|x\n',
  });
  const prose = md.replace(/(`+) .*? \1|`[^`]*`/g, ''); // code spans show their text literally
  assert.doesNotMatch(prose, /[^\\]<(img|script|b)|\]\(http|[^\\]\*\*bold|[^\\]www\.evil/);
  assert.match(md, /\\<img src=x onerror=alert\(1\)\\>\[click\]\\\(http\\:\/\/evil\.com\)/);
  // Code keeps its text inside a code span fenced longer than its own backticks; the table's pipe stays escaped.
  assert.match(md, /``h = "`<\/code><b>"\\\|x``/);
});

test('table and Markdown reports are linear in the number of lines (one source split per report)', () => {
  const n = 20000;
  const base = result();
  const lines = Array.from({ length: n }, (_, i) => ({ ...base.lines[0], line: i + 1 }));
  const source = Array.from({ length: n }, (_, i) => `y${i} = x + ${i}`).join('\n');
  const r = { ...base, lines };
  let split = 0;
  const origSplit = String.prototype.split;
  String.prototype.split = function (...a) {
    if (this.length === source.length) split++;
    return origSplit.apply(this, a);
  };
  try {
    const table = p.renderReport(r, 'table', { source });
    const md = p.renderReport(r, 'markdown', { source });
    assert.match(table, /y19999 = x \+ 19999/);
    assert.match(md, /`y19999 = x \+ 19999`/);
  } finally {
    String.prototype.split = origSplit;
  }
  assert.equal(split, 2, 'the source is split once per report');
});
