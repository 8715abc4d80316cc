// Invariant: nothing module-level in src/core carries state from one analysis to the next. Every module-level `let` or
// container (Map, Set, WeakMap, an empty array to fill) is listed here with why it is safe; a new one fails until it is justified.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { root } from './core.mjs';

const allowed = {
  'src/core/python/lowerExpr.ts compareOps': 'a constant table, never written',
  'src/core/python/grammar/tokens.ts bracketed': "the grammar's constant token table, never written",
  'src/core/python/grammar/tokens.ts stringFlags': "the grammar's constant token table, never written",
  'src/core/torch/ops/loss.ts elementwise': 'a constant table, never written',
  'src/core/torch/ops/elementwise.ts intPreserving': 'a constant table, never written',
  'src/core/torch/ops/elementwise.ts numberOps': 'a constant table, never written',
  'src/core/torch/autograd.ts viewOps': 'a constant table, never written',
  'src/core/torch/backwardKernels.ts unary': 'a constant table, never written',
  'src/core/torch/backwardKernels.ts overInput': 'a constant table, never written',
  'src/core/torch/autocast.ts autocastPolicies': "a constant table (CUDA's autocast op lists), never written",
  'src/core/eval/classDef.ts unresolvedBasesOf':
    "weak side table: a class's unresolved bases, fixed when the class is made",
  'src/core/eval/docstringShim.ts shims': 'a constant table of library functions run natively, never written',
  'src/core/torch/registry.ts ops': 'filled by def() as the op files load, read-only afterwards',
  'src/core/tsjs/layers/registry.ts layerSpecs': 'built once at load from the layer files, read-only afterwards',
  'src/core/torch/dtypes.ts dtypes': 'built once at load: immutable Dtype objects',
  'src/core/torch/dtypes.ts dtypeAliases': 'built once at load: immutable Dtype objects',
  'src/core/eval/values.ts nextId':
    'a unique-id counter for dict keys of objects; ids carry no meaning across analyses',
  'src/core/eval/values.ts ids': 'weak side table of those ids (identity only)',
  'src/core/eval/journal.ts journalOf':
    'weak side table: which journal a frozen map belongs to (as a hidden field would)',
  'src/core/tsjs/apply.ts history': 'weak side table keyed by the tensors of one analysis',
  'src/core/sym/derived.ts table': 'a derived symbol is named by its own definition: a memo of a pure function',
  'src/core/torch/signature.ts cache': 'a memo of parsed signature text (a pure function)',
  'src/core/tsjs/dtype.ts cache': 'a memo of immutable Dtype objects by name',
  'src/core/tsjs/shapes.ts symbols': 'a memo of immutable symbolic dims by name',
  'src/core/python/grammar/tokens.ts bracketed': 'a constant table of grammar terms, never written',
  'src/core/python/grammar/tokens.ts stringFlags': 'a constant table of grammar terms, never written',
  'src/core/torch/tensorAttrNames.ts tensorAttrNames': 'a constant table (dir(torch.Tensor)), never written',
  'src/core/eval/attributes.ts getattributeCache':
    "weak side table keyed by class: the class's own __getattribute__ (a memo of its MRO lookup)",
  'src/core/eval/dataclass.ts missingSentinels': 'weak side table: one dataclasses.MISSING object per world',
  'src/core/torch/numpyModule.ts numpyMade': 'weak side table keyed by the tensors numpy functions return',
  'src/core/eval/generators.ts yieldsMemo': 'weak memo of a pure function of IR nodes (does this body yield)',
  'src/core/eval/generators.ts classes': 'weak side table: one generator class per world (its dict never written)',
  'src/core/eval/imports.ts resolvingStar':
    'a recursion guard of one lookup, emptied in its finally (empty between calls)',
  'src/core/eval/lazyStar.ts starsOf':
    "weak side table: a module namespace's lazy star imports (as a hidden field would)",
  'src/core/eval/lazyStar.ts scans':
    "weak per world: a memo of a pure text scan and of each name's verdict on it, keyed by path and checked against the text",
  'src/core/eval/imports.ts inDirMemo':
    'weak per world: a memo of a pure function (the paths a dotted name has below a folder)',
  'src/core/eval/lazyStar.ts verdicts': 'weak per world, reset when the analysis (runId) changes',
};

function tsFiles(dir) {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('module-level state in src/core is only what is listed, with its reason', () => {
  const found = [];
  const decl =
    /^(?:export )?(?:let|var) ([A-Za-z_$][\w$]*)|^(?:export )?const ([A-Za-z_$][\w$]*)(?:: [^=]+)? = (?:new (?:Map|Set|WeakMap|WeakSet)\b|\[\])/gm;
  for (const file of tsFiles(join(root, 'src/core'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(decl)) found.push(`${relative(root, file)} ${m[1] ?? m[2]}`);
  }
  const unlisted = found.filter((k) => !(k in allowed));
  assert.deepEqual(unlisted, [], 'module-level state nobody justified: make it a field of the Engine or an analysis');
  const stale = Object.keys(allowed).filter((k) => !found.includes(k));
  assert.deepEqual(stale, [], 'allowed entries that no longer exist: remove them');
});
