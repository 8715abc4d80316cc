// The CLI as a user runs it: reports, JSON keys with exact integers, exit codes 0/1/2 and clear messages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { root } from './core.mjs';

const cli = join(root, 'dist/cli.js');
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
});

test('a notebook: code cells joined top to bottom (real PyTorch on the same cells: logits [16, 10], 60,362 params)', () => {
  const r = run('analyze', 'examples/notebook.ipynb', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.output.shape, '[16, 10]');
  assert.equal(j.totals.params, 60362);
  // conv1 16·32·32·32·27 + conv2 16·64·16·16·288 + fc 16·4096·10
  assert.equal(j.totals.macs, 16 * 32 * 32 * 32 * 27 + 16 * 64 * 16 * 16 * 288 + 16 * 4096 * 10);
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

test('JSON report: the documented keys, exact integers', () => {
  const r = run('analyze', 'examples/gpt.py', '--dim', 'B=8', '--dim', 'T=1024', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.output.shape, '[B, T, 50257]');
  for (const k of ['params', 'buffers', 'macs', 'flops', 'backwardFlops', 'trainingFlops']) assert.ok(k in j.totals, k);
  for (const k of ['paramBytes', 'bufferBytes', 'activationBytes']) assert.ok(k in j.memory, k);
  for (const k of [
    'line',
    'shapes',
    'macs',
    'flops',
    'inclusiveFlops',
    'params',
    'activationBytes',
    'calls',
    'formula',
  ])
    assert.ok(k in j.lines[0], k);
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
