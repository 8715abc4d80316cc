// Imports from the user's Python environment through the CLI: --python, --python-path, PYTHONPATH, --no-python-env.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from './core.mjs';

const cli = join(root, 'dist/cli.js');
const run = (args, env = {}) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
const debianTorchvision = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';
const dir = mkdtempSync(join(tmpdir(), 'flopscope-pyenv-'));
const userResnet = join(dir, 'user.py');

before(() => {
  if (!existsSync(cli)) spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
  writeFileSync(
    userResnet,
    'import torch\nfrom torchvision.models import resnet50\n\nmodel = resnet50()\nx = torch.randn(1, 3, 224, 224)\ny = model(x)\n',
  );
  // A library folder somewhere else: mylib/{__init__.py, blocks.py}, found only through the import path.
  mkdirSync(join(dir, 'lib', 'mylib'), { recursive: true });
  writeFileSync(join(dir, 'lib', 'mylib', '__init__.py'), 'from .blocks import Block\n');
  writeFileSync(
    join(dir, 'lib', 'mylib', 'blocks.py'),
    'import torch.nn as nn\n\nclass Block(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 20)\n\n    def forward(self, x):\n        return self.fc(x)\n',
  );
  mkdirSync(join(dir, 'proj'));
  writeFileSync(
    join(dir, 'proj', 'model.py'),
    'import torch\nfrom mylib import Block\n\nm = Block()\ny = m(torch.randn(4, 10))\n',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

test(
  "`from torchvision.models import resnet50` with --python /usr/bin/python3 (Debian's torchvision) equals the resnet50 oracle",
  { skip: existsSync(debianTorchvision) ? false : `no Debian torchvision (${debianTorchvision})` },
  () => {
    const golden = JSON.parse(readFileSync(join(root, 'test/oracle/golden/resnet50.json'), 'utf8'));
    const r = run(['analyze', userResnet, '--python', '/usr/bin/python3', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.totals.params, golden.params);
    assert.equal(j.totals.buffers, golden.buffers);
    assert.equal(j.totals.macs, golden.macs);
    assert.deepEqual(j.output.shape, golden.outputShape);
    assert.deepEqual(j.diagnostics, []);
    assert.ok(
      j.importedFiles.includes('/usr/lib/python3/dist-packages/torchvision/models/resnet.py'),
      'the report names the library file',
    );
  },
);

test('without a Python environment: an honest partial result that names the unresolved import', () => {
  const r = run(['analyze', userResnet, '--no-python-env', '--format', 'json'], { PYTHONPATH: '' });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.totals.params, 0);
  assert.ok(j.coverage.unknownOps > 0, 'the model call is an unknown op, not a zero');
  const d = j.diagnostics.find((x) => x.code === 'unresolved-import');
  assert.ok(d, JSON.stringify(j.diagnostics));
  assert.equal(d.line, 2);
  assert.match(d.message, /cannot find module 'torchvision\.models'/);
  assert.match(run(['analyze', userResnet, '--no-python-env'], { PYTHONPATH: '' }).stdout, /unresolved-import/);
});

test('--python-path and PYTHONPATH folders are searched after the file’s own folder (nn.Linear(10, 20): 220 params)', () => {
  const model = join(dir, 'proj', 'model.py');
  for (const [args, env] of [
    [['--python-path', join(dir, 'lib')], {}],
    [[], { PYTHONPATH: join(dir, 'lib') }],
  ]) {
    const r = run(['analyze', model, '--no-python-env', '--format', 'json', ...args], env);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.totals.params, 220, JSON.stringify(j.diagnostics));
    assert.equal(j.totals.macs, 4 * 10 * 20);
    assert.deepEqual(j.importedFiles, [
      join(dir, 'lib', 'mylib', '__init__.py'),
      join(dir, 'lib', 'mylib', 'blocks.py'),
    ]);
  }
  const missing = run(['analyze', model, '--no-python-env', '--format', 'json'], { PYTHONPATH: '' });
  assert.equal(JSON.parse(missing.stdout).totals.params, 0);
});

test('--python naming no interpreter: exit 2 with a clear message', () => {
  const r = run(['analyze', userResnet, '--python', join(dir, 'no-such-python')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--python .*no-such-python: no such interpreter/);
});
