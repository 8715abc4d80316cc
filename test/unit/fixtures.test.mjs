// Fixture files with expectations inline (`# expect: [32, 256] macs=N params=N`, `# expect-error: TEXT`), checked line by line.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { analyzeFile, core, root } from './core.mjs';
import { joinedSource } from '../oracle/notebookJoin.mjs';

const dir = join(root, 'test/fixtures/python');
function pyFiles(d) {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? pyFiles(p) : /\.(py|ipynb)$/.test(p) ? [p] : [];
  });
}

/** A notebook fixture is analyzed as the extension and the CLI analyze it: its code cells joined as one program. */
function fixtureSource(file) {
  return file.endsWith('.ipynb') ? joinedSource(file) : readFileSync(file, 'utf8');
}

function expectations(source) {
  const out = [];
  source.split('\n').forEach((text, i) => {
    // Only comments after code count (prose in a header comment that mentions the syntax does not).
    const m = /^\s*[^#\s].*#\s*expect(-error|-warning)?:\s*(.*)$/.exec(text);
    if (!m) return;
    const body = m[2].trim();
    if (m[1]) {
      out.push({ line: i + 1, kind: m[1].slice(1), text: body });
      return;
    }
    const shape = /^(\[[^\]]*\]|\(.*\))(?=\s|$)/.exec(body)?.[1];
    const macs = /macs=(\d+)/.exec(body)?.[1];
    const params = /params=(\d+)/.exec(body)?.[1];
    const dtype = /dtype=(\w+)/.exec(body)?.[1];
    out.push({
      line: i + 1,
      kind: 'value',
      shape,
      macs: macs && BigInt(macs),
      params: params && BigInt(params),
      dtype,
    });
  });
  return out;
}

for (const file of pyFiles(dir)) {
  const source = fixtureSource(file);
  const exp = expectations(source);
  if (exp.length === 0) continue;
  test(`fixture ${relative(dir, file)}`, () => {
    const r = file.endsWith('.ipynb') ? core.analyze(source, { path: file }) : analyzeFile(file);
    const byLine = new Map();
    for (const l of r.lines) {
      byLine.set(l.line, l);
      if (l.endLine) byLine.set(l.endLine, l);
    }
    const failures = [];
    for (const e of exp) {
      if (e.kind !== 'value') {
        const sev = e.kind === 'error' ? 'error' : 'warning';
        const hit = r.diagnostics.find(
          (d) => d.span.line === e.line && d.severity === sev && d.message.includes(e.text.replace(/\s*\.\.\.$/, '')),
        );
        if (e.kind === 'error' && !hit)
          failures.push(
            `line ${e.line}: expected error containing "${e.text}", got ${JSON.stringify(r.diagnostics.filter((d) => d.span.line === e.line).map((d) => d.message))}`,
          );
        continue;
      }
      const l = byLine.get(e.line);
      if (e.shape && l?.value !== e.shape) failures.push(`line ${e.line}: value ${l?.value} expected ${e.shape}`);
      // dtype= (the oracle writes it when the value's first tensor is not float32; like its --check, only when stated).
      if (e.dtype && l?.valueDtype !== e.dtype)
        failures.push(`line ${e.line}: dtype ${l?.valueDtype} expected ${e.dtype}`);
      if (e.macs !== undefined) {
        const perCall = l && l.calls ? l.inclusive.macs / BigInt(l.calls) : 0n;
        if (perCall !== e.macs) failures.push(`line ${e.line}: macs per call ${perCall} expected ${e.macs}`);
      }
      if (e.params !== undefined && l?.valueParams !== e.params)
        failures.push(`line ${e.line}: params ${l?.valueParams} expected ${e.params}`);
    }
    const unexpected = r.diagnostics.filter(
      (d) => d.severity === 'error' && !exp.some((e) => e.kind === 'error' && e.line === d.span.line),
    );
    for (const d of unexpected) failures.push(`line ${d.span.line}: unexpected error ${d.message}`);
    assert.deepEqual(failures, []);
  });
}
