// The CLI as a user runs it: reports, JSON keys with exact integers, exit codes 0/1/2 and clear messages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { root } from './core.mjs';
import { validate } from './jsonSchema.mjs';

const cli = join(root, 'dist/cli.js');
const torchvisionResnet = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });

before(() => {
  if (!existsSync(cli)) spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
});

test('table report of the bundled example, exit 0', () => {
  const r = run('analyze', 'examples/mlp.py');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Output: \[32, 10\] float32/);
  assert.match(r.stdout, /Per line/);
  assert.match(r.stdout, /x = F\.relu\(self\.fc1\(x\)\)/);
  assert.match(r.stdout, /Saved for backward follows PyTorch 1\.13 autograd/);
});

test('a notebook: code cells joined top to bottom (real PyTorch on the same cells: logits [16, 10], 60,362 params)', () => {
  const r = run('analyze', 'examples/notebook.ipynb', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.output.shape, [16, 10]);
  assert.equal(j.totals.params, 60362);
  // conv1 16·32·32·32·27 + conv2 16·64·16·16·288 + fc 16·4096·10
  assert.equal(j.totals.macs, 16 * 32 * 32 * 32 * 27 + 16 * 64 * 16 * 16 * 288 + 16 * 4096 * 10);
  assert.equal(j.totals.trainableParams, 60362);
  assert.equal(j.totals.frozenParams, 0);
  assert.match(j.savedTensorsModel, /^PyTorch 1\.13 autograd/);
  // backward: conv1 sees the image (weight gradient only), conv2 and fc compute input and weight gradients
  assert.equal(j.totals.backwardMacs, 16 * 32 * 32 * 32 * 27 + 2 * (16 * 64 * 16 * 16 * 288 + 16 * 4096 * 10));
  // torch 1.13's backward from the cells' last value (probs): 166,461,440 MACs; threshold_backward and max-pool
  // backward over 524,288 + 262,144 elements each, the fc bias sum and the softmax's backward over 160 each
  assert.equal(j.totals.backwardMacs, 166461440);
  assert.equal(j.totals.backwardElements, 2 * (524288 + 262144) + 160 + 160);
  assert.ok(!j.diagnostics.some((d) => d.code === 'syntax'), 'the %matplotlib magic is skipped');
  const table = run('analyze', 'examples/notebook.ipynb');
  assert.match(
    table.stdout,
    /Notebook: 3 code cells run top to bottom as one program; lines are numbered in it \(cell 1: 1-4, cell 2: 5-15, cell 3: 16-19\)/,
  );
  const dir = mkdtempSync(join(tmpdir(), 'flopscope-cli-'));
  try {
    writeFileSync(join(dir, 'broken.ipynb'), '{"cells": 3');
    const bad = run('analyze', join(dir, 'broken.ipynb'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /broken\.ipynb: not a notebook \(invalid JSON/);
    writeFileSync(join(dir, 'r.ipynb'), JSON.stringify({ cells: [], metadata: { language_info: { name: 'R' } } }));
    assert.match(run('analyze', join(dir, 'r.ipynb')).stderr, /a R notebook: only Python notebooks are analyzed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const reportSchema = JSON.parse(readFileSync(join(root, 'schema/report.schema.json'), 'utf8'));

test('JSON report: the documented keys, exact integers', () => {
  const r = run('analyze', 'examples/gpt.py', '--dim', 'B=8', '--dim', 'T=1024', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.output.shape, ['B', 'T', 50257]);
  assert.equal(j.output.shapeText, '[B, T, 50257]');
  // The documented keys are the schema's; the values are checked here.
  assert.deepEqual(validate(j, reportSchema), []);
  assert.ok('ops' in j.coverage && 'unknownOps' in j.coverage && Array.isArray(j.coverage.unknown));
  assert.equal(j.totals.params, 124439808);
  assert.match(r.stdout, /"macs": 1166593228800\b/);
});

test(
  'an explicit entry and input on unmodified torchvision code',
  { skip: !existsSync('/usr/lib/python3/dist-packages/torchvision/models/resnet.py') && 'no torchvision sources' },
  () => {
    const r = run(
      'analyze',
      '/usr/lib/python3/dist-packages/torchvision/models/resnet.py',
      '--entry',
      'resnet18()',
      '--input',
      '1,3,224,224',
      '--format',
      'json',
    );
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.totals.params, 11689512);
    assert.equal(j.totals.macs, 1814073344);
  },
);

test("shape errors: exit 1, reported at the line with PyTorch's words", () => {
  const r = run('analyze', 'examples/convnet.py');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /line 32: error: mat1 and mat2 shapes cannot be multiplied \(16x100 and 64x10\)/);
});

test('bad usage and unreadable input: exit 2 with a clear message', () => {
  const missing = run('analyze', 'no/such/file.py');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read no\/such\/file\.py: no such file/);
  const opt = run('analyze', 'examples/mlp.py', '--bogus', '1');
  assert.equal(opt.status, 2);
  assert.match(opt.stderr, /unknown option --bogus/);
  const shape = run('analyze', 'examples/mlp.py', '--input', '3x?');
  assert.equal(shape.status, 2);
  assert.match(shape.stderr, /SHAPE must be comma-separated/);
  const fmt = run('analyze', 'examples/mlp.py', '--format', 'xml');
  assert.equal(fmt.status, 2);
  assert.match(fmt.stderr, /--format must be one of table, json, markdown, csv/);
  const entry = run('analyze', 'examples/mlp.py', '--entry', 'MLP(', '--input', '1,784');
  assert.equal(entry.status, 2);
  assert.match(entry.stderr, /cannot parse the entry expression/);
});

test('flopscope ops lists the supported layers and functions', () => {
  const r = run('ops');
  assert.equal(r.status, 0);
  for (const name of ['Conv2d', 'MultiheadAttention', 'LSTM', 'scaled_dot_product_attention', 'einsum'])
    assert.match(r.stdout, new RegExp(`\\b${name}\\b`));
});

test('JSON reports validate against schema/report.schema.json (and the validator rejects a broken one)', () => {
  const schema = reportSchema;
  const reports = [
    ['examples/mlp.py'],
    ['examples/gpt.py', '--dim', 'B=8'],
    ['examples/convnet.py'],
    ['examples/notebook.ipynb'],
    [
      'test/fixtures/python/gpt_decoder.py',
      '--entry',
      'GPT(GPTConfig())',
      '--input',
      '4,32:int64',
      '--input',
      '4,32:int64',
    ],
  ];
  if (existsSync(torchvisionResnet))
    reports.push([torchvisionResnet, '--entry', 'resnet50()', '--input', '1,3,224,224']);
  for (const args of reports) {
    const r = run('analyze', ...args, '--format', 'json');
    const j = JSON.parse(r.stdout);
    assert.deepEqual(validate(j, schema), [], args.join(' '));
    assert.equal(j.version, 2);
    assert.ok(j.layers.length > 0, `${args[0]}: layers`);
  }
  const j = JSON.parse(run('analyze', 'examples/mlp.py', '--format', 'json').stdout);
  assert.deepEqual(j.output, { shape: [32, 10], shapeText: '[32, 10]', dtype: 'float32' });
  j.output.shape = '[32, 10]';
  j.layers[0].params = -1;
  delete j.version;
  assert.deepEqual(validate(j, schema), [
    '$: missing version',
    '$.output: matches 0 of oneOf (exactly 1 required)',
    '$.layers[0].params: -1 < 0',
  ]);
});

test('--depth 2: the layer table after the totals, torchinfo layout and footer; CSV carries it', () => {
  const args = ['test/fixtures/python/gpt_decoder.py', '--entry', 'GPT(GPTConfig())', '--input', '4,32:int64'];
  const r = run('analyze', ...args, '--input', '4,32:int64', '--depth', '2');
  assert.equal(r.status, 0, r.stderr);
  const layers = r.stdout.slice(r.stdout.indexOf('\nLayers\n'), r.stdout.indexOf('\nPer line\n'));
  assert.ok(r.stdout.indexOf('\nTotals\n') < r.stdout.indexOf('\nLayers\n'));
  assert.match(layers, /^GPT +\[4, 32, 512\] +-- +100\.0%/m);
  assert.match(layers, /^│ {4}└─ModuleList \(h\): 2-4 +-- +3,159,040 +95\.5% .*not called$/m, 'folded: its subtree');
  assert.match(layers, /^├─Linear \(lm_head\): 1-2 +\[4, 32, 512\] +tied with transformer\.wte /m);
  assert.doesNotMatch(layers, /Block \(0\)/, 'depth 3 is cut');
  assert.match(layers, /Total params: 3,307,008/);
  assert.match(layers, /Params size \(MB\): 13\.23/);
  const csv = run('analyze', ...args, '--input', '4,32:int64', '--depth', '1', '--format', 'csv').stdout.split('\n');
  assert.equal(
    csv[0],
    'path,type,depth,line,call_line,calls,output_shapes,params,own_params,macs,flops,backward_flops,params_share,flops_share',
  );
  assert.deepEqual(
    csv.slice(1, -1).map((l) => l.split(',').slice(0, 3).join(',')),
    [',GPT,0', 'transformer,ModuleDict,1', 'lm_head,Linear,1'],
  );
  assert.match(run('analyze', 'examples/mlp.py', '--depth', 'x').stderr, /--depth must be a whole number/);
});

test(
  "torchvision's resnet50() --depth 2: layer1…fc rows, torchinfo's footer figures",
  { skip: !existsSync(torchvisionResnet) && 'no torchvision sources' },
  () => {
    const r = run('analyze', torchvisionResnet, '--entry', 'resnet50()', '--input', '1,3,224,224', '--depth', '2');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^├─Sequential \(layer1\): 1-5 +\[1, 256, 56, 56\] +-- +0\.84%/m);
    assert.match(r.stdout, /^│ {4}└─Bottleneck \(0\): 2-1 +\[1, 256, 56, 56\] +75,008 /m);
    assert.match(r.stdout, /^├─Linear \(fc\): 1-10 +\[1, 1000\] +2,049,000 /m);
    // torchinfo's own figures for ResNet-50 (its rule: leaf modules with parameters, output ×2).
    for (const line of [
      'Total params: 25,557,032',
      'Total mult-adds (G): 4.09',
      'Input size (MB): 0.60',
      'Forward/backward pass size (MB): 177.83',
      'Params size (MB): 102.23',
      'Estimated Total Size (MB): 280.66',
    ])
      assert.ok(r.stdout.includes(`\n${line}\n`), line);
  },
);

test('a partial analysis says under the layer table that its figures are lower bounds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flopscope-cli-'));
  try {
    const file = join(dir, 'partial.py');
    writeFileSync(
      file,
      [
        'import torch',
        'import torch.nn as nn',
        'class Net(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.fc = nn.Linear(8, 4)',
        '    def forward(self, x):',
        '        return torch.special.some_unknown_op(self.fc(x))',
        'y = Net()(torch.randn(2, 8))',
        '',
      ].join('\n'),
    );
    const r = run('analyze', file, '--depth', '1');
    assert.match(
      r.stdout,
      /\nEstimated Total Size \(MB\): [\d.]+\n\npartial: 1 unknown op \(some_unknown_op line 8\) \(figures are lower bounds\)\n/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
