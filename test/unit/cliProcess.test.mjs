// The CLI process under bad input (issue 11): exit statuses 0-4, clear one-line messages, sandboxed reading, caches that cannot hurt.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from './core.mjs';

const cli = join(root, 'dist/cli.js');
const work = mkdtempSync(join(tmpdir(), 'flopscope-process-'));
/** Each run gets its own temp folder (the cache lives there), unless a test passes one. */
const cacheTmp = join(work, 'tmp');
mkdirSync(cacheTmp);
const run = (args, { tmp = cacheTmp, env = {}, input, timeout = 60_000, nodeArgs = [] } = {}) =>
  spawnSync(process.execPath, [...nodeArgs, cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, FLOPSCOPE_NO_CACHE: '', ...env },
    input,
    timeout,
  });
const noStack = (stderr) => assert.doesNotMatch(stderr, /\n\s+at .*:\d+:\d+\)?\n/, 'no stack trace');

before(() => {
  if (!existsSync(cli)) spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
});
after(() => rmSync(work, { recursive: true, force: true }));

function file(rel, text) {
  const p = join(work, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

test('a partial result: one-line warning on stderr, ≥ on totals, exit 0; --strict exits 3', () => {
  const p = file('partial/m.py', 'import torch\nimport madeup\nx = torch.randn(2, 3)\ny = madeup.op(x)\n');
  const r = run(['analyze', p]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^flopscope: partial result: 1 unknown op: .*\(line 4\)[^\n]*\n$/);
  // The missing module's hint is said in the CLI's own words (the editor names its settings instead).
  assert.match(r.stderr, /Give the Python environment: --python EXE or --python-path DIR/);
  assert.doesNotMatch(r.stderr, /extraPaths|editor/);
  assert.match(r.stdout, /partial: .*\(totals are lower bounds\)/);
  assert.match(r.stdout, /FLOPs forward +≥ /);
  assert.equal(JSON.parse(run(['analyze', p, '--format', 'json']).stdout).coverage.complete, false);
  assert.equal(run(['analyze', p, '--strict']).status, 3);
  const whole = run(['analyze', 'examples/mlp.py', '--strict']);
  assert.equal(whole.status, 0, 'a complete result passes --strict');
  assert.equal(whole.stderr, '');
  assert.equal(run(['analyze', 'examples/convnet.py', '--strict']).status, 1, 'shape errors stay exit 1');
});

test('an internal error exits 4 with one line, the stack only with --debug (never exit 1)', () => {
  // 1,500 nested brackets (issue 11) overflow the stack while lowering; and a failure anywhere in the run is caught.
  const deep = file('deep/d.py', `x = ${'['.repeat(1500)}${']'.repeat(1500)}\n`);
  const boom = file('boom.cjs', "process.stdout.write = () => { throw new Error('boom'); };\n");
  for (const r of [run(['analyze', deep]), run(['analyze', 'examples/mlp.py'], { nodeArgs: ['-r', boom] })]) {
    assert.ok(r.status === 4 || r.status === 0, `exit ${r.status}: ${r.stderr}`);
    if (r.status === 4) {
      assert.match(r.stderr, /^flopscope: internal error: .*\(run with --debug for the stack trace\)\n/);
      noStack(r.stderr);
    }
  }
  const r = run(['analyze', 'examples/mlp.py'], { nodeArgs: ['-r', boom] });
  assert.equal(r.status, 4);
  assert.equal(r.stderr, 'flopscope: internal error: Error: boom (run with --debug for the stack trace)\n');
  const debug = run(['analyze', 'examples/mlp.py', '--debug'], { nodeArgs: ['-r', boom] });
  assert.equal(debug.status, 4);
  assert.match(debug.stderr, /Error: boom\n\s+at /);
});

test('bad input gets a clear message and exit 2: notebooks, --dim, arguments', () => {
  const cases = [
    ['{"cells":[null]}', /not a notebook \(cell 1 is null, not an object\)/],
    ['{"cells":[{"cell_type":"code","source":42}]}', /cell 1: "source" must be a string or a list of strings/],
    ['{"cells":[{"cell_type":"code","source":[1,2]}]}', /cell 1: "source" must be a string or a list/],
    ['{"cells":{}}', /no "cells" list/],
    ['{"cells":[[]]}', /cell 1 is a list, not an object/],
    ['null', /no "cells" list/],
  ];
  for (const [text, message] of cases) {
    const r = run(['analyze', file('nb/bad.ipynb', text)]);
    assert.equal(r.status, 2, text);
    assert.match(r.stderr, message);
    noStack(r.stderr);
  }
  const meta = run(['analyze', file('nb/meta.ipynb', '{"cells":[],"metadata":{"language_info":{"name":42}}}')]);
  assert.equal(meta.status, 0, meta.stderr);
  const big = run(['analyze', 'examples/mlp.py', '--dim', `B=${'9'.repeat(400)}`]);
  assert.equal(big.status, 2);
  assert.match(big.stderr, /^flopscope: --dim 'B=9{35}\.\.\.': VALUE must be an integer from 1 to 9007199254740991/);
  for (const args of [
    ['analyze', 'examples/mlp.py', '--strict=yes'],
    ['analyze', 'examples/mlp.py', '--dim', 'B=0'],
    ['analyze', 'examples/mlp.py', '--entry'],
    ['analyze', 'examples/mlp.py', `--${'x'.repeat(5000)}`, '1'],
    ['analyze', 'examples/mlp.py', '--format', '\u001b[31mred'],
    ['frobnicate'],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.ok(r.stderr.split('\n')[0].length < 200, 'a short first line');
    assert.doesNotMatch(r.stderr, /\u001b/, 'no terminal escapes echoed');
    noStack(r.stderr);
  }
});

test('the analyzed file must be a regular file: /dev/zero, /dev/stdin, a FIFO, a folder get exit 2 at once', () => {
  const fifo = join(work, 'fifo.py');
  spawnSync('mkfifo', [fifo]);
  for (const [path, message] of [
    ['/dev/zero', /not a regular file/],
    ['/dev/stdin', /not a regular file/],
    [fifo, /not a regular file/],
    [work, /a folder, not a file/],
  ]) {
    if (!existsSync(path)) continue;
    const r = run(['analyze', path], { timeout: 10_000 });
    assert.equal(r.status, 2, `${path}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('imports are read only under the project root: no climbing dots, no ancestor-name match, no ../../etc/passwd', () => {
  // <tmp>/anc/outside.py sits above the project (marked by pyproject.toml); every import below tries to reach it:
  // by dots that climb out of the project, and by the ancestor folder's name as a package.
  file('anc/outside.py', 'import torch\nSECRET = torch.randn(7, 7)\n');
  file('anc/outside.ts', "import * as tf from '@tensorflow/tfjs';\nexport default tf.zeros([7, 7]);\n");
  file('anc/sandbox/proj/pyproject.toml', '');
  file('anc/sandbox/proj/inside.py', 'import torch\nOK = torch.randn(5, 5)\n');
  const dots = '.'.repeat(40);
  const py = file(
    'anc/sandbox/proj/pkg/m.py',
    [
      'import torch',
      `from ${dots} import outside as a`,
      `from ${dots}outside import SECRET as b`,
      'from anc.outside import SECRET as c',
      'from ....outside import SECRET as d',
      'x = torch.randn(2, 2)',
      'y = a.SECRET + b + c + d',
      '',
    ].join('\n'),
  );
  const trace = spawnSync('strace', ['-f', '-e', 'trace=openat,open', '-o', join(work, 'py.trace'), 'true']);
  const useStrace = trace.status === 0;
  const args = ['analyze', py, '--format', 'json'];
  const r = useStrace
    ? spawnSync(
        'strace',
        ['-f', '-e', 'trace=openat,open', '-o', join(work, 'py.trace'), process.execPath, cli, ...args],
        {
          encoding: 'utf8',
          timeout: 300_000,
          env: { ...process.env, FLOPSCOPE_NO_CACHE: '1' },
        },
      )
    : run(args, { timeout: 300_000 });
  assert.equal(r.status, 0, `python (strace: ${useStrace}): status ${r.status}, signal ${r.signal}: ${r.stderr}`);
  const j = JSON.parse(r.stdout);
  assert.ok(j.lines.length > 0, 'the file was analyzed');
  assert.ok(!j.lines.some((l) => l.shapesText.includes('[7, 7]')), 'nothing of outside.py was evaluated');
  if (useStrace) assert.doesNotMatch(readFileSync(join(work, 'py.trace'), 'utf8'), /outside\.py/);
  // A sibling inside the project still imports.
  const ok = file('anc/sandbox/proj/pkg/n.py', 'import torch\nfrom ..inside import OK\ny = OK + 1\n');
  assert.match(run(['analyze', ok, '--format', 'json']).stdout, /\[5, 5\]/);

  const ts = file(
    'anc/sandbox/proj/web/m.ts',
    [
      "import * as tf from '@tensorflow/tfjs';",
      "import x from '../../../../../../../../../etc/passwd';",
      "import z from '../../../../../../../../../dev/zero';",
      "import s from '../../../../../../../../../dev/stdin';",
      "import o from '../../../outside';",
      'const m = tf.sequential();',
      'm.add(tf.layers.dense({ units: 4, inputShape: [3] }));',
      '',
    ].join('\n'),
  );
  const t = useStrace
    ? spawnSync(
        'strace',
        ['-f', '-e', 'trace=openat,open', '-o', join(work, 'ts.trace'), process.execPath, cli, 'analyze', ts],
        { encoding: 'utf8', timeout: 300_000, env: { ...process.env, FLOPSCOPE_NO_CACHE: '1' } },
      )
    : run(['analyze', ts], { timeout: 300_000 });
  // /dev/zero and /dev/stdin are never opened, so the run ends (a hang would hit the timeout, status null).
  assert.equal(t.status, 0, `TS/JS (strace: ${useStrace}): status ${t.status}, signal ${t.signal}: ${t.stderr}`);
  assert.match(t.stdout, /Params +16/);
  if (useStrace)
    assert.doesNotMatch(readFileSync(join(work, 'ts.trace'), 'utf8'), /passwd|dev\/zero|dev\/stdin|outside/);
});

test('a symlink inside the project that leads outside is not followed', () => {
  file('linked/secret.py', 'import torch\nS = torch.randn(9, 9)\n');
  file('sandbox2/proj/pyproject.toml', '');
  symlinkSync(join(work, 'linked/secret.py'), join(work, 'sandbox2/proj/escape.py'));
  const p = file('sandbox2/proj/m.py', 'import torch\nfrom escape import S\ny = S + 1\n');
  const r = run(['analyze', p, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes('[9, 9]'));
});

test('the V8 code cache: 50 flipped bytes are detected, the run is normal and the cache rewritten', () => {
  const tmp = mkdtempSync(join(work, 'cc-'));
  const first = run(['analyze', 'examples/gpt.py'], { tmp });
  assert.equal(first.status, 0, first.stderr);
  const dir = readdirSync(tmp).find((d) => d.startsWith('flopscope-'));
  const codeDir = join(tmp, dir, 'code');
  const [bin] = readdirSync(codeDir).filter((f) => f.endsWith('.bin'));
  const path = join(codeDir, bin);
  const bytes = readFileSync(path);
  let seed = 11;
  for (let i = 0; i < 50; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[32 + (seed % (bytes.length - 32))] ^= 0xff;
  }
  writeFileSync(path, bytes);
  const second = run(['analyze', 'examples/gpt.py'], { tmp });
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.signal, null);
  assert.equal(second.stdout, first.stdout);
  assert.ok(!readFileSync(path).equals(bytes), 'the damaged cache was rewritten');
  assert.equal(run(['analyze', 'examples/gpt.py'], { tmp }).stdout, first.stdout);
});

test('the IR cache: {"body":[]} and shuffled statements are ignored, the entry rewritten', () => {
  const tmp = mkdtempSync(join(work, 'ir-'));
  const first = run(['analyze', 'examples/gpt.py', '--format', 'json'], { tmp });
  assert.equal(first.status, 0, first.stderr);
  const base = join(
    tmp,
    readdirSync(tmp).find((d) => d.startsWith('flopscope-')),
  );
  const irDir = join(
    base,
    readdirSync(base).find((d) => d.startsWith('ir-')),
  );
  const [entry] = readdirSync(irDir);
  const path = join(irDir, entry);
  const good = readFileSync(path, 'utf8');
  const [header, body] = [good.slice(0, good.indexOf('\n')), good.slice(good.indexOf('\n') + 1)];
  const ir = JSON.parse(body);
  const shuffled = JSON.stringify({ ...ir, body: [...ir.body].reverse() });
  for (const bad of ['{"body":[]}', `${header}\n{"body":[],"syntaxErrors":[]}`, `${header}\n${shuffled}`]) {
    writeFileSync(path, bad);
    const r = run(['analyze', 'examples/gpt.py', '--format', 'json'], { tmp });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, first.stdout, 'same result as a fresh parse');
    assert.equal(readFileSync(path, 'utf8'), good, 'rewritten');
  }
});

test('a cache folder planted as a symlink is never followed', () => {
  const tmp = mkdtempSync(join(work, 'plant-'));
  const target = mkdtempSync(join(work, 'target-'));
  const uid = process.getuid();
  const link = join(tmp, `flopscope-${uid}`);
  symlinkSync(target, link);
  const asOther = uid === 0; // root can make the link another user's, as a planted one would be
  if (asOther) lchownSync(link, 65534, 65534);
  const r = run(['analyze', 'examples/mlp.py'], { tmp });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(target), [], 'nothing written through the link');
  if (asOther) assert.ok(lstatSync(link).isSymbolicLink(), "another user's link is left alone (caching off)");
  else assert.ok(lstatSync(link).isDirectory(), 'our own stray link is replaced by a private folder');
});
