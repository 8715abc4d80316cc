// Runs the real-PyTorch oracle for every case in cases.json and writes (or --check compares) goldens.
//
//   node test/oracle/regen.mjs                      regenerate goldens for all tiers
//   node test/oracle/regen.mjs --check              compare the acceptance tier with its goldens
//   node test/oracle/regen.mjs --check --tier all   compare everything
//   node test/oracle/regen.mjs --only resnet50,vgg16 --jobs 2
//   node test/oracle/regen.mjs --lines [--check] [--only unet.py,notebook_block.ipynb]   fixture expectations via line_oracle.py
//   node test/oracle/regen.mjs --layers [--check]   layer tables (layer_oracle.py) of the cases in layerCases.json
//
// Python: $FLOPSCOPE_PYTHON or /usr/bin/python3 (Debian torch 1.13 + torchvision 0.14).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const goldenDir = join(here, 'golden');
const python = process.env.FLOPSCOPE_PYTHON || '/usr/bin/python3';
// Fields that vary run to run: recorded in goldens, never compared.
const VOLATILE = new Set(['seconds', 'cpuSeconds', 'secondsBreakdown', 'maxRssMB', 'torch']);

function parseArgs(argv) {
  const opts = { check: false, tier: undefined, only: undefined, jobs: 2, lines: false, layers: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') opts.check = true;
    else if (a === '--lines') opts.lines = true;
    else if (a === '--layers') opts.layers = true;
    else if (a === '--tier') opts.tier = argv[++i];
    else if (a === '--only') opts.only = new Set(argv[++i].split(','));
    else if (a === '--jobs') opts.jobs = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  opts.tier ??= opts.check ? 'acceptance' : 'all';
  return opts;
}

function run(args) {
  return new Promise((resolveRun) => {
    const child = spawn(python, args, { cwd: repo, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

async function pool(items, jobs, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

function caseArgs(c) {
  const file = c.file.startsWith('/') ? c.file : join(repo, c.file);
  const args = [join(here, 'torch_oracle.py'), '--file', file, '--entry', c.entry];
  for (const inp of c.inputs) args.push('--input', inp);
  if (c.weights) args.push('--weights', c.weights);
  if (c.trainPass === false) args.push('--no-train-pass');
  return args;
}

// The oracle itself is checked against published figures: torchvision's num_params, ORACLE.md's MACs.
function publishedMismatch(c, fresh) {
  const bad = [];
  const pp = fresh.publishedParams;
  if (pp && pp.num_params !== fresh.params)
    bad.push(`params ${fresh.params} != ${pp.weights} num_params ${pp.num_params}`);
  if (c.publishedMacs !== undefined && c.publishedMacs !== fresh.macs)
    bad.push(`macs ${fresh.macs} != published ${c.publishedMacs}`);
  return bad.join('; ');
}

function stable(o) {
  const out = {};
  for (const [k, v] of Object.entries(o)) if (!VOLATILE.has(k)) out[k] = v;
  return JSON.stringify(out);
}

function diffFields(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !VOLATILE.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

async function oracleCases(opts) {
  const { cases } = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));
  const selected = cases.filter((c) =>
    opts.only ? opts.only.has(c.name) : opts.tier === 'all' || c.tier === opts.tier,
  );
  mkdirSync(goldenDir, { recursive: true });
  // Longest first (by the seconds its golden recorded): the slow case overlaps all the others.
  const lastSeconds = (c) => {
    const p = join(goldenDir, `${c.name}.json`);
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')).seconds ?? 0) : Infinity;
  };
  selected.sort((a, b) => lastSeconds(b) - lastSeconds(a));
  let failures = 0;
  const t0 = Date.now();
  await pool(selected, opts.jobs, async (c) => {
    if (c.skip) {
      console.log(`skip  ${c.name}: ${c.skip}`);
      return;
    }
    const { code, stdout, stderr } = await run(caseArgs(c));
    if (code !== 0) {
      failures++;
      console.log(`FAIL  ${c.name}: oracle exited ${code}\n${stderr.trim().split('\n').slice(-5).join('\n')}`);
      return;
    }
    const fresh = {
      case: { name: c.name, file: c.file, entry: c.entry, inputs: c.inputs, tier: c.tier },
      ...JSON.parse(stdout),
    };
    const path = join(goldenDir, `${c.name}.json`);
    const published = publishedMismatch(c, fresh);
    if (published) {
      failures++;
      console.log(`FAIL  ${c.name}: ${published}`);
    }
    const line = `${c.name.padEnd(26)} params=${fresh.params} macs=${fresh.macs} ${fresh.seconds}s (cpu ${fresh.cpuSeconds}s) ${fresh.maxRssMB}MB`;
    if (!opts.check) {
      writeFileSync(path, JSON.stringify(fresh, null, 2) + '\n');
      console.log(`wrote ${line}`);
      return;
    }
    if (!existsSync(path)) {
      failures++;
      console.log(`FAIL  ${c.name}: no golden at ${path}`);
      return;
    }
    const golden = JSON.parse(readFileSync(path, 'utf8'));
    if (stable(golden) === stable(fresh)) console.log(`ok    ${line}`);
    else {
      failures++;
      const fields = diffFields(golden, fresh);
      console.log(`FAIL  ${c.name}: differs in ${fields.join(', ')}`);
      for (const f of fields)
        console.log(`      ${f}: golden ${JSON.stringify(golden[f])} fresh ${JSON.stringify(fresh[f])}`);
    }
  });
  console.log(`${selected.length} case(s), ${failures} failure(s), ${((Date.now() - t0) / 1000).toFixed(1)}s wall`);
  return failures;
}

function fixtureFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...fixtureFiles(p));
    else if (/\.(py|ipynb)$/.test(e.name) && /#\s*expect\b/.test(readFileSync(p, 'utf8'))) out.push(p);
  }
  return out.sort();
}

/**
 * A notebook fixture runs as the program flopscope makes of it (code cells joined, magics commented out), from a
 * temporary .py beside it; after --annotate the comments go back into the cells (the join keeps every line in place).
 */
async function notebookFixture(file, mode) {
  const { codeCells, joinCells } = await import('./notebookJoin.mjs');
  const cells = codeCells(file);
  const joined = joinCells(cells);
  const tmp = mkdtempSync(join(tmpdir(), 'flopscope-nb-'));
  const py = join(tmp, basename(file).replace(/\.ipynb$/, '.py'));
  writeFileSync(py, joined.source);
  try {
    const result = await run([join(here, 'line_oracle.py'), mode, py]);
    if (mode === '--annotate' && result.code === 0) {
      const lines = readFileSync(py, 'utf8').split('\n');
      const nb = JSON.parse(readFileSync(file, 'utf8'));
      let i = 0;
      for (const c of nb.cells.filter((x) => x.cell_type === 'code')) {
        const place = joined.cells[i];
        // Keep the cell's own first characters (a %magic stays a magic); take the oracle's comments.
        const original = cells[i].split('\n');
        const annotated = lines
          .slice(place.firstLine, place.firstLine + place.lineCount)
          .map((l, k) => (/#\s*expect/.test(l) ? l : original[k]));
        c.source = annotated.join('\n').split(/(?<=\n)/);
        i++;
      }
      writeFileSync(file, JSON.stringify(nb, null, 1) + '\n');
    }
    return result;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function lineFixtures(opts) {
  const files = fixtureFiles(join(repo, 'test', 'fixtures', 'python')).filter(
    (f) => !opts.only || opts.only.has(basename(f)),
  );
  let failures = 0;
  await pool(files, opts.jobs, async (f) => {
    const mode = opts.check ? '--check' : '--annotate';
    const { code, stdout, stderr } = f.endsWith('.ipynb')
      ? await notebookFixture(f, mode)
      : await run([join(here, 'line_oracle.py'), mode, f]);
    process.stdout.write(stdout);
    if (code !== 0) {
      failures++;
      console.log(`FAIL  ${f}\n${stderr.trim().split('\n').slice(-8).join('\n')}`);
    }
  });
  console.log(`${files.length} fixture file(s), ${failures} failure(s)`);
  return failures;
}

/** A golden layer table as text: one layer per line, so a review diff shows which module changed. */
function layersJson(o) {
  const { layers, ...rest } = o;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  return `${head},\n  "layers": [\n${layers.map((l) => `    ${JSON.stringify(l)}`).join(',\n')}\n  ]\n}\n`;
}

async function layerTables(opts) {
  const { cases } = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));
  const names = JSON.parse(readFileSync(join(here, 'layerCases.json'), 'utf8')).cases;
  const selected = cases.filter((c) => names.includes(c.name) && (!opts.only || opts.only.has(c.name)));
  const dir = join(goldenDir, 'layers');
  mkdirSync(dir, { recursive: true });
  let failures = 0;
  await pool(selected, opts.jobs, async (c) => {
    const file = c.file.startsWith('/') ? c.file : join(repo, c.file);
    const args = [join(here, 'layer_oracle.py'), '--file', file, '--entry', c.entry];
    for (const inp of c.inputs) args.push('--input', inp);
    const { code, stdout, stderr } = await run(args);
    if (code !== 0) {
      failures++;
      console.log(`FAIL  ${c.name}: oracle exited ${code}\n${stderr.trim().split('\n').slice(-5).join('\n')}`);
      return;
    }
    const text = layersJson({
      case: { name: c.name, file: c.file, entry: c.entry, inputs: c.inputs },
      ...JSON.parse(stdout),
    });
    const path = join(dir, `${c.name}.json`);
    if (!opts.check) {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    } else if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      failures++;
      console.log(`FAIL  ${c.name}: ${existsSync(path) ? 'differs from' : 'no'} golden ${path}`);
    } else console.log(`ok    ${c.name}`);
  });
  console.log(`${selected.length} layer table(s), ${failures} failure(s)`);
  return failures;
}

const opts = parseArgs(process.argv.slice(2));
const failures = opts.lines
  ? await lineFixtures(opts)
  : opts.layers
    ? await layerTables(opts)
    : await oracleCases(opts);
process.exitCode = failures ? 1 : 0;
