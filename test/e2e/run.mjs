// `npm run test:e2e`: builds, then runs the in-host suite and the driven-UI test in VS Code for the Web (offline, Chromium).
import { spawnSync } from 'node:child_process';
import { hasChromium, chromiumPath } from './browser.mjs';
import { runInHostSuite } from './inHost.mjs';
import { quietServerLogs } from './quiet.mjs';
import { repoRoot } from './server.mjs';
import { runUiTest } from './ui.mjs';
import { runLayersTest } from './layersUi.mjs';
import { makeWorkspace } from './workspace.mjs';

const ci = process.env.CI === 'true';
if (!hasChromium()) {
  if (ci) {
    console.error(`e2e: FAIL: no Chromium at ${chromiumPath} (CI=true requires it: apt-get install -y chromium)`);
    process.exit(1);
  }
  console.log(
    `e2e: skipped: no Chromium at ${chromiumPath} (install it with apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
  process.exit(0);
}

const started = Date.now();
const only = process.argv[2]; // optional: `host`, `ui` or `layers`
const limitS = only ? 170 : 400; // three phases on a shared machine
const guard = setTimeout(() => {
  console.error(`e2e: FAIL: the whole run exceeded ${limitS} s`);
  process.exit(1);
}, limitS * 1000);
guard.unref();

// E2E_NO_BUILD=1 reuses dist/ and out/ as they are (e.g. built by a CI step before).
const build =
  process.env.E2E_NO_BUILD === '1'
    ? { status: 0 }
    : spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('e2e: FAIL: build failed');
  process.exit(1);
}

quietServerLogs();
const results = {};
for (const [key, name, test] of [
  ['host', 'in-host suite', runInHostSuite],
  ['ui', 'driven UI', runUiTest],
  ['layers', 'Layers UI (torchvision resnet.py)', runLayersTest],
]) {
  if (only && only !== key) continue;
  const workspace = makeWorkspace({ torchvision: key === 'layers' });
  console.log(`e2e: ${name}`);
  try {
    results[name] = await test({ workspace: workspace.dir });
  } catch (error) {
    console.error(`e2e: ${name} crashed: ${error.stack ?? error}`);
    results[name] = 1;
  } finally {
    workspace.dispose();
  }
}
const failed = Object.entries(results)
  .filter(([, code]) => code !== 0)
  .map(([name]) => name);
console.log(
  `e2e: ${failed.length ? `FAIL (${failed.join(', ')})` : 'all passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-output/e2e/`,
);
process.exit(failed.length ? 1 : 0);
