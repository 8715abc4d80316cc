// Runs training_oracle.py (real PyTorch) for each case of trainingCases.json and writes (or --check compares) goldens.
//
//   node test/oracle/trainingRegen.mjs [--check] [--only resnet50_b32,gpt_decoder]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const python = process.env.FLOPSCOPE_PYTHON || '/usr/bin/python3';
const argv = process.argv.slice(2);
const check = argv.includes('--check');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set(argv[onlyAt + 1].split(',')) : undefined;
const dir = join(here, 'golden', 'training');
mkdirSync(dir, { recursive: true });
const { cases } = JSON.parse(readFileSync(join(here, 'trainingCases.json'), 'utf8'));
let failed = 0;
for (const c of cases) {
  if (only && !only.has(c.name)) continue;
  const args = [join(here, 'training_oracle.py'), '--file', c.file, '--entry', c.entry];
  for (const i of c.inputs) args.push('--input', i);
  if (c.macBatch !== undefined) args.push('--mac-batch', String(c.macBatch));
  if (c.autocast) args.push('--autocast', c.autocast);
  if (c.noMacs) args.push('--no-macs');
  if (c.cpuCheck) args.push('--cpu-check');
  const r = spawnSync(python, args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (r.status !== 0) {
    failed++;
    console.error(`${c.name}: oracle failed\n${r.stderr}`);
    continue;
  }
  const out = JSON.stringify({ case: c, ...JSON.parse(r.stdout) }, null, 1) + '\n';
  const path = join(dir, `${c.name}.json`);
  if (check) {
    const same = existsSync(path) && readFileSync(path, 'utf8') === out;
    if (!same) failed++;
    console.log(`${c.name}: ${same ? 'ok' : 'DIFFERS from golden'}`);
  } else {
    writeFileSync(path, out);
    console.log(`${c.name}: written`);
  }
}
process.exit(failed ? 1 : 0);
