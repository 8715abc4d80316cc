// Test helper: the library corpus (../shared/corpus) unpacked once as a site-packages folder, or why it is not there.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { root } from './unit/core.mjs';

/** Where the corpus archives are: ../shared/corpus beside the checkout, or FLOPSCOPE_CORPUS. */
export const corpusSource = resolve(process.env.FLOPSCOPE_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const archives = [
  'src-transformers-core.tar.xz',
  'src-transformers-models.tar.xz',
  'src-timm.tar.xz',
  'src-torchvision.tar.xz',
];

/** Why the corpus cannot be used here (a sentence for a test's skip message), or undefined when it can. */
export function corpusMissing() {
  const missing = archives.filter((a) => !existsSync(join(corpusSource, a)));
  if (missing.length)
    return `the library corpus is absent (${corpusSource}: no ${missing.join(', ')}); it ships in ../shared/corpus`;
  try {
    execFileSync('tar', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'tar is not installed';
  }
  return undefined;
}

/**
 * The corpus unpacked as one site-packages folder (DIR/transformers, DIR/timm, DIR/torchvision), made once per
 * archive content in the OS temp folder and reused by later runs. Throws when corpusMissing() says why not.
 */
export function corpusSitePackages() {
  const why = corpusMissing();
  if (why) throw new Error(why);
  const hash = createHash('sha256');
  for (const a of archives)
    hash.update(`${a}:${statSync(join(corpusSource, a)).size}:${statSync(join(corpusSource, a)).mtimeMs}`);
  const dir = join(tmpdir(), `flopscope-corpus-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  for (const a of archives) execFileSync('tar', ['-xJf', join(corpusSource, a), '-C', partial]);
  execFileSync('touch', [join(partial, '.complete')]);
  try {
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another process finished first
  }
  return dir;
}

/** Every .py file below a folder, as paths relative to it, sorted. */
export function pythonFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.py')) out.push(p);
    }
  };
  walk('');
  return out.sort();
}

/** The real PyTorch 2.11 figures of the corpus models (groundtruth.jsonl), one object per model. */
export function corpusGroundTruth() {
  return readFileSync(join(corpusSource, 'groundtruth.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}
