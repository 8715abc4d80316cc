// The extension manifest's limits (issue 11): Restricted Mode supported with maxSteps and memoryLimitMb restricted, both
// bounded in package.json and clamped in code to the same bounds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const out = `${root}out/test/analysisLimits.cjs`;
esbuild.buildSync({
  entryPoints: [`${root}src/protocol/analysisLimits.ts`],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
});
const { clampMemory, clampSteps, memoryBounds, stepBounds } = createRequire(import.meta.url)(out);
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

test('untrusted workspaces: limited support, the step budget and memory limit are restricted settings', () => {
  const trust = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.deepEqual(trust.restrictedConfigurations, ['flopscope.analysis.maxSteps', 'flopscope.analysis.memoryLimitMb']);
});

test('maxSteps: package.json bounds match the code, and any value is clamped to them', () => {
  const setting = pkg.contributes.configuration.properties['flopscope.analysis.maxSteps'];
  assert.equal(setting.minimum, stepBounds.min);
  assert.equal(setting.maximum, stepBounds.max);
  assert.equal(setting.default, stepBounds.default);
  assert.equal(clampSteps(1e15), stepBounds.max);
  assert.equal(clampSteps(Infinity), stepBounds.default);
  assert.equal(clampSteps(-5), stepBounds.min);
  assert.equal(clampSteps('9'.repeat(400)), stepBounds.default);
  assert.equal(clampSteps(undefined), stepBounds.default);
  assert.equal(clampSteps(123456.7), 123456);
});

test('memoryLimitMb: package.json bounds match the code, and any value is clamped to them', () => {
  const setting = pkg.contributes.configuration.properties['flopscope.analysis.memoryLimitMb'];
  assert.equal(setting.minimum, memoryBounds.min);
  assert.equal(setting.maximum, memoryBounds.max);
  assert.equal(setting.default, memoryBounds.default);
  assert.equal(clampMemory(1e9), memoryBounds.max);
  assert.equal(clampMemory(1), memoryBounds.min);
  assert.equal(clampMemory(NaN), memoryBounds.default);
  assert.equal(clampMemory('512'), memoryBounds.default);
  assert.equal(clampMemory(512.9), 512);
});
