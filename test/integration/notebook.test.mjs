// A notebook as one program (src/protocol/notebook.ts) over the real engine: cells joined, magics neutralized, results cut per cell.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';

let dir;
let m;
const src = new URL('../../src', import.meta.url).pathname;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flopscope-notebook-'));
  const outfile = join(dir, 'notebook.mjs');
  await esbuild.build({
    stdin: {
      contents: "export * from './protocol/notebook'; export { analyze } from './core/analyze';",
      resolveDir: src,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'warning',
  });
  m = await import(outfile);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const cells = [
  'import torch\nimport torch.nn as nn\n%matplotlib inline\n!pip list',
  'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 4)\n\n    def forward(self, x):\n        return self.fc(x)',
  'model = Net()\ny = model(torch.randn(2, 8))\nz = y @ torch.randn(5, 3)',
];

test('cells join into one program; magics and shell escapes do not break the parse', () => {
  const { source, cells: places } = m.joinCells(cells);
  assert.equal(source.split('\n').length, places.at(-1).firstLine + places.at(-1).lineCount);
  for (const [i, p] of places.entries())
    assert.equal(source.slice(p.offset, p.offset + p.length).replace(/^#/gm, ''), cells[i].replace(/^[%!]/gm, ''));
  const r = m.analyze(source, { path: '/nb/model.ipynb' });
  assert.ok(!r.diagnostics.some((d) => d.code === 'syntax'), JSON.stringify(r.diagnostics));
});

test("each cell sees its own lines and diagnostics, renumbered; totals and the module tree stay the notebook's", () => {
  const { source, cells: places } = m.joinCells(cells);
  const r = m.analyze(source, { path: '/nb/model.ipynb' });
  const defs = m.projectCell(r, places[1]);
  assert.equal(
    defs.lines.find((l) => l.line === 4)?.params,
    8n * 4n + 4n,
    'nn.Linear(8, 4) on line 4 of the class cell',
  );
  assert.equal(defs.diagnostics.length, 0);
  const use = m.projectCell(r, places[2]);
  assert.equal(use.lines.find((l) => l.line === 2)?.value, '[2, 4]');
  assert.equal(use.lines.find((l) => l.line === 2)?.inclusive.macs, 2n * 8n * 4n);
  assert.equal(use.totals.params, 36n);
  assert.equal(use.modules[0]?.type, 'Net');
  assert.equal(use.modules[0]?.line, 1, 'Net() is constructed on line 1 of the last cell');
  assert.equal(use.modules[0]?.children[0]?.line, undefined, 'fc is constructed in another cell');
  const error = use.diagnostics.find((d) => d.severity === 'error');
  assert.ok(error, 'the matmul shape error shows in the cell where it happens');
  assert.equal(error.span.line, 3);
  assert.match(cells[2].slice(error.span.start, error.span.end), /y @ torch\.randn\(5, 3\)/);
  assert.equal(m.projectCell(r, places[0]).diagnostics.length, 0);
});

test('cellAt maps a line of the joined program back to its cell and line', () => {
  const { cells: places } = m.joinCells(cells);
  assert.deepEqual(m.cellAt(places, 1), { index: 0, line: 1 });
  assert.deepEqual(m.cellAt(places, 4), { index: 0, line: 4 });
  assert.deepEqual(m.cellAt(places, 5), { index: 1, line: 1 });
  assert.deepEqual(m.cellAt(places, places[2].firstLine + 3), { index: 2, line: 3 });
  assert.equal(m.cellAt(places, places[2].firstLine + places[2].lineCount + 1), undefined);
});

test('a %%bash or %%writefile cell is left out whole; a %%time cell still runs as Python', () => {
  const texts = [
    'import torch',
    '%%bash\nfor f in *.py; do\n  echo $f\ndone',
    '%%writefile model.py\nclass Net:\n    pass',
    '%%time\ny = torch.randn(8, 3) @ torch.randn(3, 2)',
  ];
  const { source, cells: places } = m.joinCells(texts);
  assert.equal(source.length, texts.join('\n').length, 'offsets unchanged');
  const r = m.analyze(source, { path: '/nb/magic.ipynb' });
  assert.ok(!r.diagnostics.some((d) => d.code === 'syntax'), JSON.stringify(r.diagnostics));
  assert.equal(m.projectCell(r, places[3]).lines.find((l) => l.line === 2)?.value, '[8, 2]');
});
