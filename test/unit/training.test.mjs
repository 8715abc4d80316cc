// The training ledger against real PyTorch: saved bytes (saved_tensors_hooks, storages once; also under bf16 autocast),
// backward MACs and the element-wise backward kernels exact, trainable/frozen parameters, and the training-step peak
// within 10% of H200 measurements (../shared/gpu/h200.json; fp32 and bf16 autocast).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeFile, inputs, root } from './core.mjs';
import { corpusMissing, corpusSitePackages } from '../corpus.mjs';

const { cases } = JSON.parse(readFileSync(join(root, 'test/oracle/trainingCases.json'), 'utf8'));
const specs = (s) => inputs(s.map((x) => x.split(':').slice(0, 2).join(':')));

for (const c of cases) {
  const golden = join(root, 'test/oracle/golden/training', `${c.name}.json`);
  if (!existsSync(golden)) continue;
  const g = JSON.parse(readFileSync(golden, 'utf8'));
  if (c.autocast) {
    test(`training ledger ${c.name}: saved bytes, backward MACs and kernels under bf16 autocast (CUDA's op lists)`, () => {
      const r = analyzeFile(c.file, { entry: c.entry, inputs: specs(c.inputs), precision: 'mixed-bf16' });
      assert.equal(r.coverage.unknownOps, 0, JSON.stringify(r.coverage.unknown));
      assert.equal(r.totals.params, BigInt(g.params), 'parameters');
      assert.equal(r.memory.savedBytes, BigInt(g.savedBytes), 'saved bytes (half copies of weights included)');
      // The oracle's emulation of autocast equals torch's own CPU autocast where CPU and CUDA lists agree (ResNet).
      if (c.cpuCheck) assert.equal(g.cpuEmulatedSavedBytes, g.cpuAutocastSavedBytes, 'emulated vs real CPU autocast');
      if (g.backwardMacs === undefined) return;
      const m = analyzeFile(c.file, { entry: c.entry, inputs: specs(g.macBatchInputs), precision: 'mixed-bf16' });
      assert.equal(m.totals.backwardMacs, BigInt(g.backwardMacs), 'backward MACs under autocast');
      const kernels = Object.fromEntries(Object.entries(m.backwardKernels).map(([k, v]) => [k, Number(v)]));
      assert.deepEqual(kernels, g.backwardElementsByKernel, 'element-wise backward kernels under autocast');
    });
    continue;
  }
  test(`training ledger ${c.name}: saved bytes, backward MACs and element-wise kernels as PyTorch runs them`, () => {
    const r = analyzeFile(c.file, { entry: c.entry, inputs: specs(c.inputs) });
    assert.equal(r.coverage.unknownOps, 0, JSON.stringify(r.coverage.unknown));
    assert.equal(r.memory.savedBytes, BigInt(g.savedBytes), 'saved bytes (distinct storages, parameters excluded)');
    assert.equal(r.totals.params, BigInt(g.params), 'parameters');
    assert.equal(r.totals.trainableParams, BigInt(g.trainableParams), 'trainable parameters');
    assert.equal(r.totals.frozenParams, BigInt(g.frozenParams), 'frozen parameters');
    const m = c.macBatch === undefined ? r : analyzeFile(c.file, { entry: c.entry, inputs: specs(g.macBatchInputs) });
    assert.equal(m.totals.macs, BigInt(g.forwardMacs), 'forward MACs');
    assert.equal(
      m.totals.backwardMacs,
      BigInt(g.backwardMacs),
      'backward MACs (dispatch counter, conv by output mask)',
    );
    // Element-wise backward kernels as the dispatch counter saw them (residual-fork gradient adds included).
    const kernels = Object.fromEntries(Object.entries(m.backwardKernels).map(([k, v]) => [k, Number(v)]));
    assert.deepEqual(kernels, g.backwardElementsByKernel, 'element-wise backward kernels: elements by aten name');
    assert.equal(m.totals.backwardElements, BigInt(g.backwardElements));
  });
}

test('frozen parameters get no gradient and no optimizer state', () => {
  const g = JSON.parse(readFileSync(join(root, 'test/oracle/golden/training/finetune_frozen.json'), 'utf8'));
  const r = analyzeFile('test/fixtures/python/frozen_backbone.py', {
    entry: 'FineTune()',
    inputs: specs(['8,3,32,32']),
  });
  assert.equal(r.memory.gradientBytes, BigInt(g.trainableParams) * 4n);
  assert.equal(
    r.memory.optimizerBytes,
    BigInt(g.trainableParams) * 8n,
    'Adam: two fp32 moments per trainable parameter',
  );
});

const h200 = '/work/shared/gpu/h200.json';
const gpu = ['../shared/gpu/h200.json', h200].map((p) => join(root, p)).find(existsSync) ?? (existsSync(h200) && h200);
// Each precision of the H200 step: fp32 params and Adam; `mixed-bf16` is its torch.autocast(bfloat16) run.
const stepPrecisions = [
  ['fp32', 'train_fp32_peak_bytes'],
  ['mixed-bf16', 'train_amp_bf16_peak_bytes'],
];
const within10 = (r, m, field, what) => {
  const ratio = Number(r.memory.trainingBytes) / m[field];
  assert.ok(
    Math.abs(ratio - 1) <= 0.1,
    `${what} ${r.precision}: flopscope ${r.memory.trainingBytes} B vs H200 ${m[field]} B (${((ratio - 1) * 100).toFixed(1)}%)`,
  );
};

test(
  'training-step peak within 10% of a real H200 step (ResNet-50 b32 and b128; fp32 and bf16 autocast, Adam)',
  { skip: !gpu && 'no ../shared/gpu/h200.json' },
  () => {
    const { models } = JSON.parse(readFileSync(gpu, 'utf8'));
    const resnet = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';
    let checked = 0;
    for (const m of models.filter((x) => x.entry === 'tv:resnet50()'))
      for (const [precision, field] of stepPrecisions) {
        assert.ok(m[field] > 0, `h200.json has ${field} for ResNet-50 b${m.batch}`);
        const r = analyzeFile(resnet, { entry: 'resnet50()', inputs: specs([`${m.batch},3,224,224`]), precision });
        within10(r, m, field, `ResNet-50 b${m.batch}`);
        checked++;
      }
    assert.ok(checked >= 4);
  },
);

test(
  'HF GPT-2 small (transformers from the corpus) b8 T1024: training-step peak within 10% of a real H200 step (fp32 and bf16 autocast, Adam)',
  { skip: (!gpu && 'no ../shared/gpu/h200.json') || corpusMissing() },
  () => {
    const m = JSON.parse(readFileSync(gpu, 'utf8')).models.find((x) => x.name === 'gpt2-small');
    assert.ok(m, 'h200.json has the gpt2-small step');
    const site = corpusSitePackages();
    for (const [precision, field] of stepPrecisions) {
      assert.ok(m[field] > 0, `h200.json has ${field} for GPT-2`);
      const r = analyzeFile(join(site, 'transformers/models/gpt2/modeling_gpt2.py'), {
        importRoots: [site],
        entry: 'GPT2LMHeadModel(GPT2Config())',
        inputs: specs([`${m.batch},1024:long`]),
        precision,
      });
      assert.equal(r.totals.params, 124439808n, 'GPT-2 small parameters (wte tied to lm_head)');
      assert.equal(r.totals.macs, BigInt(m.macs), 'forward MACs as the H200 run counted them');
      // transformers picks SDPA (a property setter on the config): the fused kernels keep no L×S score matrix.
      const sdpa = r.lines.flatMap((l) => l.ops).find((o) => o.op === 'scaled_dot_product_attention');
      assert.ok(sdpa, 'attention runs through F.scaled_dot_product_attention');
      within10(r, m, field, `GPT-2 b${m.batch}`);
    }
  },
);

test('torch 2.11 saves what the 1.13 model saves, except nn.MultiheadAttention (ViT: exactly 2 units of L·N·E per layer more)', () => {
  const t2 = JSON.parse(readFileSync(join(root, 'test/oracle/golden/training/torch2_11.json'), 'utf8')).cases;
  const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
  const saved = (name) => {
    const c = byName[name];
    return analyzeFile(c.file, { entry: c.entry, inputs: specs(c.inputs) }).memory.savedBytes;
  };
  for (const name of ['resnet50_b32', 'finetune_frozen', 'partly_frozen'])
    assert.equal(saved(name), BigInt(t2[name].savedBytes), `${name}: torch 2.11 saves as 1.13 does`);
  const r = analyzeFile(byName.vit_b_16_b8.file, {
    entry: byName.vit_b_16_b8.entry,
    inputs: specs(byName.vit_b_16_b8.inputs),
  });
  assert.match(r.savedTensorsModel, /PyTorch 1\.13 autograd/);
  // torch 2 runs MHA (need_weights=False) through SDPA: the packed in-projection becomes one [3, L, N, E] copy that v
  // keeps whole, and the math backend keeps q·√s and kᵀ·√s; 1.13 keeps q/√d, k and v copies and an 8-byte scalar.
  const [L, N, E, layers] = [197n, 8n, 768n, 12n];
  assert.equal(r.memory.savedBytes + layers * (2n * L * N * E * 4n - 8n), BigInt(t2.vit_b_16_b8.savedBytes));
});
