// Checks what `npm run package` would ship (vsce ls): only the bundles, media, grammars and package docs, and every
// image the README shows (the extension page renders the README from the package).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const allowed = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/(web\/)?extension\.js$/,
  /^dist\/tsjs\.js$/,
  /^dist\/analysis(Worker|Process)\.js$/,
  /^dist\/webview\.js$/,
  /^docs\/images\/[\w.-]+\.(png|gif)$/,
  /^media\/[\w.-]+$/,
  /^syntaxes\/[\w.-]+\.json$/,
];
const required = [
  'package.json',
  'README.md',
  'dist/extension.js',
  'dist/analysisWorker.js',
  'dist/analysisProcess.js',
  'dist/web/extension.js',
  'dist/webview.js',
  'dist/tsjs.js',
];
const files = execFileSync('node_modules/.bin/vsce', ['ls', '--no-dependencies'], { encoding: 'utf8' })
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
const extra = files.filter((f) => !allowed.some((re) => re.test(f)));
const images = [...readFileSync('README.md', 'utf8').matchAll(/!\[[^\]]*\]\((?!https?:)([^)\s]+)\)/g)].map((m) => m[1]);
const missing = [...required, ...images].filter((f) => !files.includes(f));
if (extra.length || missing.length) {
  console.error(
    `vsix contents: ${extra.length ? `unexpected ${extra.join(', ')}` : ''} ${missing.length ? `missing ${missing.join(', ')}` : ''}`,
  );
  process.exit(1);
}
console.log(`vsix contents: ${files.length} files, all whitelisted: ${files.join(', ')}`);
