// transformers models of the library corpus that once stopped on a false shape error (an error where real PyTorch runs
// fine) in the breadth script (scripts/corpusBreadth.mjs): each is called on token ids as there and must give no error;
// where the engine cannot follow a layer the result is partial (an unknown output), never an invented error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { core, readFile } from './core.mjs';
import { corpusMissing, corpusSitePackages } from '../corpus.mjs';

const missing = corpusMissing();
const site = missing ? '' : corpusSitePackages();
const userDir = mkdtempSync(join(tmpdir(), 'flopscope-transformers-user-'));
after(() => rmSync(userDir, { recursive: true, force: true }));

const cases = [
  // `kv.new_empty(*kv.shape[:-1], 192)` after an unknown MoE layer made a 1-D key: IndexError in sdpa.
  { model: 'DeepseekV2Model', config: 'DeepseekV2Config', output: undefined },
  { model: 'DeepseekV3Model', config: 'DeepseekV3Config', output: undefined },
  // The same unknown-length `*args` into a torch op: "Dimension out of range" further on.
  { model: 'AXK2Model', config: 'AXK2Config', output: undefined },
  // `ids.ne(pad).sum(dim=1)` stayed bool: "gather(): Expected dtype int64 for index" in shift_tokens_right.
  { model: 'MBartModel', config: 'MBartConfig', output: '[1, 16, 1024]' },
];

describe('transformers models without false errors', { skip: missing }, () => {
  for (const c of cases) {
    test(`${c.model}(${c.config}()) on ids [1, 16]`, () => {
      const src = `import torch\nfrom transformers import ${c.config}, ${c.model}\n\nm = ${c.model}(${c.config}())\ny = m(torch.randint(0, 100, (1, 16)))\n`;
      const path = join(userDir, `${c.model}.py`);
      writeFileSync(path, src);
      const r = core.analyze(src, { path, readFile, importRoots: [site], convention: 'macs', maxSteps: 5_000_000 });
      const errors = r.diagnostics
        .filter((d) => d.severity === 'error' || d.code === 'evaluation-stopped')
        .map((d) => d.message.slice(0, 300));
      assert.deepEqual(errors, [], 'no shape error and no exception: real PyTorch runs this model');
      if (c.output) assert.equal(r.output?.shape, c.output);
      else {
        // Not followed all the way: the result must say so.
        assert.equal(r.coverage.complete, false, `output ${r.output?.shape} with a complete result`);
        assert.ok(r.coverage.reasons.length > 0, 'partial with its reasons');
      }
    });
  }
});
