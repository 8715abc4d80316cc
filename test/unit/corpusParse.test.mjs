// Every Python file of the library corpus and of Debian's torchvision/torchaudio parses with no syntax diagnostic
// (CPython 3.11 accepts all of them), through checkSyntax: the parse path analyze() uses.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { core } from './core.mjs';
import { corpusMissing, corpusSitePackages, pythonFiles } from '../corpus.mjs';

/** The files of `dir` that report a syntax diagnostic, as `path:line: message`. */
function rejected(dir) {
  const files = pythonFiles(dir);
  const bad = [];
  for (const f of files) {
    const diags = core.checkSyntax(readFileSync(join(dir, f), 'utf8'), join(dir, f));
    if (diags.length) bad.push(`${f}:${diags[0].span.line}: ${diags[0].message}`);
  }
  return { count: files.length, bad };
}

test(
  'the library corpus (transformers, timm, torchvision): all 2,287 files parse with no syntax diagnostic',
  {
    skip: corpusMissing(),
  },
  () => {
    const { count, bad } = rejected(corpusSitePackages());
    assert.equal(count, 2287);
    assert.deepEqual(bad, []);
  },
);

for (const lib of ['torchvision', 'torchaudio']) {
  const dir = `/usr/lib/python3/dist-packages/${lib}`;
  test(
    `Debian's ${lib} sources parse with no syntax diagnostic`,
    {
      skip: existsSync(dir) ? undefined : `${dir} is absent (apt-get install python3-${lib})`,
    },
    () => {
      const { count, bad } = rejected(dir);
      assert.ok(count > 0);
      assert.deepEqual(bad, []);
    },
  );
}
