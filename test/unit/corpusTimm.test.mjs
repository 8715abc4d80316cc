// timm models of the library corpus through `timm.create_model` in a user file, against real PyTorch 1.13 running
// the same timm sources (test/oracle/golden/timm.json, written by test/oracle/timm_oracle.py): params and output shape
// exact, MACs within 0.1%, no error and a complete result. Models here once failed with a false error or a gap.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { core, readFile, root } from './core.mjs';
import { corpusMissing, corpusSitePackages } from '../corpus.mjs';

const missing = corpusMissing();
const site = missing ? '' : corpusSitePackages();
const golden = JSON.parse(readFileSync(join(root, 'test/oracle/golden/timm.json'), 'utf8'));
const userDir = mkdtempSync(join(tmpdir(), 'flopscope-timm-user-'));
after(() => rmSync(userDir, { recursive: true, force: true }));

describe(`timm models vs PyTorch ${golden.torch}`, { skip: missing }, () => {
  for (const g of golden.models) {
    test(`${g.name} at ${g.size}x${g.size}`, () => {
      const src = `import timm\nimport torch\n\nm = timm.create_model("${g.name}")\ny = m(torch.randn(1, 3, ${g.size}, ${g.size}))\n`;
      const path = join(userDir, `${g.name}.py`);
      writeFileSync(path, src);
      const r = core.analyze(src, { path, readFile, importRoots: [site], convention: 'macs', maxSteps: 5_000_000 });
      const errors = r.diagnostics.filter((d) => d.severity !== 'information').map((d) => d.message.slice(0, 300));
      const reasons = r.coverage.reasons.map((x) => x.message.slice(0, 300));
      assert.deepEqual(
        { params: Number(r.totals.params), output: r.output?.shape, errors },
        { params: g.params, output: `[${g.output.join(', ')}]`, errors: [] },
        JSON.stringify(reasons),
      );
      assert.equal(r.coverage.complete, true, `partial: ${JSON.stringify(reasons)}`);
      const macs = Number(r.totals.macs);
      assert.ok(Math.abs(macs - g.macs) <= g.macs * 0.001, `MACs ${macs} vs ${g.macs} (PyTorch ${golden.torch})`);
    });
  }
});
