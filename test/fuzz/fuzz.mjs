// `npm run fuzz`: the real CLI process (node dist/cli.js) over seeded mutated inputs and arguments, each under a timeout
// and a memory cap. A crash is an exit status outside 0-4, a signal, or a stack trace without --debug; a hang is a
// timeout. Prints the worst time and peak RSS; exits 1 on any crash or hang (reproducers are kept in a folder).
// Usage: node test/fuzz/fuzz.mjs [--cases 2000] [--seed 1] [--jobs 2] [--timeout-ms 30000] [--mem-mb 1024] [--keep DIR]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostile, mutateJs, mutateNotebook, mutatePython, randomArgs, rng } from './mutators.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.FLOPSCOPE_FUZZ_CLI ?? join(root, 'dist/cli.js');

function sources(dir, ext) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

/** The seed inputs: the Python, notebook and TS/JS fixtures and the examples. */
function corpus() {
  const py = [...sources(join(root, 'test/fixtures/python'), '.py'), ...sources(join(root, 'examples'), '.py')];
  const nb = [...sources(join(root, 'test/fixtures/python'), '.ipynb'), ...sources(join(root, 'examples'), '.ipynb')];
  const js = sources(join(root, 'test/fixtures/tsjs'), '.ts');
  return { py, nb, js };
}

/** Case `i` of a run: a file to write (name, text) and the arguments after `analyze FILE`. Deterministic in (seed, i). */
export function makeCase(seed, i, seeds = corpus()) {
  const r = rng(seed * 1_000_003 + i * 7919 + 1);
  r(); // decorrelate neighbouring seeds
  const kind = r();
  const args = r() < 0.3 ? randomArgs(r) : [];
  if (i % 50 === 0) {
    // Hand-made hostile inputs, with no arguments (a bad one would stop the run before the analysis).
    const [name, text] = hostile[(i / 50) % hostile.length];
    return { name, text, args: [] };
  }
  if (kind < 0.45) {
    const [name, text] = r.pick(seeds.py);
    return { name, text: r() < 0.15 ? text.slice(0, r.int(text.length)) : mutatePython(text, r), args };
  }
  if (kind < 0.62) {
    const [name, text] = r.pick(seeds.nb);
    return { name, text: mutateNotebook(text, r, mutatePython), args };
  }
  if (kind < 0.82) {
    const [name, text] = r.pick(seeds.js);
    return { name, text: r() < 0.15 ? text.slice(0, r.int(text.length)) : mutateJs(text, r), args };
  }
  // An unmodified input with random arguments: the argument parser and input/entry handling.
  const [name, text] = r.pick([...seeds.py, ...seeds.js]);
  return { name, text, args: randomArgs(r) };
}

const hasTime = existsSync('/usr/bin/time');
const hasPrlimit = spawnSync('prlimit', ['--version'], { stdio: 'ignore' }).status === 0;

/** Runs one case in its own project folder; resolves with status, signal, time, peak RSS and the verdict. */
function runCase(c, { work, timeoutMs, memMb }) {
  const dir = mkdtempSync(join(work, 'case-'));
  writeFileSync(join(dir, 'pyproject.toml'), '');
  const file = join(dir, c.name);
  writeFileSync(file, c.text);
  const rssFile = join(dir, '.rss');
  const node = [`--max-old-space-size=${memMb}`, '--stack-size=984', cli, 'analyze', file, ...c.args];
  // The address-space cap backs up the heap cap (V8 reserves far more than it uses: 4x heap + 2 GB).
  const limited = hasPrlimit
    ? ['prlimit', `--as=${(memMb * 4 + 2048) * 1024 * 1024}`, process.execPath]
    : [process.execPath];
  const cmd = hasTime ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...limited, ...node] : [...limited, ...node];
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(cmd[0], cmd.slice(1), {
      cwd: dir,
      env: { ...process.env, TMPDIR: work },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      if (stderr.length < 20000) stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      let rssKb = 0;
      let exit = status;
      if (hasTime && existsSync(rssFile)) {
        const text = readFileSync(rssFile, 'utf8');
        rssKb = Number(/(\d+)\s*$/.exec(text.trim())?.[1] ?? 0);
        // /usr/bin/time reports a child's signal as "Command terminated by signal N" and exits 128+N.
        const sig = /terminated by signal (\d+)/.exec(text);
        if (sig) signal = `signal ${sig[1]}`;
      }
      const debug = c.args.includes('--debug');
      const stack = !debug && /\n\s+at .+(:\d+:\d+\)?|\[native code\])\n?/.test(stderr);
      const verdict = timedOut
        ? 'hang'
        : signal || exit === null || exit < 0 || exit > 4 || stack || /FATAL ERROR|Segmentation|Aborted/.test(stderr)
          ? 'crash'
          : 'ok';
      rmSync(dir, { recursive: true, force: true });
      done({ status: exit, signal, ms, rssKb, verdict, stderr });
    });
  });
}

/** Runs `cases` cases from `seed` with `jobs` at a time; returns the summary (and keeps reproducers in `keep`). */
export async function runFuzz({
  cases = 2000,
  seed = 1,
  jobs = 2,
  timeoutMs = 30000,
  memMb = 1024,
  keep,
  log = console.log,
} = {}) {
  if (!existsSync(cli)) spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
  const work = mkdtempSync(join(tmpdir(), 'flopscope-fuzz-'));
  const seeds = corpus();
  const statuses = new Map();
  const bad = [];
  /** Exit 4: engine failures the CLI turned into a message (reproducers for the engine's owners). */
  const internal = [];
  let worstMs = { ms: 0 };
  let worstRss = { rssKb: 0 };
  let next = 0;
  const started = performance.now();
  let done = 0;
  let stop = false;
  const onSignal = () => {
    stop = true;
    log(`fuzz: stopping after the cases in flight (${done} done)`);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const worker = async () => {
    while (next < cases && !stop) {
      const i = next++;
      const c = makeCase(seed, i, seeds);
      const r = await runCase(c, { work, timeoutMs, memMb });
      statuses.set(r.status ?? r.signal, (statuses.get(r.status ?? r.signal) ?? 0) + 1);
      if (r.ms > worstMs.ms) worstMs = { ms: r.ms, i, name: c.name };
      if (r.rssKb > worstRss.rssKb) worstRss = { rssKb: r.rssKb, i, name: c.name };
      if (r.status === 4 && r.verdict === 'ok')
        internal.push({ i, name: c.name, args: c.args, line: r.stderr.split('\n')[0] });
      if (r.verdict !== 'ok') {
        bad.push({ i, ...c, ...r });
        log(
          `case ${i} (${c.name} ${c.args.join(' ')}): ${r.verdict}, status ${r.status}, ${r.signal ?? ''}\n  ${r.stderr.split('\n').slice(0, 3).join('\n  ')}`,
        );
      }
      if (++done % 50 === 0)
        log(
          `fuzz: ${done}/${cases} cases, ${bad.length} crashes or hangs, worst ${Math.round(worstMs.ms)} ms, worst RSS ${Math.round(worstRss.rssKb / 1024)} MB, ${Math.round((performance.now() - started) / 1000)} s`,
        );
      if (keep && (r.verdict !== 'ok' || r.status === 4)) {
        mkdirSync(keep, { recursive: true });
        writeFileSync(join(keep, `case-${i}-${c.name}`), c.text);
        writeFileSync(join(keep, `case-${i}.args.json`), JSON.stringify(c.args));
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  rmSync(work, { recursive: true, force: true });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  const summary = {
    cases: done,
    seed,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    crashes: bad.filter((b) => b.verdict === 'crash').length,
    hangs: bad.filter((b) => b.verdict === 'hang').length,
    statuses: Object.fromEntries([...statuses].sort()),
    worstMs: { ms: Math.round(worstMs.ms), case: worstMs.i, name: worstMs.name },
    worstRssMb: { mb: Math.round(worstRss.rssKb / 1024), case: worstRss.i, name: worstRss.name },
    internalErrors: internal,
    bad: bad.map(({ i, name, args, verdict, status, signal }) => ({ i, name, args, verdict, status, signal })),
  };
  return summary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (k, d) => {
    const i = argv.indexOf(`--${k}`);
    return i >= 0 ? argv[i + 1] : d;
  };
  const summary = await runFuzz({
    cases: Number(opt('cases', 2000)),
    seed: Number(opt('seed', 1)),
    jobs: Number(opt('jobs', 2)),
    timeoutMs: Number(opt('timeout-ms', 30000)),
    memMb: Number(opt('mem-mb', 1024)),
    keep: opt('keep', undefined),
  });
  const { bad, internalErrors, ...shown } = summary;
  console.log(JSON.stringify(shown, null, 2));
  console.log(
    `fuzz: ${summary.cases} cases, ${summary.crashes} crashes, ${summary.hangs} hangs; worst time ${shown.worstMs.ms} ms (case ${shown.worstMs.case}, ${shown.worstMs.name}); worst RSS ${shown.worstRssMb.mb} MB (case ${shown.worstRssMb.case}, ${shown.worstRssMb.name})`,
  );
  for (const e of internalErrors) console.log(`exit 4: case ${e.i} (${e.name} ${e.args.join(' ')}): ${e.line}`);
  process.exitCode = bad.length ? 1 : 0;
}
