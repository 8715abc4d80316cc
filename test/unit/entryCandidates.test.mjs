// A file that runs no model offers its entries: factory functions in `__all__`, nn.Module classes built with no arguments.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeFile, core } from './core.mjs';

const resnet = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';

test(
  "torchvision's resnet.py: the builders of __all__, at their definitions; not ResNet/BasicBlock (they need arguments)",
  {
    skip: !existsSync(resnet) && 'no torchvision sources',
  },
  () => {
    const r = analyzeFile(resnet);
    assert.equal(r.entry, undefined);
    const exprs = r.entryCandidates.map((c) => c.expr);
    assert.deepEqual(exprs.slice(0, 3), ['resnet18()', 'resnet34()', 'resnet50()']);
    assert.ok(exprs.includes('wide_resnet101_2()'));
    assert.ok(!exprs.some((e) => /^(ResNet|BasicBlock|Bottleneck)\(/.test(e)));
    // The line of the definition's first decorator: the code lens sits above it.
    const line = r.entryCandidates.find((c) => c.expr === 'resnet50()').line;
    const source = readFileSync(resnet, 'utf8').split('\n');
    assert.match(source[line - 1], /^@register_model\(\)/);
    assert.match(source[line + 1], /^def resnet50\(/);
  },
);

test('module classes that build without arguments are offered; a file that runs its model offers none', () => {
  const src = [
    'import torch.nn as nn',
    'class Head(nn.Module):',
    '    def __init__(self, n=10):',
    '        super().__init__()',
    '        self.fc = nn.Linear(4, n)',
    '    def forward(self, x):',
    '        return self.fc(x)',
    'class Block(nn.Module):',
    '    def __init__(self, width):',
    '        super().__init__()',
    'class Plain:',
    '    pass',
    '',
  ].join('\n');
  const r = core.analyze(src, { path: 'heads.py' });
  assert.deepEqual(r.entryCandidates, [{ expr: 'Head()', line: 2 }]);
  const ran = core.analyze(`import torch\n${src}y = Head()(torch.randn(2, 4))\n`, { path: 'heads.py' });
  assert.equal(ran.totals.params, 50n);
  assert.equal(ran.entryCandidates, undefined);
});
