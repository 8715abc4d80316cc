// parametrizations.orthogonal / weight_norm and the linalg ops: PyTorch's errors, LAPACK counts, what stays unknown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from './core.mjs';

const head = 'import torch\nimport torch.nn as nn\nfrom torch.nn.utils.parametrizations import orthogonal\n';
const run = (body, options = {}) => core.analyze(head + body, { path: '/tmp/orthogonal_case.py', ...options });
const lineOf = (r, n) => r.lines.find((l) => l.line === n + 3);
const opOf = (r, n, name) => lineOf(r, n)?.ops.find((o) => o.op === name);
const unknownNames = (r) => r.coverage.unknown.map((u) => u.name);

// Messages as torch 1.13 raises them (/usr/bin/python3; the module's repr in the last one is PyTorch's own).
const errors = [
  [
    'orthogonal(nn.Linear(4, 4), orthogonal_map="qr")',
    'orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: qr',
  ],
  ['orthogonal(nn.BatchNorm1d(4))', 'Expected a matrix or batch of matrices. Got a tensor of 1 dimensions.'],
  ['orthogonal(nn.Linear(3, 3), name="scale")', "has no parameter or buffer with name 'scale'"],
];
for (const [code, message] of errors)
  test(`orthogonal raises PyTorch's ValueError: ${code}`, () => {
    const r = run(`m = ${code}\n`);
    // A Python exception stops evaluation there (as it stops the program), with its type and message.
    const d = r.diagnostics.find((x) => x.code === 'evaluation-stopped' && x.span.line === 4);
    assert.ok(
      d?.message.includes('ValueError: ') && d.message.includes(message),
      JSON.stringify(r.diagnostics.map((x) => x.message)),
    );
  });

test('householder map under no_grad: complete, the LAPACK counts of geqrf and orgqr', () => {
  const r = run('m = orthogonal(nn.Linear(6, 4))\nwith torch.no_grad():\n    w = m.weight\n');
  assert.equal(r.coverage.complete, true, JSON.stringify(r.coverage.reasons));
  // Registration (weight 4x6, transposed to 6x4, completed to 6x6): geqrf 2·6·6² − 2·6³/3 = 288, orgqr 4·6³ − 2·12·6² + 4·6³/3 = 288.
  assert.equal(opOf(r, 1, 'geqrf')?.flops, 288n);
  assert.equal(opOf(r, 1, 'householder_product')?.flops, 288n);
  assert.match(opOf(r, 1, 'geqrf').rule, /LAWN 41/);
  // Forward: 4 reflectors of a 6x4 matrix: 4·6·4·4 − 2·10·4² + 4·4³/3 = 149.33, rounded; then base (6x6) @ Q (6x4).
  const hp = opOf(r, 3, 'householder_product');
  assert.equal(hp?.flops, 149n);
  assert.equal(hp?.macs, 0n, 'LAPACK routines are FLOPs, never MACs');
  assert.equal(lineOf(r, 3).macs, 144n);
  assert.equal(lineOf(r, 3).value, '[4, 6]');
});

test('matrix_exp: the shape is known, the cost is an unknown op (its Padé degree depends on the values)', () => {
  const r = run('m = orthogonal(nn.Linear(5, 5))\nwith torch.no_grad():\n    w = m.weight\n');
  assert.equal(lineOf(r, 3).value, '[5, 5]');
  assert.equal(r.coverage.complete, false);
  const names = unknownNames(r);
  assert.ok(
    names.some((n) => n.startsWith('matrix_exp (')),
    names.join('; '),
  );
  // A square weight is orthogonalized only when it is not orthogonal already: a fact about its values.
  assert.ok(
    names.some((n) => n.includes('already orthogonal')),
    names.join('; '),
  );
  // 1x1 matrices are exp, known.
  const one = run('e = torch.matrix_exp(torch.randn(3, 1, 1))\n');
  assert.equal(one.coverage.complete, true, JSON.stringify(one.coverage.reasons));
});

test('with grad on, the LAPACK ops say their backward is not costed (never a silent 0)', () => {
  const r = run('m = orthogonal(nn.Linear(6, 4))\ny = m(torch.randn(2, 6))\n');
  assert.equal(lineOf(r, 2).value, '[2, 4]');
  assert.ok(unknownNames(r).includes('householder_product backward (cost not modelled)'), unknownNames(r).join('; '));
});

test('cayley: linalg.solve costs 2n³/3 + 2n² per right-hand side, and is known', () => {
  const r = run('m = orthogonal(nn.Linear(5, 3), orthogonal_map="cayley")\nwith torch.no_grad():\n    w = m.weight\n');
  assert.equal(lineOf(r, 3).value, '[3, 5]');
  // n = 5 (the 5x3 weight embedded in a 5x5 skew-symmetric matrix), 5 right-hand sides: 250/3 + 250 = 333.33.
  assert.equal(opOf(r, 3, 'linalg.solve')?.flops, 333n);
});

test('a symbolic matrix size leaves the LAPACK cost unknown; a symbolic batch scales it', () => {
  const src = 'def f(x, y):\n    a, tau = torch.geqrf(x)\n    return torch.linalg.solve(y, y[..., 0])\n';
  const r = run(src, { entry: 'f', inputs: [{ shape: 'N,3' }, { shape: 'B,3,3' }] });
  assert.ok(unknownNames(r).includes('geqrf (symbolic matrix size: cost unknown)'), unknownNames(r).join('; '));
  const solve = opOf(r, 3, 'linalg.solve');
  assert.equal(solve?.symbolicFormula ?? solve?.formula, '36·B');
});

// Bytes autograd saves for one forward through the module (construction runs without grad), as real torch 1.13
// measures them: saved_tensors_hooks over distinct storages, parameters excluded, buffers (`base`) and inputs included,
// as training_oracle.py counts. (cayley is not listed: its `torch.add(Id, A, alpha=±0.5)` saves nothing in PyTorch,
// while the engine's add-with-alpha keeps an 8-byte wrapped scalar: 576 vs 560.)
const saved = [
  ['orthogonal(nn.Linear(6, 4))', '2, 6', 440n],
  ['orthogonal(nn.Linear(5, 5))', '7, 5', 340n],
  ['orthogonal(nn.Conv2d(3, 8, 3))', '1, 3, 8, 8', 3360n],
];
for (const [model, input, bytes] of saved)
  test(`saved for backward through ${model}: PyTorch's ${bytes} bytes`, () => {
    const r = run(`m = ${model}\nx = torch.randn(${input})\ny = m(x)\n`);
    assert.equal(r.memory.savedBytes, bytes);
  });

test('linalg.qr: geqrf + orgqr for Q; torch.qr warns as PyTorch does and means the same', () => {
  const r = run('q, r = torch.linalg.qr(torch.randn(2, 5, 3))\nq2, r2 = torch.qr(torch.randn(5, 3), some=False)\n');
  // Per 5x3 matrix: geqrf 2·5·3² − 2·3³/3 = 72, orgqr of the 5x3 Q from 3 reflectors 4·5·3·3 − 2·8·3² + 4·3³/3 = 72.
  assert.equal(opOf(r, 1, 'linalg.qr')?.flops, 288n);
  assert.equal(lineOf(r, 1).value, '([2, 5, 3], [2, 3, 3])');
  // complete: the 5x5 Q from 3 reflectors, 4·5·5·3 − 2·10·3² + 36 = 156; plus geqrf's 72.
  assert.equal(opOf(r, 2, 'linalg.qr')?.flops, 228n);
  assert.equal(lineOf(r, 2).value, '([5, 5], [5, 3])');
  const warning = r.diagnostics.find((d) => d.span.line === 5 && d.severity === 'warning');
  assert.match(warning?.message ?? '', /torch\.qr is deprecated in favor of torch\.linalg\.qr/);
});

test('parametrize.cached(): the parametrized weight is computed once per block (torch: the second access runs no op)', () => {
  const src =
    'import torch.nn.utils.parametrize as P\nm = orthogonal(nn.Linear(8, 8), orthogonal_map="householder")\n' +
    'with P.cached():\n    a = m.weight\n    b = m.weight\nc = m.weight\n' +
    '@P.cached()\ndef twice():\n    return m.weight + m.weight\nd = twice()\n';
  const r = run(src);
  assert.equal(lineOf(r, 4).macs, 512n, 'first access: base (8x8) @ Q (8x8)');
  assert.equal(lineOf(r, 5).inclusive.macs, 0n, 'second access inside the block: cached');
  assert.equal(lineOf(r, 6).inclusive.macs, 512n, 'after the block: computed again');
  assert.equal(lineOf(r, 10).inclusive.macs, 512n, 'as a decorator: once for both accesses');
});

// parametrizations.weight_norm is torch ≥ 2.1 (the 1.13 oracle lacks it): it must agree with nn.utils.weight_norm,
// whose parameters and costs test/fixtures/python/weight_norms.py checks against torch 1.13 (g = ‖v‖ over all dims but
// `dim`, v the weight; the weight is v·(g/‖v‖) on every access).
const weightNorms = [
  ['nn.Conv1d(8, 16, 5, padding=2)', '', '[16, 1, 1]', 'torch.randn(2, 8, 10)'],
  ['nn.Linear(16, 32)', ', dim=None', '[]', 'torch.randn(4, 16)'],
  ['nn.Conv1d(8, 16, 3)', ', name="weight", dim=2', '[1, 1, 3]', 'torch.randn(2, 8, 10)'],
];
for (const [layer, extra, gShape, input] of weightNorms)
  test(`parametrizations.weight_norm(${layer}${extra}) matches nn.utils.weight_norm`, () => {
    const src =
      'from torch.nn.utils.parametrizations import weight_norm\nfrom torch.nn.utils import weight_norm as old\n' +
      `a = weight_norm(${layer}${extra})\nb = old(${layer}${extra})\n` +
      'g = a.parametrizations.weight.original0\nv = a.parametrizations.weight.original1\n' +
      `names = [n for n, _ in a.named_parameters()]\ny = a(${input})\nz = b(${input})\n` +
      'n = torch.zeros(names.index("parametrizations.weight.original0"), names.index("parametrizations.weight.original1"))\n';
    const r = run(src);
    assert.equal(r.coverage.complete, true, JSON.stringify(r.coverage.reasons));
    assert.equal(lineOf(r, 3).valueParams, lineOf(r, 4).valueParams, 'parameters');
    assert.equal(lineOf(r, 5).value, gShape, 'g');
    assert.equal(lineOf(r, 8).value, lineOf(r, 9).value);
    assert.equal(
      lineOf(r, 8).inclusive.flops,
      lineOf(r, 9).inclusive.flops,
      'the forward: weight recomputed, then the layer',
    );
    assert.equal(lineOf(r, 10).value, '[1, 2]', 'named original0, original1 after bias');
  });

test("remove_parametrizations raises PyTorch's ValueErrors", () => {
  const cases = [
    ['P.remove_parametrizations(nn.Linear(3, 3), "weight")', 'does not have a parametrization on weight'],
    [
      'P.remove_parametrizations(weight_norm(nn.Linear(3, 3)), "weight", leave_parametrized=False)',
      'Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is parametrized in terms of a sequence of tensors.',
    ],
  ];
  for (const [code, message] of cases) {
    const src =
      'import torch.nn.utils.parametrize as P\nfrom torch.nn.utils.parametrizations import weight_norm\n' +
      `m = ${code}\n`;
    const r = run(src);
    const d = r.diagnostics.find((x) => x.code === 'evaluation-stopped' && x.span.line === 6);
    assert.ok(d?.message.includes('ValueError: ') && d.message.includes(message), JSON.stringify(r.diagnostics));
  }
});

test('a parametrized weight read at top level is no model: the totals keep every parameter', () => {
  // Before: the parametrization module, called with an empty module stack, became "the model" (Params 0, Output the
  // weight). PyTorch's own figure for this file: Linear(6, 4) under orthogonal has 28 parameters.
  const r = run('m = orthogonal(nn.Linear(6, 4))\nw = m.weight\n');
  assert.equal(r.totals.params, 28n);
  assert.equal(r.totals.buffers, 36n, 'the base buffer (6x6)');
  assert.equal(lineOf(r, 2).value, '[4, 6]');
});
