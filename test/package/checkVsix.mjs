// Checks what `npm run package` would ship (vsce ls): only the bundles, media, grammars and package docs.
import { execFileSync } from 'node:child_process';

const allowed = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/(web\/)?(extension|tsjs)\.js$/,
  /^dist\/analysisWorker\.js$/,
  /^dist\/(webview|cli|cli-main)\.js$/,
  /^media\/[\w.-]+$/,
  /^syntaxes\/[\w.-]+\.json$/,
];
const required = [
  'package.json',
  'README.md',
  'dist/extension.js',
  'dist/analysisWorker.js',
  'dist/web/extension.js',
  'dist/webview.js',
  'dist/tsjs.js',
  'dist/web/tsjs.js',
];
const files = execFileSync('node_modules/.bin/vsce', ['ls', '--no-dependencies'], { encoding: 'utf8' })
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
const extra = files.filter((f) => !allowed.some((re) => re.test(f)));
const missing = required.filter((f) => !files.includes(f));
if (extra.length || missing.length) {
  console.error(
    `vsix contents: ${extra.length ? `unexpected ${extra.join(', ')}` : ''} ${missing.length ? `missing ${missing.join(', ')}` : ''}`,
  );
  process.exit(1);
}
console.log(`vsix contents: ${files.length} files, all whitelisted: ${files.join(', ')}`);
