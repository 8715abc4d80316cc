// The desktop runner against the real worker bundle (dist/analysisWorker.js): results, sibling imports synced to the
// worker, edits of an imported file, cancellation, a TS/JS file, and a fresh worker after the old one dies.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

import { WorkerRunner, workerFile, skipWithoutWorker } from './workerBundle.mjs';

const root = new URL('../..', import.meta.url).pathname;

const view = (files) => ({ read: (p) => files.get(p), entries: () => new Map(files) });
const never = () => false;
const failing = { kind: 'fallback', run: () => Promise.reject(new Error('fallback used')), dispose() {} };
const skip = skipWithoutWorker;

test('runs analyses in a worker thread, with sibling files synced and re-synced after an edit', { skip }, async () => {
  const started = [];
  const runner = new WorkerRunner(
    () => {
      const w = new Worker(workerFile);
      started.push(w);
      return w;
    },
    failing,
    (e) => {
      throw e;
    },
  );
  try {
    const files = new Map([
      ['/p/layers.py', 'import torch.nn as nn\nWIDTH = 256\ndef block():\n    return nn.Linear(784, WIDTH)\n'],
    ]);
    const main = 'import torch\nfrom layers import block\nfc = block()\ny = fc(torch.randn(32, 784))\n';
    const r1 = await runner.run('python', main, { path: '/p/main.py' }, view(files), never);
    assert.equal(r1.output?.shape ?? r1.lines.find((l) => l.line === 4).value, '[32, 256]');
    assert.equal(r1.totals.macs, 32n * 784n * 256n);
    files.set('/p/layers.py', files.get('/p/layers.py').replace('256', '128'));
    const r2 = await runner.run('python', main, { path: '/p/main.py' }, view(files), never);
    assert.equal(r2.totals.macs, 32n * 784n * 128n, 'the edited import reached the worker');
    files.delete('/p/layers.py');
    const r3 = await runner.run('python', main, { path: '/p/main.py' }, view(files), never);
    assert.equal(r3.totals.macs, 0n, 'a deleted file is gone in the worker too');
    assert.equal(started.length, 1, 'one worker serves every run');
  } finally {
    runner.dispose();
  }
});

test('a cancelled run resolves undefined; the TS/JS front end loads in the worker', { skip }, async () => {
  const runner = new WorkerRunner(
    () => new Worker(workerFile),
    failing,
    (e) => {
      throw e;
    },
  );
  try {
    const loop = 'import torch\nx = torch.randn(4, 4)\nwhile True:\n    x = x + 1\n';
    let cancel = false;
    setTimeout(() => (cancel = true), 50);
    assert.equal(
      await runner.run('python', loop, { path: '/p/loop.py', maxSteps: 1e9 }, view(new Map()), () => cancel),
      undefined,
    );
    const tf = readFileSync(`${root}test/fixtures/tsjs/mlp.ts`, 'utf8');
    const r = await runner.run('typescript', tf, { path: '/p/model.ts' }, view(new Map()), never);
    assert.equal(r.language, 'tsjs');
    assert.ok(r.totals.params > 0n);
  } finally {
    runner.dispose();
  }
});

test('a worker that dies fails its run, and the next run starts a fresh one', { skip }, async () => {
  const started = [];
  const runner = new WorkerRunner(
    () => {
      const w = new Worker(workerFile);
      started.push(w);
      return w;
    },
    failing,
    (e) => {
      throw e;
    },
  );
  try {
    const slow = 'import torch\nx = torch.randn(4, 4)\nwhile True:\n    x = x + 1\n';
    const dying = runner.run('python', slow, { path: '/p/slow.py', maxSteps: 1e9 }, view(new Map()), never);
    setTimeout(() => void started[0].terminate(), 50);
    await assert.rejects(dying, /analysis worker stopped/);
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
});

test('a worker that cannot start falls back to the in-process runner once and for all', async () => {
  const reasons = [];
  const inProcess = { kind: 'in-process', run: async () => ({ fallback: true }), dispose() {} };
  const runner = new WorkerRunner(
    () => {
      throw new Error('no worker here');
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
  assert.deepEqual(reasons, ['no worker here']);
});

test('a worker that runs out of memory or dies gives a result saying why; the next run gets a fresh worker', async () => {
  // A stand-in for a worker thread that hits its heap cap: Node reports ERR_WORKER_OUT_OF_MEMORY, then the exit.
  // (A real OOM is not used here: in Node 20 a worker's heap cap does not reliably save the process; see the CLI's
  // child process.)
  const started = [];
  const fake = (code) => {
    const listeners = {};
    const w = {
      on: (event, f) => (listeners[event] = f),
      postMessage: () =>
        setTimeout(() => {
          if (code)
            listeners.error?.(Object.assign(new Error('Worker terminated due to reaching memory limit'), { code }));
          listeners.exit?.(1);
        }, 5),
      terminate: async () => 1,
    };
    started.push(w);
    return w;
  };
  const codes = ['ERR_WORKER_OUT_OF_MEMORY', undefined];
  const runner = new WorkerRunner(
    () => fake(codes.shift()),
    failing,
    (e) => {
      throw e;
    },
    (why, languageId, options) => ({ failed: why, languageId, path: options.path }),
  );
  runner.heapLimitMb = 2048;
  try {
    const r = await runner.run('python', 'x = 1\n', { path: '/p/hog.py' }, view(new Map()), never);
    assert.deepEqual(r, {
      failed: 'the analysis ran out of memory (limit 2048 MB); it was stopped and the analysis worker restarted',
      languageId: 'python',
      path: '/p/hog.py',
    });
    const r2 = await runner.run('typescript', 'x = 1\n', { path: '/p/m.ts' }, view(new Map()), never);
    assert.equal(r2.failed, 'the analysis worker stopped (exit code 1) and was restarted');
    assert.equal(started.length, 2, 'a fresh worker for the next run');
  } finally {
    runner.dispose();
  }
});
