// Arithmetic with None raises TypeError with CPython's and PyTorch's words (a config's `head_dim = None` times the head
// count), checked against the real interpreter: /usr/bin/python3 with torch 1.13 (FLOPSCOPE_PYTHON overrides).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { core } from './core.mjs';

const python = process.env.FLOPSCOPE_PYTHON ?? '/usr/bin/python3';
const exprs = [
  '3 * None',
  'None * 3',
  'None + None',
  '1.5 - None',
  '"a" + None',
  '[1] + None',
  '(1,) * None',
  'None // 2',
  'None ** 2',
  '2 / None',
  'None * "ab"',
  'None + "a"',
  'torch.zeros(2) + None',
  'None * torch.zeros(2)',
];

/** What the real interpreter raises for each expression (one process for all). */
function realMessages() {
  const script = `import json, sys, torch\nout = []\nfor e in json.loads(sys.argv[1]):\n    try:\n        eval(e)\n        out.append(None)\n    except TypeError as x:\n        out.append("TypeError: " + str(x))\nprint(json.dumps(out))\n`;
  return JSON.parse(
    execFileSync(python, ['-c', script, JSON.stringify(exprs)], { encoding: 'utf8', timeout: 120_000 }),
  );
}

test('None in arithmetic raises what Python raises', { skip: !existsSync(python) && `${python} is absent` }, () => {
  const real = realMessages();
  const got = exprs.map((e) => {
    const r = core.analyze(`import torch\ny = ${e}\n`, {});
    const stop = r.diagnostics.find((d) => d.code === 'evaluation-stopped');
    return stop ? stop.message.split('\n')[0].replace('flopscope: evaluation stopped here: ', '') : null;
  });
  assert.deepEqual(got, real);
});
