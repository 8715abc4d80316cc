// The desktop runner against the real analysis process (dist/analysisProcess.js running dist/analysisWorker.js): results,
// sibling imports synced, edits of an imported file, cancellation, TS/JS, reports rendered in the process, a process
// that runs out of memory or dies (the runner's own process lives on) and a fresh process after it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { ProcessRunner, startAnalysisProcess, startProcess, skipWithoutWorker } from './workerBundle.mjs';
import { importTs } from './bundleTs.mjs';

const root = new URL('../..', import.meta.url).pathname;

const view = (files) => ({ read: (p) => files.get(p), entries: () => new Map(files) });
const never = () => false;
const failing = {
  kind: 'fallback',
  run: () => Promise.reject(new Error('fallback used')),
  render: () => Promise.reject(new Error('fallback used')),
  dispose() {},
};
const rethrow = (e) => {
  throw e;
};
const skip = skipWithoutWorker;
/** The runner's start function, counting the processes it starts. */
function counted(heapMb) {
  const started = [];
  const start = () => {
    const channel = startProcess(heapMb);
    started.push(channel);
    return channel;
  };
  return { started, start };
}
const failed = (why, languageId, options) => ({ failed: why, languageId, path: options.path });

test('runs analyses in the process, with sibling files synced and re-synced after an edit', { skip }, async () => {
  const { started, start } = counted();
  const runner = new ProcessRunner(start, failing, rethrow);
  try {
    const files = new Map([
      ['/p/layers.py', 'import torch.nn as nn\nWIDTH = 256\ndef block():\n    return nn.Linear(784, WIDTH)\n'],
    ]);
    const main = 'import torch\nfrom layers import block\nfc = block()\ny = fc(torch.randn(32, 784))\n';
    const r1 = await runner.run('python', main, { path: '/p/main.py' }, view(files), never);
    assert.equal(r1.output?.shape ?? r1.lines.find((l) => l.line === 4).value, '[32, 256]');
    assert.equal(r1.totals.macs, 32n * 784n * 256n, 'bigints cross the process boundary');
    files.set('/p/layers.py', files.get('/p/layers.py').replace('256', '128'));
    const r2 = await runner.run('python', main, { path: '/p/main.py' }, view(files), never);
    assert.equal(r2.totals.macs, 32n * 784n * 128n, 'the edited import reached the process');
    files.delete('/p/layers.py');
    const r3 = await runner.run('python', main, { path: '/p/main.py' }, view(files), never);
    assert.equal(r3.totals.macs, 0n, 'a deleted file is gone in the process too');
    assert.equal(started.length, 1, 'one process serves every run');
  } finally {
    runner.dispose();
  }
});

test('a cancelled run resolves undefined; the TS/JS front end loads in the process', { skip }, async () => {
  const runner = new ProcessRunner(() => startProcess(), failing, rethrow);
  try {
    const loop = 'import torch\nx = torch.randn(4, 4)\nwhile True:\n    x = x + 1\n';
    let cancel = false;
    setTimeout(() => (cancel = true), 50);
    const started = Date.now();
    assert.equal(
      await runner.run('python', loop, { path: '/p/loop.py', maxSteps: 1e9 }, view(new Map()), () => cancel),
      undefined,
    );
    // A billion steps take minutes: only the cancel message can have ended it (a generous bound for loaded machines).
    assert.ok(Date.now() - started < 60_000, `cancel took ${Date.now() - started} ms`);
    const tf = readFileSync(`${root}test/fixtures/tsjs/mlp.ts`, 'utf8');
    const r = await runner.run('typescript', tf, { path: '/p/model.ts' }, view(new Map()), never);
    assert.equal(r.language, 'tsjs');
    assert.ok(r.totals.params > 0n);
  } finally {
    runner.dispose();
  }
});

test(
  'reports render in the process, equal to the in-process renderer; its own results are named, not sent',
  { skip },
  async () => {
    const sentResults = [];
    const runner = new ProcessRunner(
      () => {
        const channel = startProcess();
        return { ...channel, send: (m) => (m.kind === 'render' && sentResults.push(!!m.result), channel.send(m)) };
      },
      failing,
      rethrow,
    );
    const report = await importTs("export { renderReport } from './protocol/report';", 'report');
    const { renderReport } = report.module;
    try {
      const source = readFileSync(`${root}examples/mlp.py`, 'utf8');
      const result = await runner.run('python', source, { path: '/p/mlp.py' }, view(new Map()), never);
      const context = { fileName: 'mlp.py', source };
      for (const format of ['table', 'markdown', 'csv', 'json'])
        assert.equal(await runner.render(result, format, context), renderReport(result, format, context), `${format}`);
      assert.deepEqual(sentResults, [false, false, false, false], 'the process renders the result it holds');
      // A result the process never made (a notebook cell's part) crosses with the request.
      const copy = structuredClone(result);
      assert.equal(await runner.render(copy, 'table', context), renderReport(result, 'table', context));
      assert.equal(sentResults.at(-1), true);
      // The process keeps the last result of 8 files: after 9 others, mlp.py's is asked for again and sent.
      for (let i = 0; i < 9; i++)
        await runner.run('python', `x = ${i}\n`, { path: `/p/other${i}.py` }, view(new Map()), never);
      sentResults.length = 0;
      assert.equal(await runner.render(result, 'csv', context), renderReport(result, 'csv', context));
      assert.deepEqual(sentResults, [false, true], 'named first, then sent when the process no longer had it');
      assert.match(await runner.render(result, 'table', context), /mlp\.py/);
    } finally {
      runner.dispose();
      report.dispose();
    }
  },
);

test(
  'an analysis that exhausts memory ends its process, not this one: a result says why, the next run works',
  { skip },
  async () => {
    // Each copy of a 4M-item list is 32 MB: past the 128 MB cap within a few iterations (a real blow-up, no stand-in).
    const hog = 'x = [0] * 4000000\nl = []\nfor i in range(1000):\n    l.append(x + [i])\n';
    const { started, start } = counted(128);
    const runner = new ProcessRunner(start, failing, rethrow, failed);
    try {
      const r = await runner.run('python', hog, { path: '/p/hog.py' }, view(new Map()), never);
      assert.deepEqual(r, {
        failed:
          'the analysis ran out of memory (limit 128 MB, flopscope.analysis.memoryLimitMb); the analysis process was restarted',
        languageId: 'python',
        path: '/p/hog.py',
      });
      const ok = 'import torch\ny = torch.randn(2, 3) @ torch.randn(3, 4)\n';
      const r2 = await runner.run('python', ok, { path: '/p/ok.py' }, view(new Map()), never);
      assert.equal(r2.totals.macs, 24n);
      assert.equal(started.length, 2, 'a fresh process for the next run');
    } finally {
      runner.dispose();
    }
  },
);

test('a process killed mid-run (as by the OOM killer or a V8 abort) gives a result saying so', { skip }, async () => {
  const { started, start } = counted();
  const runner = new ProcessRunner(start, failing, rethrow, failed);
  try {
    const slow = 'import torch\nx = torch.randn(4, 4)\nwhile True:\n    x = x + 1\n';
    const dying = runner.run('python', slow, { path: '/p/slow.py', maxSteps: 1e9 }, view(new Map()), never);
    setTimeout(() => started[0].kill(), 300);
    const r = await dying;
    assert.equal(r.failed, 'the analysis process ended (SIGTERM); the analysis process was restarted');
    const r2 = await runner.run(
      'python',
      'import torch\ny = torch.randn(2, 3) @ torch.randn(3, 4)\n',
      { path: '/p/ok.py' },
      view(new Map()),
      never,
    );
    assert.equal(r2.totals.macs, 24n);
    assert.equal(started.length, 2);
  } finally {
    runner.dispose();
  }
});

test('without a failed-result hook a death rejects the run', { skip }, async () => {
  const { started, start } = counted();
  const runner = new ProcessRunner(start, failing, rethrow);
  try {
    const slow = 'import torch\nx = torch.randn(4, 4)\nwhile True:\n    x = x + 1\n';
    const dying = runner.run('python', slow, { path: '/p/slow.py', maxSteps: 1e9 }, view(new Map()), never);
    setTimeout(() => started[0].kill(), 300);
    await assert.rejects(dying, /analysis process ended \(SIGTERM\)/);
  } finally {
    runner.dispose();
  }
});

test(
  'restart() ends the process: pending runs resolve undefined, the next run starts a fresh one',
  { skip },
  async () => {
    const { started, start } = counted();
    const runner = new ProcessRunner(start, failing, rethrow, failed);
    try {
      const slow = 'import torch\nx = torch.randn(4, 4)\nwhile True:\n    x = x + 1\n';
      const pending = runner.run('python', slow, { path: '/p/slow.py', maxSteps: 1e9 }, view(new Map()), never);
      setTimeout(() => runner.restart(), 300);
      assert.equal(await pending, undefined);
      const r = await runner.run(
        'python',
        'import torch\ny = torch.randn(2, 3) @ torch.randn(3, 4)\n',
        { path: '/p/ok.py' },
        view(new Map()),
        never,
      );
      assert.equal(r.totals.macs, 24n);
      assert.equal(started.length, 2);
    } finally {
      runner.dispose();
    }
  },
);

test(
  'library files are read from the import roots through the sandbox: no FIFO, no `..` escape',
  { skip },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flopscope-roots-'));
    const lib = join(dir, 'site');
    mkdirSync(lib);
    writeFileSync(join(lib, 'widths.py'), 'WIDTH = 128\n');
    writeFileSync(join(dir, 'outside.py'), 'WIDTH = 999\n');
    execFileSync('mkfifo', [join(lib, 'hang.py')]);
    const runner = new ProcessRunner(() => startProcess(), failing, rethrow);
    try {
      const run = (source) =>
        runner.run('python', source, { path: '/ws/main.py', importRoots: [lib] }, view(new Map()), never);
      const ok = await run(
        'import torch\nfrom widths import WIDTH\ny = torch.randn(2, WIDTH) @ torch.randn(WIDTH, 3)\n',
      );
      assert.equal(ok.totals.macs, 2n * 128n * 3n, 'a library module under the root is read');
      // A FIFO named like a module would block a plain read forever; the sandbox opens it non-blocking and refuses it.
      const fifo = await run('import hang\nx = 1\n');
      assert.ok(
        fifo.diagnostics.some((d) => /hang/.test(d.message)),
        `no diagnostic for the FIFO: ${JSON.stringify(fifo.diagnostics.map((d) => d.message))}`,
      );
      // A path that leaves the root by `..` is not read by the reader the process uses, even when the file exists.
      const { module: reader, dispose } = await importTs(
        "export { fileReader, ReadRoots } from './cli/fileReader';",
        'reader',
      );
      assert.equal(reader.fileReader(new reader.ReadRoots([lib]))(join(lib, '..', 'outside.py')), undefined);
      dispose();
    } finally {
      runner.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('a process that cannot start falls back to the in-process runner once and for all', async () => {
  const reasons = [];
  const inProcess = {
    kind: 'in-process',
    run: async () => ({ fallback: true }),
    render: async () => 'x',
    dispose() {},
  };
  const runner = new ProcessRunner(
    () => {
      throw new Error('no process here');
    },
    inProcess,
    (e) => reasons.push(e.message),
  );
  assert.deepEqual(await runner.run('python', 'x = 1\n', { path: '/p/x.py' }, view(new Map()), never), {
    fallback: true,
  });
  assert.deepEqual(await runner.run('python', 'x = 1\n', { path: '/p/x.py' }, view(new Map()), never), {
    fallback: true,
  });
  assert.equal(await runner.render({}, 'table', {}), 'x');
  assert.deepEqual(reasons, ['no process here']);
});

test('the process starter refuses a missing bundle (so the runner falls back), naming it', () => {
  assert.throws(
    () => startAnalysisProcess('/nonexistent/analysisProcess.js', 128, createRequire(import.meta.url)),
    /\/nonexistent\/analysisProcess\.js is missing/,
  );
});
