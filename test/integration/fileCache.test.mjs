// The extension's file preload (src/extension/fileCache.ts) over a fake file system: it reads only inside workspace
// folders (issue 11: it read the workspace folder's parent, 200 reads outside it) and never follows symlinks.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const out = `${root}out/test/fileCache.cjs`;
esbuild.buildSync({
  entryPoints: [`${root}src/extension/fileCache.ts`],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
  // The stub stays external (one shared instance): the test drives its fake disk.
  alias: { vscode: `${root}test/integration/stubs/vscode.cjs` },
  external: [`${root}test/integration/stubs/vscode.cjs`],
});
const require = createRequire(import.meta.url);
const { FileCache } = require(out);
const vscode = require(`${root}test/integration/stubs/vscode.cjs`);

function reset(files, folders) {
  vscode.disk.files = new Map(Object.entries(files));
  vscode.disk.links = new Set();
  vscode.disk.reads = [];
  vscode.workspace.workspaceFolders = folders.map((p) => ({ uri: vscode.Uri.file(p) }));
}

const doc = (path) => ({ uri: vscode.Uri.file(path) });

test('a model at the workspace root: its folder and subfolders are read, never the parent', async () => {
  const outside = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`/home/u/other${i}.py`, 'x = 1\n']));
  reset({ ...outside, '/home/u/proj/model.py': 'import torch\n', '/home/u/proj/layers/conv.py': 'X = 1\n' }, [
    '/home/u/proj',
  ]);
  const cache = new FileCache();
  await cache.preload(doc('/home/u/proj/model.py'));
  assert.deepEqual(
    vscode.disk.reads.filter((p) => !p.startsWith('/home/u/proj')),
    [],
    'nothing outside the workspace folder is read or listed',
  );
  const view = cache.view();
  assert.equal(view.read('/home/u/proj/layers/conv.py'), 'X = 1\n');
  assert.equal(view.read('/home/u/other0.py'), undefined);
  cache.dispose();
});

test('a model in a subfolder still gets its parent when that is inside the workspace', async () => {
  reset({ '/w/pkg/sub/m.py': 'from .. import a\n', '/w/pkg/a.py': 'A = 1\n', '/outside.py': 'S = 1\n' }, ['/w']);
  const cache = new FileCache();
  await cache.preload(doc('/w/pkg/sub/m.py'));
  assert.equal(cache.view().read('/w/pkg/a.py'), 'A = 1\n');
  assert.ok(!vscode.disk.reads.includes('/'));
  cache.dispose();
});

test('a file outside every workspace folder: its own folder only; extra roots widen it; symlinks never followed', async () => {
  reset(
    { '/tmp/x/m.py': 'import torch\n', '/tmp/y.py': 'Y = 1\n', '/tmp/x/link.py': 'L = 1\n', '/tmp/x/ln/z.py': '' },
    ['/w'],
  );
  vscode.disk.links.add('/tmp/x/link.py');
  vscode.disk.links.add('/tmp/x/ln');
  const cache = new FileCache();
  await cache.preload(doc('/tmp/x/m.py'));
  assert.deepEqual(vscode.disk.reads.sort(), ['/tmp/x', '/tmp/x/m.py']);
  cache.dispose();
  vscode.disk.reads = [];
  const wide = new FileCache(() => [vscode.Uri.file('/tmp')]);
  await wide.preload(doc('/tmp/x/m.py'));
  assert.equal(wide.view().read('/tmp/y.py'), 'Y = 1\n', 'a configured root may be read');
  wide.dispose();
});
