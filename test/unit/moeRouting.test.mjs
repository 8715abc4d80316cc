// Mixture-of-experts routing: shapes known, tokens per expert unknown, so the experts' matmuls make the result partial
// (never a guessed count); transformers' MoE models get an output.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { analyzeFile, core, readFile, root } from './core.mjs';
import { corpusMissing, corpusSitePackages } from '../corpus.mjs';

test('moe_routing.py: every shape known, the per-expert matmuls unknown, the result partial', () => {
  const r = analyzeFile('test/fixtures/python/moe_routing.py');
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], 'real PyTorch runs every line');
  assert.equal(r.coverage.complete, false, 'the row counts per expert come from the router: not complete');
  const text = readFileSync(join(root, 'test/fixtures/python/moe_routing.py'), 'utf8').split('\n');
  const mmLine = text.findIndex((t) => t.includes('torch.mm(xs[start:end]')) + 1;
  const reason = r.coverage.reasons.find((x) => x.code === 'unknown-op');
  assert.ok(
    reason?.message.includes(`mm (unknown shape) (line ${mmLine})`),
    `the loop's mm at line ${mmLine} is the unknown op: ${JSON.stringify(r.coverage.reasons)}`,
  );
  // The output after the loop is known: the fallback writes into a zeros tensor of known shape.
  const yLine = text.findIndex((t) => t.startsWith('y = (out * top_w')) + 1;
  assert.equal(r.lines.find((l) => l.line === yLine)?.value, '[16, 64]');
});

const missing = corpusMissing();
describe('transformers MoE models (grouped_mm fallback over histc offsets)', { skip: missing }, () => {
  const site = missing ? '' : corpusSitePackages();
  const dir = mkdtempSync(join(tmpdir(), 'flopscope-moe-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [model, config, output] of [
    ['MixtralModel', 'MixtralConfig', '[1, 16, 4096]'],
    ['Qwen3MoeModel', 'Qwen3MoeConfig', '[1, 16, 2048]'],
  ]) {
    test(`${model}(${config}()) on ids [1, 16]: output ${output}, partial on the experts' matmuls`, () => {
      const src = `import torch\nfrom transformers import ${config}, ${model}\n\nm = ${model}(${config}())\ny = m(torch.randint(0, 100, (1, 16)))\n`;
      const path = join(dir, `${model}.py`);
      writeFileSync(path, src);
      const r = core.analyze(src, { path, readFile, importRoots: [site], convention: 'macs', maxSteps: 5_000_000 });
      const stops = r.diagnostics.filter((d) => d.severity === 'error' || d.code === 'evaluation-stopped');
      assert.deepEqual(
        stops.map((d) => d.message.slice(0, 300)),
        [],
      );
      assert.equal(r.output?.shape, output);
      assert.equal(r.coverage.complete, false);
      assert.ok(
        r.coverage.reasons.some((x) => /mm \(unknown shape\)/.test(x.message)),
        JSON.stringify(r.coverage.reasons),
      );
    });
  }
});
