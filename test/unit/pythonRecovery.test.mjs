// Half-typed code: a syntax error costs only the statements it touches, with one diagnostic where the mistake is;
// pathological nesting is a syntax error, never a stack overflow.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { core, readFile } from './core.mjs';

const run = (src) => core.analyze(src, { path: '/t/recovery.py' });
const syntax = (r) => r.diagnostics.filter((d) => d.code === 'syntax');
const header = 'import torch\nimport torch.nn as nn\n';

/** `src` with the last `)` of its 1-based line `n` deleted. */
function deleteParen(src, n) {
  const lines = src.split('\n');
  const i = lines[n - 1].lastIndexOf(')');
  lines[n - 1] = lines[n - 1].slice(0, i) + lines[n - 1].slice(i + 1);
  return lines.join('\n');
}

const resnet = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';
test(
  "torchvision's resnet50 with one `)` deleted: one diagnostic on that line, the block still evaluates",
  {
    skip: existsSync(resnet) ? undefined : `${resnet} is absent (apt-get install python3-torchvision)`,
  },
  () => {
    const src = readFileSync(resnet, 'utf8');
    const opts = { path: resnet, readFile, entry: 'resnet50()', inputs: [{ shape: '1,3,224,224' }] };
    const whole = core.analyze(src, opts);
    assert.equal(whole.totals.params, 25557032n); // PyTorch: sum(p.numel() for p in resnet50().parameters())
    assert.deepEqual(syntax(whole), []);
    const at = (needle) => src.split('\n').findIndex((l) => l.includes(needle)) + 1;
    // Statements of ResNet.__init__: a layer, the classifier (followed by a blank line and a for loop), a loop header.
    for (const line of [
      at('self.conv1 = nn.Conv2d(3, self.inplanes'),
      at('self.fc = nn.Linear(512 * block.expansion'),
      at('for m in self.modules():'),
      at('conv1x1(self.inplanes, planes * block.expansion, stride),'),
    ]) {
      const r = core.analyze(deleteParen(src, line), opts);
      const diags = syntax(r);
      assert.equal(diags.length, 1, `line ${line}: ${diags.map((d) => d.span.line)}`);
      assert.equal(diags[0].span.line, line);
      assert.match(diags[0].message, /'\(' was never closed/);
      assert.equal(r.coverage.complete, false, 'a syntax error makes the result partial');
      assert.equal(r.totals.params, whole.totals.params, `line ${line}`);
      assert.equal(r.totals.flops, whole.totals.flops, `line ${line}`);
    }
  },
);

test('a statement that cannot be closed is skipped; the statements around it still count', () => {
  const r = run(header + 'm1 = nn.Linear(8, 4)\nm2 = nn.Linear(4, for\nm3 = nn.Linear(4, 2)\n');
  const diags = syntax(r);
  assert.equal(diags.length, 1);
  assert.equal(diags[0].span.line, 4);
  assert.match(diags[0].message, /this statement is skipped/);
  assert.equal(r.totals.params, 36n + 10n); // PyTorch: Linear(8, 4) + Linear(4, 2)
  assert.equal(r.coverage.complete, false);
});

test('inside a block: the rest of the block still runs after a half-typed line', () => {
  const src =
    header +
    'class Net(nn.Module):\n' +
    '    def __init__(self):\n' +
    '        super().__init__()\n' +
    '        self.a = nn.Linear(8, 16\n' +
    '        self.b = nn.Linear(16, 4)\n' +
    '\n' +
    '        if self.b.in_features == 16:\n' +
    '            self.c = nn.Linear(4, 4)\n' +
    'net = Net()\n';
  const r = run(src);
  assert.deepEqual(
    syntax(r).map((d) => d.span.line),
    [6],
  );
  assert.equal(r.totals.params, 144n + 68n + 20n); // PyTorch: Linear(8, 16) + Linear(16, 4) + Linear(4, 4)
});

test('valid code in an unusual layout is not "repaired" when the error is elsewhere', () => {
  const r = run('x = max(\n1, 2)\ny = = 2\nz = 3\n');
  assert.deepEqual(
    syntax(r).map((d) => [d.span.line, /invalid syntax/.test(d.message)]),
    [[3, true]],
  );
});

test('1,500 and 100,000 nested brackets, and 100,000 chained operators: a clear diagnostic, the next line still runs', () => {
  for (const n of [1500, 100000]) {
    for (const deep of ['('.repeat(n) + '1' + ')'.repeat(n), '['.repeat(n) + ']'.repeat(n), '('.repeat(n)]) {
      const r = run(header + `x = ${deep}\nm = nn.Linear(8, 4)\n`);
      assert.deepEqual(
        syntax(r).map((d) => [d.span.line, d.message.includes('too many nested parentheses')]),
        [[3, true]],
      );
      assert.equal(r.totals.params, 36n);
    }
  }
  const r = run(header + `x = ${Array(100000).fill('1').join(' + ')}\nm = nn.Linear(8, 4)\n`);
  assert.match(syntax(r)[0].message, /nested more than 500 levels/);
  assert.equal(r.totals.params, 36n);
});

test('blocks nested deeper than Python allows: a diagnostic, not a stack overflow', () => {
  const ifs = Array.from({ length: 300 }, (_, i) => ' '.repeat(i) + 'if 1:').join('\n');
  const r = run(header + 'm = nn.Linear(8, 4)\n' + ifs + '\n' + ' '.repeat(300) + 'x = 1\n');
  assert.match(syntax(r)[0].message, /blocks nested more than 100 levels/);
  assert.equal(r.totals.params, 36n);
});

test('checkSyntax reports what analyze() reports', () => {
  const src = header + 'm = nn.Linear(8, 4\nn = 1\n';
  assert.deepEqual(core.checkSyntax(src, '/t/check.py'), syntax(core.analyze(src, { path: '/t/check2.py' })));
});

test('re-analysis of one document while it is half-typed and after the fix equals a fresh analysis', () => {
  const fixed = header + 'a = nn.Linear(8, 16)\nb = nn.Linear(16, 4)\nx = torch.randn(2, 8)\ny = b(a(x))\n';
  const broken = fixed.replace('nn.Linear(8, 16)', 'nn.Linear(8, 16');
  const path = '/t/typing.py';
  const strip = (r) => JSON.stringify(r.lines, (_, v) => (typeof v === 'bigint' ? String(v) : v));
  const fresh = core.analyze(fixed, { path: '/t/fresh.py' });
  for (const text of [fixed, broken, fixed, broken.replace('(2, 8)', '(3, 8)'), fixed]) {
    const r = core.analyze(text, { path });
    const alone = core.analyze(text, { path: `/t/alone${Math.random()}.py` });
    assert.equal(strip(r), strip(alone));
    assert.deepEqual(syntax(r), syntax(alone));
  }
  assert.equal(strip(core.analyze(fixed, { path })), strip(fresh));
});

test('an unterminated string is a syntax error on its line (Python: "unterminated string literal"), not a value', () => {
  const r = run(header + 'name = "abc\nm = nn.Linear(8, 4)\n');
  assert.deepEqual(
    syntax(r).map((d) => d.span.line),
    [3],
  );
  assert.equal(r.totals.params, 36n);
});

test('nesting Python accepts (199 brackets of calls on attributes) still parses and evaluates', () => {
  const x = 'torch.relu('.repeat(199) + 'torch.randn(2, 3)' + ')'.repeat(199);
  const r = run(header + `y = ${x}\n`);
  assert.deepEqual(syntax(r), []);
  assert.equal(r.lines.find((l) => l.line === 3).value, '[2, 3]');
});

test(
  'one document re-parsed after each of a run of edits reports what a fresh parse reports (torchvision resnet.py)',
  {
    skip: existsSync(resnet) ? undefined : `${resnet} is absent (apt-get install python3-torchvision)`,
  },
  () => {
    const src = readFileSync(resnet, 'utf8');
    const from = src.split('\n').findIndex((l) => l.includes('self.fc = nn.Linear(512 * block.expansion')) + 1;
    for (let line = from; line < from + 8; line++) {
      if (!src.split('\n')[line - 1].includes(')')) continue;
      const text = deleteParen(src, line);
      assert.deepEqual(
        core.checkSyntax(text, '/t/edited.py'),
        core.checkSyntax(text, `/t/fresh${line}.py`),
        `line ${line}`,
      );
    }
  },
);

test('an unclosed bracket in a decorator is a syntax error on its line, and the rest of the file still runs', () => {
  for (const decorator of ['@dec("abc)', '@dec(checkpoint="a"b")', '@dec(1']) {
    for (const target of ['def f():\n    pass', 'class A:\n    pass']) {
      const src = `${header}${decorator}\n${target}\nx = torch.randn(2, 3)\n`;
      const r = run(src);
      const where = `${decorator} / ${target.split('\n')[0]}`;
      assert.deepEqual(
        syntax(r).map((d) => d.span.line),
        [3],
        `${where}: ${r.diagnostics.map((d) => `${d.span.line} ${d.message}`).join(' | ')}`,
      );
      assert.ok(
        r.lines.some((l) => l.line === 6 && l.shapes[0] === '[2, 3]'),
        `${where}: the line after the definition is analyzed`,
      );
    }
  }
});
