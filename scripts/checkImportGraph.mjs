// Lint step: the import graph of src/core keeps its shape: no import cycle of more than 3 files, and the neutral layers
// (api, sym, model, cost, result) import nothing from a front end (eval, python, tsjs, torch) or the Python pipeline (engine).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'src/core');
const MAX_CYCLE = 3;
const neutral = ['api', 'sym', 'model', 'cost', 'result', 'pipeline'];
const frontEnds = ['eval', 'python', 'tsjs', 'torch', 'engine'];

function tsFiles(dir) {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file: `value` ones (kept at run time) and all of them (types too). */
function importsOf(file) {
  const src = readFileSync(file, 'utf8');
  const out = [];
  for (const m of src.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    const base = resolve(dirname(file), m[3]);
    const target = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
    if (target) out.push({ target, typeOnly: Boolean(m[2]) });
  }
  return out;
}

const files = tsFiles(core);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const problems = [];

// Tarjan's strongly connected components over value imports (type-only imports vanish at run time).
let index = 0;
const stack = [];
const onStack = new Set();
const idx = new Map();
const low = new Map();
function connect(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const { target: w, typeOnly } of graph.get(v)) {
    if (typeOnly) continue;
    if (!idx.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) !== idx.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(relative(root, w));
  } while (w !== v);
  if (component.length > MAX_CYCLE)
    problems.push(`import cycle of ${component.length} files (at most ${MAX_CYCLE}): ${component.sort().join(', ')}`);
}
for (const f of files) if (!idx.has(f)) connect(f);

const layerOf = (f) => relative(core, f).split('/')[0];
for (const [f, deps] of graph) {
  if (!neutral.includes(layerOf(f))) continue;
  for (const { target } of deps)
    if (frontEnds.includes(layerOf(target)))
      problems.push(`${relative(root, f)} imports ${relative(root, target)}: ${layerOf(f)}/ is neutral and must not`);
}

// The two front ends share only the neutral layers: the TF.js bundle carries no Python interpreter, and the reverse.
const python = ['eval', 'python', 'torch', 'engine'];
for (const [f, deps] of graph)
  for (const { target } of deps) {
    const [from, to] = [layerOf(f), layerOf(target)];
    if ((from === 'tsjs' && python.includes(to)) || (python.includes(from) && to === 'tsjs'))
      problems.push(`${relative(root, f)} imports ${relative(root, target)}: the front ends are independent`);
  }

if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}
console.log(
  `import graph: ${files.length} files in src/core, no cycle over ${MAX_CYCLE} files, neutral layers clean, front ends independent`,
);
