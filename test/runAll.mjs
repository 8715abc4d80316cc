// `npm test`: type check, lint, build, unit + golden tests, oracle checks against real PyTorch and TF.js, e2e in real VS Code.
// A suite whose system dependency is missing skips with a one-line reason locally; under CI=true it must run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const ci = process.env.CI === 'true';
const python = process.env.FLOPSCOPE_PYTHON ?? '/usr/bin/python3';
const results = [];
/** Text printed again after the summary, so a log's tail (all a CI page may show) says why a suite failed. */
const failureDetails = [];

function run(name, cmd, args, { needs, details } = {}) {
  if (needs) {
    const missing = needs();
    if (missing) {
      if (ci) {
        console.error(`\n✗ ${name}: cannot run under CI: ${missing}`);
        results.push([name, 'failed']);
        return;
      }
      console.log(`\n- ${name}: skipped (${missing})`);
      results.push([name, 'skipped']);
      return;
    }
  }
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  console.log(`${ok ? '✓' : '✗'} ${name} (${secs} s)`);
  results.push([name, ok ? 'passed' : 'failed']);
  if (!ok && details) failureDetails.push([name, details()]);
}

/** The spec reporter's closing "failing tests" section without stack frames, at most 6,000 characters. */
function failingTests(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return `(no ${file})`;
  }
  const at = text.lastIndexOf('failing tests:');
  const section = (at >= 0 ? text.slice(at) : text.slice(-6000))
    .split('\n')
    .filter((l) => !/^\s+at .*(node:|file:\/\/)/.test(l))
    .join('\n');
  return section.length > 6000 ? `${section.slice(0, 6000)}\n…` : section;
}

const npx = (bin, ...args) => [`node_modules/.bin/${bin}`, args];
const torchMissing = () => {
  if (!existsSync(python)) return `no ${python}; apt-get install -y python3-torch python3-torchvision`;
  const r = spawnSync(python, ['-c', 'import torch, torchvision'], { stdio: 'ignore' });
  return r.status === 0
    ? undefined
    : `PyTorch is not importable by ${python}; apt-get install -y python3-torch python3-torchvision`;
};

run('type check', ...npx('tsc', '-p', 'tsconfig.node.json'));
run('type check (extension)', ...npx('tsc', '-p', 'src/extension/tsconfig.json'));
run('type check (webview)', ...npx('tsc', '-p', 'src/webview/tsconfig.json'));
run('type check (integration suite)', ...npx('tsc', '-p', 'test/integration/tsconfig.json'));
run('lint', ...npx('eslint', 'src', 'test'));
run('import graph of src/core', process.execPath, ['scripts/checkImportGraph.mjs']);
run(
  'format (prettier --check)',
  ...npx('prettier', '--check', '--log-level', 'warn', 'src', 'test', 'scripts', 'esbuild.mjs', 'eslint.config.mjs'),
);
run('build', process.execPath, ['esbuild.mjs', '--quiet']);
run('README ops list in sync', process.execPath, ['scripts/updateReadme.mjs', '--check']);
run('VSIX contents', process.execPath, ['test/package/checkVsix.mjs']);
// The spec reporter also writes to a file whose "failing tests" section is repeated after the summary.
mkdirSync('test-output', { recursive: true });
const unitSpec = 'test-output/unit-tests.txt';
run(
  'unit and golden tests',
  process.execPath,
  [
    '--test',
    '--test-reporter=dot',
    '--test-reporter-destination=stdout',
    '--test-reporter=spec',
    `--test-reporter-destination=${unitSpec}`,
    'test/unit/',
    'test/integration/',
  ],
  { details: () => failingTests(unitSpec) },
);
// A seeded slice of `npm run fuzz` (the real CLI process over mutated inputs): no crash, no hang.
run('CLI fuzz: 200 seeded cases', process.execPath, ['test/fuzz/fuzz.mjs', '--cases', '200', '--seed', '20261129']);
run('PyTorch oracle: acceptance models vs goldens', process.execPath, ['test/oracle/regen.mjs', '--check'], {
  needs: torchMissing,
});
run('PyTorch oracle: fixture expectations', process.execPath, ['test/oracle/regen.mjs', '--lines', '--check'], {
  needs: torchMissing,
});
run(
  'PyTorch oracle: training ledger (saved bytes, backward MACs) vs goldens',
  process.execPath,
  ['test/oracle/trainingRegen.mjs', '--check'],
  { needs: torchMissing },
);
run('PyTorch oracle: layer tables vs goldens', process.execPath, ['test/oracle/regen.mjs', '--layers', '--check'], {
  needs: torchMissing,
});
if (existsSync('test/oracle/tfjs_oracle.mjs'))
  run('TF.js oracle vs goldens', process.execPath, ['test/oracle/tfjs_oracle.mjs', '--check']);
run('e2e in VS Code for the Web', process.execPath, ['test/e2e/run.mjs']);

// The Node entry (dist/extension.js) in a real VS Code server's extension host. Where possible it runs in a network
// namespace of its own with only loopback, so nothing can leave the machine whatever the server tries.
const codeServer = process.env.CODE_SERVER_PREFIX ?? '/opt/code-server';
const codeServerMissing = () =>
  existsSync(`${codeServer}/.flopscope-installed`)
    ? undefined
    : `no code-server in ${codeServer}; sh test/e2e/server/install.sh`;
const isolated =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-n', 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore' }).status === 0;
process.env.E2E_NO_BUILD = '1';
if (isolated)
  run(
    'e2e in VS Code server (desktop extension host)',
    'unshare',
    ['-n', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" test/e2e/server/runServer.mjs`],
    { needs: codeServerMissing },
  );
else
  run('e2e in VS Code server (desktop extension host)', process.execPath, ['test/e2e/server/runServer.mjs'], {
    needs: codeServerMissing,
  });

const failed = results.filter(([, s]) => s === 'failed');
const passed = results.filter(([, s]) => s === 'passed');
const skipped = results.filter(([, s]) => s === 'skipped');
console.log('\nSummary');
for (const [name, s] of results) console.log(`  ${s.padEnd(7)} ${name}`);
console.log(
  `suites: ${passed.length} passed, ${failed.length} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`,
);
for (const [name, text] of failureDetails) console.log(`\nWhy "${name}" failed (from its log above):\n${text}`);
process.exit(failed.length ? 1 : 0);
