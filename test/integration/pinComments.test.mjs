// Set Entry → insert as comments: the comments pin the entry and the inputs, so a reopened file analyzes the same model.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { core, readFile } from '../unit/core.mjs';

let dir;
let p;
const resnet = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flopscope-pin-'));
  const outfile = join(dir, 'pin.mjs');
  await esbuild.build({
    entryPoints: [new URL('../../src/protocol/pinComments.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'warning',
  });
  p = await import(outfile);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the comments carry the entry and each input; old ones are found to be replaced', () => {
  const lines = p.pinComments('resnet50()', [{ shape: '1,3,224,224' }], ['x'], 'python');
  assert.deepEqual(lines, ['# flopscope: entry resnet50()', '# flopscope: input x: [1, 3, 224, 224]']);
  assert.deepEqual(p.pinComments('', [{ shape: 'B,10', dtype: 'float16' }], ['x'], 'tsjs'), [
    '// flopscope: input x: [B, 10] float16',
  ]);
  assert.deepEqual(
    p.pinnedLines('import torch\n# flopscope: entry Net()\n#flopscope: input x: [1]\n# flopscope: dim B=2\n', 'python'),
    [1, 2],
  );
});

test(
  'torchvision resnet.py with the inserted comments alone analyzes resnet50() as the remembered options did',
  { skip: !existsSync(resnet) && 'no torchvision sources' },
  () => {
    const source = readFileSync(resnet, 'utf8');
    const inputs = [{ shape: '1,3,224,224' }];
    const remembered = core.analyze(source, { path: resnet, readFile, entry: 'resnet50()', inputs });
    const pinned = p.pinComments('resnet50()', inputs, ['x'], 'python').join('\n') + '\n';
    const reopened = core.analyze(pinned + source, { path: resnet, readFile });
    assert.equal(reopened.entry, 'resnet50()');
    assert.equal(reopened.totals.params, 25557032n);
    assert.equal(reopened.totals.macs, remembered.totals.macs);
    assert.equal(reopened.output.shape, '[1, 1000]');
  },
);
