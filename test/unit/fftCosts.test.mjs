// FLOPs of torch.fft and F.fold by their documented rules (README "How FLOPs are counted"): the radix-2 count per 1-D
// transform (5·N·⌈log₂ N⌉ complex, 2.5·N·⌈log₂ N⌉ real), summed over an n-D transform's steps, plus the norm's scaling;
// fold 1 FLOP per input element. Shapes and dtypes are checked against PyTorch in test/fixtures/python/spectral_and_fold.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from './core.mjs';

/** [macs, flops, backward flops] of line 4, after `x = torch.randn(2, 5, 8)` and `z = torch.fft.fft(x)`. */
function cost(stmt) {
  const src = `import torch\nx = torch.randn(2, 5, 8, requires_grad=True)\nz = torch.fft.fft(x)\ny = ${stmt}\n`;
  const r = core.analyze(src, {});
  assert.equal(r.coverage.complete, true, JSON.stringify(r.coverage.reasons));
  const l = r.lines.find((x) => x.line === 4);
  return [l.macs, l.flops, l.backwardFlops];
}

test('1-D transforms: 5·N·⌈log₂ N⌉ complex, 2.5·N·⌈log₂ N⌉ real, per transform; the norm mode scales', () => {
  // 10 transforms of length 8, 5·8·3 = 120 each; backward, the adjoint transform costs the same, plus 80 adds that
  // accumulate x's gradient (x feeds line 3 too).
  assert.deepEqual(cost('torch.fft.fft(x)'), [0n, 1200n, 1200n + 80n]);
  // ifft scales by 1/n under the default 'backward' norm: 2 FLOPs per complex output element (60 of them).
  assert.deepEqual(cost('torch.fft.ifft(z, n=6)').slice(0, 2), [0n, 10n * (5n * 6n * 3n) + 2n * 60n]);
  assert.deepEqual(cost('torch.fft.fft(x, norm="forward")').slice(0, 2), [0n, 1200n + 2n * 80n]);
  assert.deepEqual(cost('torch.fft.ifft(z, norm="forward")').slice(0, 2), [0n, 1200n]);
  // n=12 along dim 1: 16 transforms of 5·12·4; 'ortho' scales the 192 outputs.
  assert.deepEqual(cost('torch.fft.fft(x, n=12, dim=1, norm="ortho")').slice(0, 2), [0n, 16n * 240n + 2n * 192n]);
  // Real input or output: 2.5·8·3 = 60 per transform; a real output scales 1 per element.
  assert.deepEqual(cost('torch.fft.rfft(x)').slice(0, 2), [0n, 600n]);
  assert.deepEqual(cost('torch.fft.irfft(z[..., :5])').slice(0, 2), [0n, 600n + 80n]);
  // hfft: output length 2·(8 - 1) = 14, 2.5·14·4 = 140 each, a forward transform (no scaling by default).
  assert.deepEqual(cost('torch.fft.hfft(z)').slice(0, 2), [0n, 1400n]);
  // ihfft: an inverse r2c transform, scaled: 50 complex outputs.
  assert.deepEqual(cost('torch.fft.ihfft(x)').slice(0, 2), [0n, 600n + 2n * 50n]);
});

test('n-D transforms sum their 1-D steps over the tensor as it is at each step', () => {
  // dim -2 (N=5): 16 transforms of 5·5·3 = 75; dim -1 (N=8): 10 of 120.
  assert.deepEqual(cost('torch.fft.fft2(x)').slice(0, 2), [0n, 16n * 75n + 10n * 120n]);
  assert.deepEqual(cost('torch.fft.fftn(x)').slice(0, 2), [0n, 40n * (5n * 2n * 1n) + 16n * 75n + 10n * 120n]);
  // rfftn s=(3, 7): the real step first (6 transforms of round(2.5·7·3) = 53), then 8 complex ones of 5·3·2 over the
  // halved last dim (7 // 2 + 1 = 4).
  assert.deepEqual(cost('torch.fft.rfftn(x, s=(3, 7))').slice(0, 2), [0n, 6n * 53n + 8n * 30n]);
  // irfftn s=(4, 6) of [2, 5, 8]: complex steps first over the halved last dim (6 // 2 + 1 = 4): 8 of 5·4·2; then
  // 8 real ones of 2.5·6·3 = 45; 48 real outputs scaled.
  assert.deepEqual(cost('torch.fft.irfftn(z, s=(4, 6))').slice(0, 2), [0n, 8n * 40n + 8n * 45n + 48n]);
});

test('moves and frequencies cost nothing; F.fold sums overlapping blocks, 1 FLOP per input element', () => {
  assert.deepEqual(cost('torch.fft.fftshift(z)').slice(0, 2), [0n, 0n]);
  assert.deepEqual(cost('torch.fft.rfftfreq(8)').slice(0, 2), [0n, 0n]);
  assert.deepEqual(cost('torch.nn.functional.fold(x.reshape(2, 4, 10), (3, 6), 2)').slice(0, 2), [0n, 80n]);
  assert.deepEqual(cost('torch.nn.functional.unfold(x[None], 2)').slice(0, 2), [0n, 0n]);
});

test('a symbolic transform length makes the cost unknown; a symbolic batch stays a formula', () => {
  const model = (shape) =>
    `import torch\nimport torch.nn as nn\n\n\nclass M(nn.Module):\n    def forward(self, x):\n        return torch.fft.rfft(x)\n\n# flopscope: entry M()\n# flopscope: input x: ${shape}\n`;
  const unknown = core.analyze(model('[B, T]'), {});
  assert.equal(unknown.coverage.complete, false);
  assert.match(JSON.stringify(unknown.coverage.unknown), /rfft \(symbolic transform length/);
  const known = core.analyze(model('[B, 8]'), { dims: { B: 4 } });
  assert.equal(known.coverage.complete, true, JSON.stringify(known.coverage.reasons));
  assert.equal(known.totals.flops, 4n * 60n);
});

test('a length of unknown value gives an unknown shape, never the input size', () => {
  const src = 'import torch\nx = torch.randn(2, 8)\nn = int(torch.randn(1).item())\ny = torch.fft.rfft(x, n=n)\n';
  const r = core.analyze(src, {});
  assert.equal(r.lines.find((l) => l.line === 4).value, '[?]');
  assert.equal(r.coverage.complete, false);
});

test('a dim of unknown value is an unknown shape, never an error', () => {
  const src = 'import torch\nx = torch.randn(2, 8)\nd = int(torch.randn(1).item())\ny = torch.fft.fft(x, dim=d)\n';
  const r = core.analyze(src, {});
  assert.equal(r.lines.find((l) => l.line === 4).value, '[?]');
  assert.deepEqual(
    r.diagnostics.filter((x) => x.severity === 'error'),
    [],
  );
});
