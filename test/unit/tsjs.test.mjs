// analyzeTsJs against real TF.js goldens (params, output shapes, per-layer shapes and params, MACs by the cost model), inline expectations, robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'tsjs');
const goldens = join(root, 'test', 'oracle', 'golden');
const bundle = join(root, 'out', 'tsjs-test.cjs');
await esbuild.build({
  entryPoints: [join(root, 'src/core/tsjs/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  logLevel: 'warning',
  target: 'es2022',
});
const { analyzeTsJs } = createRequire(import.meta.url)(bundle);

const names = readdirSync(fixtures)
  .filter((f) => /\.[tj]s$/.test(f))
  .map((f) => f.replace(/\.[tj]s$/, ''))
  .sort();
const read = (name) => readFileSync(join(fixtures, `${name}.ts`), 'utf8');
const golden = (name) => JSON.parse(readFileSync(join(goldens, `tfjs_${name}.json`), 'utf8'));
const analyze = (name, opts = {}) => analyzeTsJs(read(name), { path: `${name}.ts`, ...opts });

/** TF.js shape -> our display: batch null is `B`; a later null is a wildcard (TF.js loses dims our analysis keeps, e.g. Reshape with -1). */
function shapeMatches(ours, theirs) {
  const parts = ours.replace(/^\[|\]$/g, '').split(', ');
  return (
    parts.length === theirs.length &&
    theirs.every((d, i) => (d === null ? (i === 0 ? parts[i] === 'B' : true) : parts[i] === String(d)))
  );
}

const prod = (xs) => xs.reduce((a, b) => a * (b ?? 1), 1);
/** The cost model's MAC rules, computed independently from TF.js's own layer shapes and configs. */
function expectedMacs(l) {
  const { className: c, inputShape: x, outputShape: y, config: k } = l;
  const ks = (v, n) => (Array.isArray(v) ? v : Array(n).fill(v));
  switch (c) {
    case 'Dense':
      return prod(x.slice(0, -1)) * x[x.length - 1] * k.units;
    case 'Conv1D':
      return prod(y) * x[x.length - 1] * prod(ks(k.kernelSize, 1));
    case 'Conv2D':
      return prod(y) * x[x.length - 1] * prod(ks(k.kernelSize, 2));
    case 'Conv3D':
      return prod(y) * x[x.length - 1] * prod(ks(k.kernelSize, 3));
    case 'DepthwiseConv2D':
      return prod(y) * prod(ks(k.kernelSize, 2));
    case 'SeparableConv2D': {
      const mid = x[3] * (k.depthMultiplier ?? 1);
      return prod(y.slice(0, -1)) * mid * (prod(ks(k.kernelSize, 2)) + k.filters);
    }
    case 'Conv2DTranspose':
      return prod(x) * k.filters * prod(ks(k.kernelSize, 2));
    case 'LSTM':
    case 'GRU':
    case 'SimpleRNN': {
      const g = { LSTM: 4, GRU: 3, SimpleRNN: 1 }[c];
      return prod(x.slice(0, 2)) * g * k.units * (x[2] + k.units);
    }
    case 'Bidirectional':
      return 2 * expectedMacs({ className: k.layer.className, inputShape: x, outputShape: y, config: k.layer.config });
    case 'TimeDistributed':
      return expectedMacs({
        className: k.layer.className,
        inputShape: [prod(x.slice(0, 2)), ...x.slice(2)],
        outputShape: [prod(y.slice(0, 2)), ...y.slice(2)],
        config: k.layer.config,
      });
    case 'Dot': {
      const a = Array.isArray(k.axes) ? k.axes[0] : k.axes;
      return prod(y) * x[0][a < 0 ? x[0].length + a : a];
    }
    default:
      return 0;
  }
}

/** Layer outputs the analysis recorded: one [className, shape] per application. */
function recordedLayers(r) {
  return r.lines.flatMap((l) => l.ops.flatMap((o) => Array(o.calls).fill([o.op, o.shape])));
}

for (const name of names) {
  const g = golden(name);
  test(`tfjs oracle: ${name}`, () => {
    const r = analyze(name);
    assert.equal(r.language, 'tsjs');
    const layers = g.layers ?? g.layersBeforeError;
    const sumParams = layers.reduce((a, l) => a + l.params, 0);
    if (g.error) {
      const norm = (m) => m.replace(/layer \S+:/, 'layer X:');
      const errs = r.diagnostics.filter((d) => d.severity === 'error');
      assert.ok(
        errs.some((d) => norm(d.message) === norm(g.error)),
        `expected TF.js error "${g.error}", got ${JSON.stringify(errs.map((d) => d.message))}`,
      );
    } else {
      assert.equal(r.totals.params, BigInt(g.countParams), 'countParams');
      assert.ok(
        r.output && shapeMatches(r.output.shape, g.outputShape),
        `output ${r.output?.shape} vs ${JSON.stringify(g.outputShape)}`,
      );
    }
    assert.equal(r.totals.params, BigInt(sumParams), 'sum of layer params');
    // Per layer: every TF.js layer has a recorded application with a matching class and output shape.
    const ours = recordedLayers(r);
    for (const l of layers) {
      const i = ours.findIndex(([op, shape]) => op === l.className && shapeMatches(shape, l.outputShape));
      assert.ok(i >= 0, `${l.className} ${JSON.stringify(l.outputShape)} not found in ${JSON.stringify(ours)}`);
      ours.splice(i, 1);
    }
    // Per layer params: the module tree's children by class.
    const kids = r.modules
      .flatMap((m) => m.children)
      .map((c) => `${c.type}:${c.params}`)
      .sort();
    assert.deepEqual(kids, layers.map((l) => `${l.className}:${l.params}`).sort());
    assert.equal(r.totals.macs, BigInt(layers.reduce((a, l) => a + expectedMacs(l), 0)), 'MACs');
    assert.equal(r.coverage.unknownOps, 0, JSON.stringify(r.coverage.unknown));
  });
}

test('inline expectations (// expect: shape params= macs=, // expect-error:)', () => {
  for (const name of names) {
    const src = read(name);
    const r = analyze(name);
    src.split('\n').forEach((text, i) => {
      const line = i + 1;
      const m = /\/\/ expect: ?(\[[^\]]*\])? ?(?:params=(\d+))? ?(?:macs=(\d+))?/.exec(text);
      const e = /\/\/ expect-error: (.*)$/.exec(text);
      const lc = r.lines.find((l) => l.line === line);
      if (m) {
        if (m[1])
          assert.ok(lc?.shapes.includes(m[1]), `${name}:${line} shape ${m[1]} vs ${JSON.stringify(lc?.shapes)}`);
        if (m[2]) assert.equal(lc?.params, BigInt(m[2]), `${name}:${line} params`);
        if (m[3]) assert.equal(lc?.macs ?? 0n, BigInt(m[3]), `${name}:${line} macs`);
      }
      if (e)
        assert.ok(
          r.diagnostics.some((d) => d.span.line === line && d.severity === 'error' && d.message.includes(e[1].trim())),
          `${name}:${line} error "${e[1]}" in ${JSON.stringify(r.diagnostics)}`,
        );
    });
  }
});

test('symbolic batch: B scales costs, not params', () => {
  const r1 = analyze('mlp');
  const r32 = analyze('mlp', { dims: { B: 32 } });
  assert.equal(r32.totals.macs, 32n * r1.totals.macs);
  assert.equal(r32.totals.params, r1.totals.params);
  assert.equal(r1.output.shape, '[B, 10]');
  assert.deepEqual(r1.dims, { B: 1 });
});

test('conventions: macs-only FLOPs equal MACs; seed FLOPs are 2·MACs + element-wise', () => {
  const m = analyze('cnn', { convention: 'macs' });
  assert.equal(m.totals.flops, m.totals.macs);
  const s = analyze('cnn');
  assert.ok(s.totals.flops > 2n * s.totals.macs);
});

test('entries: top-level, an exported build(tf), and an explicit entry', () => {
  assert.equal(analyze('mlp').entry, 'top-level');
  assert.equal(analyze('functional').entry, 'build(tf)');
  const r = analyzeTsJs(
    'function make(n) { return tf.sequential({ layers: [tf.layers.dense({ units: n, inputShape: [4] })] }); }',
    { path: 'a.js', entry: 'make(3)' },
  );
  assert.equal(r.totals.params, 15n);
  assert.equal(r.output.shape, '[B, 3]');
});

test('mixed precision (mixed_float16): fp32 weights, as in PyTorch under autocast (one shared policy)', () => {
  const src =
    "const tf = require('@tensorflow/tfjs');\nconst m = tf.sequential();\nm.add(tf.layers.dense({ units: 1000, inputShape: [1000] }));\n";
  assert.equal(analyzeTsJs(src, { path: 'x.js', precision: 'mixed' }).memory.paramBytes, 4004000n);
  assert.equal(analyzeTsJs(src, { path: 'x.js', precision: 'fp16' }).memory.paramBytes, 2002000n);
});

test('each layer is charged to its tf.layers line (self) and the adding line (inclusive)', () => {
  const src =
    "const tf = require('@tensorflow/tfjs');\nconst d = tf.layers.dense({ units: 8, inputShape: [4] });\nconst m = tf.sequential();\nm.add(d);\n";
  const r = analyzeTsJs(src, { path: 'x.js' });
  const l2 = r.lines.find((l) => l.line === 2),
    l4 = r.lines.find((l) => l.line === 4);
  assert.equal(l2.macs, 32n);
  assert.equal(l2.params, 40n);
  assert.equal(l4.macs, 0n);
  assert.equal(l4.inclusive.macs, 32n);
});

test('unknowns are counted, never silent zeros', () => {
  const src =
    "import * as tf from '@tensorflow/tfjs';\nimport { units } from './config';\nconst m = tf.sequential();\nm.add(tf.layers.dense({ units: 4, inputShape: [8] }));\nm.add(tf.layers.dense({ units }));\nm.add(tf.layers.dense({ units: 2 }));\nm.add(tf.layers.fancyThing({}));\n";
  const r = analyzeTsJs(src, { path: 'u.ts' });
  assert.equal(r.totals.params, 36n);
  assert.ok(r.coverage.unknownOps >= 2, JSON.stringify(r.coverage));
  assert.ok(r.coverage.unknown.some((u) => u.line === 5 && /units unknown/.test(u.name)));
  assert.ok(r.coverage.unknown.some((u) => u.line === 7));
  assert.equal(r.output.shape, '[?]');
});

test('shape errors read like TF.js', () => {
  const cases = [
    [
      'const m = tf.sequential(); m.add(tf.layers.dense({ units: 3 }));',
      'The first layer in a Sequential model must get an `inputShape` or `batchInputShape` argument.',
    ],
    [
      'const a = tf.input({ shape: [4, 4, 3] }); const b = tf.input({ shape: [5, 5, 3] }); tf.layers.concatenate().apply([a, b]);',
      'A `Concatenate` layer requires inputs with matching shapes except for the concat axis. Got input shapes: [[null,4,4,3],[null,5,5,3]]',
    ],
    [
      'const a = tf.input({ shape: [10] }); const b = tf.input({ shape: [20] }); tf.layers.add().apply([a, b]);',
      'Operands could not be broadcast together with shapes [10] [20]',
    ],
    ['const m = tf.sequential(); m.add(tf.layers.flatten({ inputShape: [10] }));', 'expected min_ndim=3, found ndim=2'],
    [
      'const m = tf.sequential(); m.add(tf.layers.reshape({ targetShape: [7], inputShape: [10] }));',
      'Total size of new array must be unchanged.',
    ],
  ];
  for (const [src, msg] of cases) {
    const r = analyzeTsJs(src, { path: 'e.js' });
    assert.ok(
      r.diagnostics.some((d) => d.severity === 'error' && d.message.includes(msg)),
      `${src}\n -> ${JSON.stringify(r.diagnostics.map((d) => d.message))}`,
    );
  }
});

test('robustness: truncated fixtures and garbage never throw', () => {
  const inputs = [
    '',
    '}}}',
    'model.add(',
    'const x = ',
    '\u0000\u0001',
    'tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})',
    'for (;;) {}',
    'function f() { return f(); } f();',
    'let a = []; while (true) a.push(a);',
  ];
  for (const name of names) {
    const src = read(name);
    for (let k = 0; k <= src.length; k += Math.max(1, Math.floor(src.length / 60))) inputs.push(src.slice(0, k));
  }
  for (const s of inputs) {
    const r = analyzeTsJs(s, { path: 'cut.ts', maxSteps: 200_000 });
    assert.equal(r.language, 'tsjs');
  }
  const cut = read('mlp').split('\n').slice(0, 11).join('\n');
  const r = analyzeTsJs(cut, { path: 'mlp.ts' });
  assert.ok(r.diagnostics.some((d) => d.code === 'syntax'));
});

test('relative imports run through the injected reader; costs land on the document lines that call into them', () => {
  const files = {
    'src/consts.ts': 'export const IMAGE_H = 28;\nexport const IMAGE_W = IMAGE_H;\nexport default { classes: 10 };\n',
    'src/blocks.js':
      "const tf = require('@tensorflow/tfjs');\nfunction block(filters) {\n  return tf.layers.conv2d({ filters, kernelSize: 3, activation: 'relu' });\n}\nmodule.exports = { block };\n",
  };
  const src = [
    "import * as tf from '@tensorflow/tfjs';",
    "import cfg, { IMAGE_H, IMAGE_W } from './consts';",
    "const { block } = require('./blocks');",
    'const model = tf.sequential();',
    'model.add(tf.layers.conv2d({ inputShape: [IMAGE_H, IMAGE_W, 1], filters: 4, kernelSize: 3 }));',
    'model.add(block(8));',
    'model.add(tf.layers.flatten());',
    'model.add(tf.layers.dense({ units: cfg.classes }));',
  ].join('\n');
  const r = analyzeTsJs(src, { path: 'src/main.ts', readFile: (p) => files[p] });
  assert.equal(r.coverage.unknownOps, 0, JSON.stringify(r.coverage.unknown));
  assert.equal(r.output.shape, '[B, 10]');
  assert.equal(r.totals.params, 40n + 296n + 24n * 24n * 8n * 10n + 10n);
  const l6 = r.lines.find((l) => l.line === 6);
  assert.equal(l6.params, 296n);
  assert.equal(l6.macs, 24n * 24n * 8n * 4n * 9n);
  assert.ok(r.lines.every((l) => l.line >= 1 && l.line <= 8));
  const none = analyzeTsJs(src, { path: 'src/main.ts' });
  assert.ok(none.coverage.unknownOps > 0);
});

test('classes: constructor fields, methods, this, super', () => {
  const src = [
    "import * as tf from '@tensorflow/tfjs';",
    'class Base {',
    '  hidden = 16;',
    '  constructor(inputs) { this.inputs = inputs; }',
    '  head(n) { return tf.layers.dense({ units: n }); }',
    '}',
    'class Policy extends Base {',
    '  constructor(inputs, actions) {',
    '    super(inputs);',
    '    this.net = tf.sequential();',
    '    this.net.add(tf.layers.dense({ units: this.hidden, inputShape: [this.inputs], activation: "relu" }));',
    '    this.net.add(this.head(actions));',
    '  }',
    '  get size() { return this.net.countParams(); }',
    '}',
    'const p = new Policy(4, 2);',
    'export const total = p.size;',
  ].join('\n');
  const r = analyzeTsJs(src, { path: 'c.ts' });
  assert.equal(r.coverage.unknownOps, 0, JSON.stringify(r.coverage.unknown));
  assert.equal(r.totals.params, 4n * 16n + 16n + 16n * 2n + 2n);
  assert.equal(r.output.shape, '[B, 2]');
  assert.equal(r.lines.find((l) => l.line === 12).inclusive.macs, 32n);
});

test('RNN initial states and returnState follow TF.js', () => {
  const src = [
    'const x = tf.input({ shape: [10, 8] });',
    'const [out, h, c] = tf.layers.lstm({ units: 16, returnState: true }).apply(x);',
    'const y = tf.input({ shape: [5, 8] });',
    'const dec = tf.layers.lstm({ units: 16, returnSequences: true }).apply([y, h, c]);',
    'const model = tf.model({ inputs: [x, y], outputs: [dec, out] });',
  ].join('\n');
  const r = analyzeTsJs(src, { path: 's.js' });
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.output.shape, '[B, 5, 16]');
  assert.equal(r.totals.params, 2n * 4n * (16n * (8n + 16n) + 16n));
});

/** Real TF.js, quietly (it logs a backend notice on load); undefined when it is not installed. */
function loadTfjs() {
  const log = console.log;
  console.log = () => {};
  try {
    return createRequire(import.meta.url)('@tensorflow/tfjs');
  } catch {
    return undefined;
  } finally {
    console.log = log;
  }
}

test('goldens are current: real TF.js rebuilds every fixture and matches its golden', async (t) => {
  const tf = loadTfjs();
  if (!tf) {
    t.skip('@tensorflow/tfjs is not installed');
    return;
  }
  const { runFixture } = await import('../oracle/tfjs_oracle.mjs');
  for (const name of names) {
    const got = JSON.stringify(runFixture(tf, join(fixtures, `${name}.ts`)), null, 1) + '\n';
    const want = readFileSync(join(goldens, `tfjs_${name}.json`), 'utf8');
    // Layer names carry TF.js's process-wide counters, so they depend on which fixtures ran before; compare without them.
    const strip = (s) =>
      JSON.stringify(JSON.parse(s), (k, v) =>
        k === 'name' && typeof v === 'string' && v !== name ? undefined : v,
      ).replace(/layer \S+:/g, 'layer X:');
    assert.equal(strip(got), strip(want), `golden tfjs_${name}.json is stale: run node test/oracle/tfjs_oracle.mjs`);
  }
});

test('given input shapes set the batch (and other symbolic) dims; mismatches are bad-input errors', () => {
  const r = analyze('mlp', { inputs: [{ shape: '32,784' }] });
  assert.equal(r.totals.macs, 32n * analyze('mlp').totals.macs);
  assert.equal(r.dims.B, 32);
  const bad = analyze('mlp', { inputs: [{ shape: '32,100' }] });
  assert.ok(bad.diagnostics.some((d) => d.code === 'bad-input' && /dim 1 is 784/.test(d.message)));
  const rank = analyze('mlp', { inputs: [{ shape: '1,28,28' }] });
  assert.ok(rank.diagnostics.some((d) => d.code === 'bad-input'));
});

test('model.predict on a concrete batch costs the model at that batch; settings and input shapes still win', () => {
  const model = read('mlp');
  const one = analyze('mlp');
  const src = `${model}\nconst y = model.predict(tf.zeros([64, 784]));\n`;
  const line = src.split('\n').length - 1;
  const r = analyzeTsJs(src, { path: 'mlp.ts' });
  assert.equal(r.dims.B, 64);
  assert.equal(r.totals.macs, 64n * one.totals.macs);
  assert.equal(r.totals.params, one.totals.params);
  const predict = r.lines.find((l) => l.line === line);
  assert.deepEqual(predict?.shapes, ['[64, 10]'], `line ${line}: ${predict?.shapes}`);
  assert.equal(analyzeTsJs(src, { path: 'mlp.ts', dims: { B: 8 } }).totals.macs, 8n * one.totals.macs);
  assert.equal(analyzeTsJs(src, { path: 'mlp.ts', inputs: [{ shape: '16,784' }] }).dims.B, 16);
  // A second call at another batch: the first one's batch is kept, and a note says so.
  const two = analyzeTsJs(`${src}const z = model.predict(tf.zeros([32, 784]));\n`, { path: 'mlp.ts' });
  assert.equal(two.dims.B, 64);
  assert.ok(
    two.diagnostics.some((d) => d.code === 'batch-differs' && /B = 64/.test(d.message) && /B = 32/.test(d.message)),
    JSON.stringify(two.diagnostics),
  );
});

test('error messages equal real TF.js errors (when TF.js is installed)', (t) => {
  const tf = loadTfjs();
  if (!tf) {
    t.skip('@tensorflow/tfjs is not installed');
    return;
  }
  const cases = [
    'const m = tf.sequential(); m.add(tf.layers.dense({ units: 3 }));',
    'const a = tf.input({ shape: [4, 4, 3] }); const b = tf.input({ shape: [5, 5, 3] }); tf.layers.concatenate().apply([a, b]);',
    'const a = tf.input({ shape: [10] }); const b = tf.input({ shape: [20] }); tf.layers.add().apply([a, b]);',
    'const m = tf.sequential(); m.add(tf.layers.flatten({ inputShape: [10] }));',
    'const d = tf.layers.dense({ units: 3 }); d.apply(tf.input({ shape: [10] })); d.apply(tf.input({ shape: [20] }));',
    'const m = tf.sequential(); m.add(tf.layers.conv2d({ filters: 2, kernelSize: 5, inputShape: [3, 3, 1] }));',
    'const m = tf.sequential(); m.add(tf.layers.lstm({ units: 4, inputShape: [10] }));',
    'const a = tf.input({ shape: [4] }); tf.layers.add().apply([a]);',
  ];
  const norm = (m) => m.split('\n')[0].replace(/[a-z0-9_]+_[A-Za-z0-9]+?\d+(?=[: ])/g, 'LAYER');
  for (const src of cases) {
    let real;
    try {
      new Function('tf', src)(tf);
    } catch (e) {
      real = e.message;
    }
    assert.ok(real, `TF.js accepted: ${src}`);
    const ours = analyzeTsJs(src, { path: 'e.js' })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => norm(d.message));
    assert.ok(ours.includes(norm(real)), `${src}\n real: ${real}\n ours: ${JSON.stringify(ours)}`);
  }
});

test('TS/JS: doubling arrays and strings stop with a resource-limit diagnostic too', () => {
  for (const src of [
    'let x = [0];\nfor (let i = 0; i < 100; i++) { x = x.concat(x); }\n',
    'let x = [0];\nfor (let i = 0; i < 100; i++) { x = [...x, ...x]; }\n',
    'let s = "ab";\nfor (let i = 0; i < 100; i++) { s = s + s; }\n',
  ]) {
    const r = analyzeTsJs(src, { path: '/t/limits.js' });
    const d = r.diagnostics.find((x) => x.code === 'resource-limit');
    assert.ok(d, src);
    assert.equal(r.coverage.complete, false);
  }
});
