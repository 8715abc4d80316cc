// Runs test/integration/suite.ts (the web bundle) inside VS Code for the Web and resolves to its exit code.
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { repoRoot, startServer } from './server.mjs';

export async function runInHostSuite({ workspace, timeoutMs = 90_000, log = console.log }) {
  const { server, url } = await startServer({
    workspace,
    extensionTestsPath: join(repoRoot, 'out', 'integration', 'web'),
  });
  const browser = await launch();
  try {
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await browser.page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args])
        .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
        .join(' ');
      if (
        (type === 'error' && !/ENOPRO|Creation of workbench contribution/.test(text)) ||
        /flopscope|^\s+(ok|FAIL) |passed|skipped/.test(text)
      )
        log(`  [host] ${text}`);
    });
    await browser.page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    browser.page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
    await browser.page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') {
      log(`in-host suite timed out after ${timeoutMs} ms`);
      return 1;
    }
    return code;
  } finally {
    await browser.close();
    server.close();
  }
}
