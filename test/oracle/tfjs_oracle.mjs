// Builds each TF.js fixture with the real @tensorflow/tfjs and records params, output shapes and per-layer facts; --check compares with the goldens.
// Usage: node test/oracle/tfjs_oracle.mjs [--check] [name ...]   (writes test/oracle/golden/tfjs_<name>.json)
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'tsjs');
const goldenDir = join(here, 'golden');
const require = createRequire(import.meta.url);
const ts = require('typescript');

/** Loads tfjs quietly (it greets Node users on stdout). */
function loadTf() {
  const log = console.log;
  console.log = () => {};
  try {
    return require('@tensorflow/tfjs');
  } finally {
    console.log = log;
  }
}

/** A tf whose sequential/model calls are remembered, so plain scripts need not export their model. */
function recordingTf(tf, models) {
  const wrap =
    (name) =>
    (...args) => {
      const m = tf[name](...args);
      models.push(m);
      return m;
    };
  return new Proxy(tf, { get: (t, k) => (k === 'sequential' || k === 'model' ? wrap(k) : t[k]) });
}

function layerFacts(layer) {
  const cfg = layer.getConfig();
  const inShape = (() => {
    try {
      const i = layer.input;
      return Array.isArray(i) ? i.map((t) => t.shape) : i.shape;
    } catch {
      return null;
    }
  })();
  const keep = [
    'units',
    'filters',
    'kernelSize',
    'strides',
    'padding',
    'poolSize',
    'depthMultiplier',
    'returnSequences',
    'useBias',
    'activation',
    'n',
    'size',
    'axis',
    'inputDim',
    'outputDim',
    'axes',
    'mergeMode',
    'layer',
  ];
  return {
    name: layer.name,
    className: layer.getClassName(),
    inputShape: inShape,
    outputShape: layer.outputShape,
    params: layer.countParams(),
    config: Object.fromEntries(keep.filter((k) => cfg[k] !== undefined).map((k) => [k, cfg[k]])),
  };
}

export function runFixture(tf, file) {
  const models = [];
  const tfr = recordingTf(tf, models);
  const src = readFileSync(file, 'utf8');
  const js = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  const mod = { exports: {} };
  const req = (name) => (/^@tensorflow\/tfjs/.test(name) ? tfr : require(name));
  const out = { name: basename(file).replace(/\.[tj]s$/, '') };
  try {
    // The block lets a fixture declare its own `tf` while plain scripts still see a global one.
    new Function('require', 'module', 'exports', 'tf', `{\n${js}\n}`)(req, mod, mod.exports, tfr);
    let model = mod.exports.model;
    if (!model && typeof mod.exports.build === 'function') model = mod.exports.build(tfr);
    model ??= models[models.length - 1];
    if (!model) throw new Error('no model built');
    out.countParams = model.countParams();
    out.outputShape = model.outputs[0].shape;
    out.inputShapes = model.inputs.map((t) => t.shape);
    out.layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer').map(layerFacts);
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0];
    const m = models[models.length - 1];
    if (m) out.layersBeforeError = m.layers.filter((l) => l.getClassName() !== 'InputLayer').map(layerFacts);
  }
  return out;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const only = args.filter((a) => !a.startsWith('--'));
  const tf = loadTf();
  mkdirSync(goldenDir, { recursive: true });
  let bad = 0;
  for (const f of readdirSync(fixtures)
    .filter((f) => /\.[tj]s$/.test(f))
    .sort()) {
    const name = f.replace(/\.[tj]s$/, '');
    if (only.length && !only.includes(name)) continue;
    const got = JSON.stringify(runFixture(tf, join(fixtures, f)), null, 1) + '\n';
    const path = join(goldenDir, `tfjs_${name}.json`);
    if (check) {
      const ok = existsSync(path) && readFileSync(path, 'utf8') === got;
      if (!ok) bad++;
      console.log(`${ok ? 'ok  ' : 'DIFF'} ${name}`);
    } else {
      writeFileSync(path, got);
      console.log(`wrote ${path}`);
    }
  }
  if (bad) {
    console.log(`${bad} golden(s) differ from real TF.js; rerun without --check to regenerate`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
