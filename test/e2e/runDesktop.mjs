// Runs the same in-host suite in desktop VS Code via @vscode/test-electron, when VSCODE_EXECUTABLE names a binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server.mjs';
import { makeWorkspace } from './workspace.mjs';

const executable = process.env.VSCODE_EXECUTABLE;
if (!executable || !existsSync(executable)) {
  console.log(
    `e2e desktop: skipped: set VSCODE_EXECUTABLE to a VS Code binary${executable ? ` (${executable} does not exist)` : ''}`,
  );
  process.exit(0);
}
const build = spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const { runTests } = await import('@vscode/test-electron');
const workspace = makeWorkspace();
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'integration', 'desktop.js'),
    launchArgs: [workspace.dir, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('e2e desktop: passed');
} catch (error) {
  console.error(`e2e desktop: FAIL: ${error.message ?? error}`);
  process.exitCode = 1;
} finally {
  workspace.dispose();
}
