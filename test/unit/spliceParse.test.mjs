// An edit inside one top-level statement re-parses that statement alone: the IR equals a fresh parse of the whole text.
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './core.mjs';
import { bigModelFile } from '../bench/bigModel.mjs';
import { corpusMissing, corpusSitePackages } from '../corpus.mjs';

const out = join(root, 'out', 'test', 'parse.cjs');
esbuild.buildSync({
  entryPoints: [join(root, 'src/core/python/parse.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
});
const { parsePython, parsePythonIncremental } = createRequire(import.meta.url)(out);

/** A small deterministic generator (mulberry32), so a failure names a reproducible edit. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const chars = ['1', 'a', ' ', '(', ')', ':', '\n', '\r', '#', '\\', '"', "'", ',', '_', '.', '\t', '=', '@', '[', ';'];

/** One edit: insert, delete or replace one character at a random place. */
function edit(text, rnd) {
  const at = Math.floor(rnd() * text.length);
  const c = chars[Math.floor(rnd() * chars.length)];
  const kind = Math.floor(rnd() * 3);
  if (kind === 0) return text.slice(0, at) + c + text.slice(at);
  if (kind === 1) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + c + text.slice(at + 1);
}

const files = [
  ['bench big model', bigModelFile()],
  ['bench big model, CRLF line ends', bigModelFile().replace(/\n/g, '\r\n')],
  ...readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.py'))
    .map((f) => [f, readFileSync(join(root, 'examples', f), 'utf8')]),
];
const resnet = '/usr/lib/python3/dist-packages/torchvision/models/resnet.py';
if (existsSync(resnet)) files.push(['torchvision resnet.py', readFileSync(resnet, 'utf8')]);

test('single-character edits: the incremental parse (spliced or whole) equals a fresh parse', () => {
  let spliced = 0;
  for (const [name, source] of files) {
    const rnd = random(name.length * 7919);
    const first = parsePythonIncremental(source);
    for (let i = 0; i < 25; i++) {
      const text = edit(source, rnd);
      const next = parsePythonIncremental(text, first.state);
      if (next.state.lowered === undefined) spliced++;
      assert.deepEqual(
        next.module,
        parsePython(text),
        `${name}, edit ${i} (seeded): spliced/whole parse differs from a fresh parse`,
      );
    }
  }
  // Most random edits fall inside one statement and parse: the splice path must have run, or this test checks nothing new.
  assert.ok(spliced > 30, `the splice path ran ${spliced} times`);
});

test('a run of edits, each re-parsed from the previous state, stays equal to a fresh parse', () => {
  for (const [name, source] of files) {
    const rnd = random(name.length * 104729);
    let text = source;
    let state = parsePythonIncremental(text).state;
    for (let i = 0; i < 15; i++) {
      text = edit(text, rnd);
      const next = parsePythonIncremental(text, state);
      assert.deepEqual(next.module, parsePython(text), `${name}, edit ${i} of the run`);
      state = next.state;
    }
  }
});

test('the bench edit (a number in a top-level assignment) is spliced', () => {
  const big = bigModelFile();
  const first = parsePythonIncremental(big);
  const next = parsePythonIncremental(big.replace('hidden = 256', 'hidden = 257'), first.state);
  assert.equal(next.state.lowered, undefined, 'the edit was parsed through the whole file');
  assert.deepEqual(next.module, parsePython(big.replace('hidden = 256', 'hidden = 257')));
});

const qwen = 'transformers/models/qwen3_omni_moe/configuration_qwen3_omni_moe.py';
test(
  'an edit leaving an error node the lowering does not report (a quote inside a decorator string) is parsed whole',
  { skip: corpusMissing() },
  () => {
    // Found by fuzzing: the spliced statement parsed "without errors" by the lowering's count, a fresh parse differed.
    const source = readFileSync(join(corpusSitePackages(), qwen), 'utf8');
    const at = source.indexOf('A3B-Instruct")\n@strict\nclass Qwen3OmniMoeConfig');
    assert.ok(at > 0, `the decorator of ${qwen} moved; pick another edit`);
    const text = source.slice(0, at) + '"' + source.slice(at);
    const next = parsePythonIncremental(text, parsePythonIncremental(source).state);
    assert.deepEqual(next.module, parsePython(text));
  },
);

const persimmon = 'transformers/models/persimmon/configuration_persimmon.py';
test(
  'after a dedent to an unmatched column (no error node), an edit next to that statement is parsed whole',
  { skip: corpusMissing() },
  () => {
    // Found by fuzzing: a class line at 3 spaces makes the next top-level statement start mid-line.
    const source = readFileSync(join(corpusSitePackages(), persimmon), 'utf8');
    const a = source.indexOf('    attention_dropout: float');
    assert.ok(a > 0, `${persimmon} changed; pick another edit`);
    const one = source.slice(0, a) + source.slice(a + 1);
    const b = one.indexOf('    bos_token_id: int') + 2;
    const two = one.slice(0, b) + '#' + one.slice(b);
    const next = parsePythonIncremental(two, parsePythonIncremental(one).state);
    assert.deepEqual(next.module, parsePython(two));
  },
);
