// Prints the engine's training ledger beside the oracle's goldens and the H200 peaks: node test/oracle/trainingCompare.mjs
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile, inputs, root } from '../unit/core.mjs';
import { corpusMissing, corpusSitePackages } from '../corpus.mjs';

const specs = (s) => inputs(s.map((x) => x.split(':').slice(0, 2).join(':')));
const pct = (a, b) => `${((Number(a) / Number(b) - 1) * 100).toFixed(3)}%`;
const { cases } = JSON.parse(readFileSync(join(root, 'test/oracle/trainingCases.json'), 'utf8'));
for (const c of cases) {
  const path = join(root, 'test/oracle/golden/training', `${c.name}.json`);
  if (!existsSync(path)) continue;
  const g = JSON.parse(readFileSync(path, 'utf8'));
  if (c.autocast) {
    const r = analyzeFile(c.file, { entry: c.entry, inputs: specs(c.inputs), precision: 'mixed-bf16' });
    const cpu = c.cpuCheck
      ? `; oracle's emulation ${g.cpuEmulatedSavedBytes} vs torch CPU autocast ${g.cpuAutocastSavedBytes}`
      : '';
    const m = g.macBatchInputs
      ? analyzeFile(c.file, { entry: c.entry, inputs: specs(g.macBatchInputs), precision: 'mixed-bf16' })
      : undefined;
    const bwd = m
      ? `; backward MACs ${m.totals.backwardMacs} vs ${g.backwardMacs}; elements ${m.totals.backwardElements} vs ${g.backwardElements}`
      : '';
    console.log(
      `${c.name} (${c.autocast}): saved ${r.memory.savedBytes} vs ${g.savedBytes} (${pct(r.memory.savedBytes, g.savedBytes)})${bwd}${cpu}`,
    );
    continue;
  }
  const r = analyzeFile(c.file, { entry: c.entry, inputs: specs(c.inputs) });
  const m = c.macBatch === undefined ? r : analyzeFile(c.file, { entry: c.entry, inputs: specs(g.macBatchInputs) });
  console.log(
    `${c.name}: saved ${r.memory.savedBytes} vs ${g.savedBytes} (${pct(r.memory.savedBytes, g.savedBytes)}); ` +
      `backward MACs ${m.totals.backwardMacs} vs ${g.backwardMacs} (${pct(m.totals.backwardMacs, g.backwardMacs)}); ` +
      `backward element-wise elements ${m.totals.backwardElements} vs ${g.backwardElements} ` +
      `(${pct(m.totals.backwardElements, g.backwardElements)}); ` +
      `trainable ${r.totals.trainableParams}/${g.trainableParams}, frozen ${r.totals.frozenParams}/${g.frozenParams}`,
  );
}
const gpu = join(root, '../shared/gpu/h200.json');
const h200 = existsSync(gpu) ? gpu : '/work/shared/gpu/h200.json';
if (existsSync(h200)) {
  const resnet = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';
  for (const m of JSON.parse(readFileSync(h200, 'utf8')).models.filter((x) => x.entry === 'tv:resnet50()'))
    for (const [precision, field] of [
      ['fp32', 'train_fp32_peak_bytes'],
      ['mixed-bf16', 'train_amp_bf16_peak_bytes'],
    ]) {
      const r = analyzeFile(resnet, { entry: 'resnet50()', inputs: specs([`${m.batch},3,224,224`]), precision });
      console.log(
        `H200 resnet50 b${m.batch} ${precision} Adam peak: ${r.memory.trainingBytes} vs ${m[field]} (${pct(r.memory.trainingBytes, m[field])})`,
      );
    }
  const gpt2 = JSON.parse(readFileSync(h200, 'utf8')).models.find((x) => x.name === 'gpt2-small');
  if (gpt2 && !corpusMissing()) {
    const site = corpusSitePackages();
    for (const [precision, field] of [
      ['fp32', 'train_fp32_peak_bytes'],
      ['mixed-bf16', 'train_amp_bf16_peak_bytes'],
    ]) {
      const r = analyzeFile(join(site, 'transformers/models/gpt2/modeling_gpt2.py'), {
        importRoots: [site],
        entry: 'GPT2LMHeadModel(GPT2Config())',
        inputs: specs([`${gpt2.batch},1024:long`]),
        precision,
      });
      console.log(
        `H200 HF GPT-2 small b${gpt2.batch} T1024 ${precision} Adam peak: ${r.memory.trainingBytes} vs ${gpt2[field]} (${pct(r.memory.trainingBytes, gpt2[field])})`,
      );
    }
  }
}
