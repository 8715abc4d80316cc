// Matmul-class ops: matmul/@, mm, bmm, linear, addmm, einsum, outer, dot. MACs = batch·m·n·p.
import { def } from '../registry';
import type { TorchCtx } from '../context';
import { broadcast } from '../broadcast';
import { promote } from '../dtypes';
import { autocastTensors } from '../autocast';
import { asTensor } from '../values';
import { bind } from '../signature';
import { term, type Term } from '../../cost/terms';
import { dimEq, dimProd, dimStr, type Dim } from '../../sym/dim';
import { fresh } from '../strides';
import { Unknown, type Value } from '../../eval/values';
import type { Tensor } from '../../model/tensor';
import { productSaves } from '../gradSaves';

/** PyTorch's wording, with the left operand flattened to 2-D as torch does for mm. */
function mismatch(a: readonly Dim[], b: readonly Dim[]): string {
  const rows = a.length === 1 ? '1' : dimStr(dimProd(a.slice(0, -1)));
  const right = b.length === 1 ? `${dimStr(b[0])}x1` : b.slice(-2).map(dimStr).join('x');
  return `mat1 and mat2 shapes cannot be multiplied (${rows}x${dimStr(a[a.length - 1])} and ${right})`;
}

function bmmMismatch(batch: Dim, n: Dim, batch2: Dim, n2: Dim): string {
  return `Expected size for first two dimensions of batch2 tensor to be: [${dimStr(batch)}, ${dimStr(n)}] but got: [${dimStr(batch2)}, ${dimStr(n2)}].`;
}

/** torch.bmm / torch.mm operand checks, in PyTorch's order and wording. */
function strictRankError(op: string, a: readonly Dim[], b: readonly Dim[]): string | undefined {
  if (op === 'mm')
    return a.length !== 2 ? 'self must be a matrix' : b.length !== 2 ? 'mat2 must be a matrix' : undefined;
  if (op !== 'bmm') return undefined;
  if (a.length !== 3) return 'batch1 must be a 3D tensor';
  if (b.length !== 3) return 'batch2 must be a 3D tensor';
  const known = (x: Dim, y: Dim) => typeof x === 'number' && typeof y === 'number' && x !== y;
  return known(a[0], b[0]) || known(a[2], b[1]) ? bmmMismatch(a[0], a[2], b[0], b[1]) : undefined;
}

/** Shape and MAC terms of torch.matmul; an error string when inner dims disagree. */
export function matmulShape(a: readonly Dim[], b: readonly Dim[]): { shape: Dim[]; macs: Term[] } | { error: string } {
  if (a.length === 0 || b.length === 0) return { error: 'both arguments to matmul need to be at least 1D' };
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const m = a2[a2.length - 2],
    n = a2[a2.length - 1],
    n2 = b2[b2.length - 2],
    p = b2[b2.length - 1];
  const bc = broadcast(a2.slice(0, -2), b2.slice(0, -2));
  if (!dimEq(n, n2) && typeof n === 'number' && typeof n2 === 'number') {
    // Both operands batched: torch.matmul expands the batch dims and calls bmm, which words the error itself.
    if (a.length >= 3 && b.length >= 3 && !('error' in bc))
      return { error: bmmMismatch(dimProd(bc.shape), n, dimProd(bc.shape), n2) };
    return { error: mismatch(a, b) };
  }
  if ('error' in bc) return bc;
  const shape = [...bc.shape];
  if (a.length > 1) shape.push(m);
  if (b.length > 1) shape.push(p);
  const factors = [...bc.shape, a.length > 1 ? m : 1, n, b.length > 1 ? p : 1].filter((d) => d !== 1);
  return { shape, macs: [term(1, ...(factors.length ? factors : [1]))] };
}

function matmulOp(c: TorchCtx, op: string, a: Value, b: Value, rule: string): Value {
  const ta = asTensor(a),
    tb = asTensor(b);
  if (!ta || !tb) return new Unknown(op);
  const dtype = promote(ta.dtype, tb.dtype);
  if (!ta.shape || !tb.shape) {
    c.unknownShape(op);
    return c.tensor(undefined, dtype);
  }
  const strict = strictRankError(op, ta.shape, tb.shape);
  if (strict) return c.error(strict, c.tensor(undefined, dtype));
  const r = matmulShape(ta.shape, tb.shape);
  if ('error' in r) return c.error(r.error, c.tensor(undefined, dtype));
  const out = fresh(c.tensor(r.shape, dtype));
  const [fa, fb] = op === 'matmul' ? matmulFolds(ta.shape, tb.shape) : [undefined, undefined];
  c.record({ op, rule, known: true, out, macs: r.macs, flops: [], bwd: [], ...productSaves(ta, tb, r.macs, fa, fb) }, [
    ta,
    tb,
  ]);
  return out;
}

/**
 * The shapes torch.matmul reshapes its operands to before mm/bmm (what backward keeps): an N-d @ 2-d product folds the
 * left operand to 2-d; a batched product expands both to the broadcast batch and folds it to one dim.
 */
function matmulFolds(a: readonly Dim[], b: readonly Dim[]): [Dim[] | undefined, Dim[] | undefined] {
  if (a.length < 2 || b.length < 2 || (a.length === 2 && b.length === 2)) return [undefined, undefined];
  if (b.length === 2) return [[dimProd(a.slice(0, -1)), a[a.length - 1]], undefined];
  const bc = broadcast(a.slice(0, -2), b.slice(0, -2));
  if ('error' in bc) return [undefined, undefined];
  const B = dimProd(bc.shape);
  return [
    [B, ...a.slice(-2)],
    [B, ...b.slice(-2)],
  ];
}

const MATMUL_RULE = 'matmul (…,m,n)@(…,n,p): MACs = batch·m·n·p, FLOPs = 2·MACs (seed)';
def(['matmul', '__matmul__'], 'tm', (c, [a, b]) => matmulOp(c, 'matmul', a, b, MATMUL_RULE));
def('mm', 'tm', (c, [a, b]) => matmulOp(c, 'mm', a, b, MATMUL_RULE));
def('bmm', 'tm', (c, [a, b]) => matmulOp(c, 'bmm', a, b, MATMUL_RULE));
def(['mv', 'dot', 'inner', 'vdot'], 'tm', (c, [a, b]) => matmulOp(c, 'matmul', a, b, MATMUL_RULE));
/** PyTorch's argument names: `torch.baddbmm(bias, batch1=q, batch2=k, beta=..., alpha=...)` (Bloom's alibi scores). */
const addSignatures: Record<string, string> = {
  addmm: 'input, mat1, mat2, *, beta=1, alpha=1, out=None',
  baddbmm: 'input, batch1, batch2, *, beta=1, alpha=1, out=None',
  addbmm: 'input, batch1, batch2, *, beta=1, alpha=1, out=None',
  addmv: 'input, mat, vec, *, beta=1, alpha=1, out=None',
};
for (const name of Object.keys(addSignatures)) def(name, 'tm', (c, args, kw) => addProduct(c, name, args, kw));
function addProduct(c: TorchCtx, name: string, args: Value[], kw: Map<string, Value> | undefined): Value {
  const b = bind(name, addSignatures[name], args, kw);
  const [input, mat1, mat2] = [b.input, b.mat1 ?? b.batch1 ?? b.mat, b.mat2 ?? b.batch2 ?? b.vec];
  let prod = matmulOp(c, 'addmm', mat1, mat2, MATMUL_RULE + ' + bias add');
  // addbmm sums the batch of products into one matrix.
  const p = asTensor(prod);
  if (name === 'addbmm' && p?.shape?.length === 3) prod = fresh(c.tensor(p.shape.slice(1), p.dtype));
  return asTensor(prod) && asTensor(input) ? addBias(c, prod as Tensor) : prod;
}

function addBias(c: TorchCtx, t: Tensor): Tensor {
  if (t.shape)
    c.record({
      op: 'bias',
      rule: 'bias add: N FLOPs (seed)',
      known: true,
      macs: [],
      flops: [term(1, ...t.shape)],
      bwd: [],
      saved: [],
    });
  return t;
}

def(['outer', 'ger'], 'tm', (c, [a, b]) => {
  const ta = asTensor(a),
    tb = asTensor(b);
  if (!ta?.shape || !tb?.shape) return new Unknown('outer');
  const out = c.tensor([ta.shape[0], tb.shape[0]], promote(ta.dtype, tb.dtype));
  c.record({
    op: 'outer',
    rule: 'outer product m×n: mn FLOPs, 0 MACs (seed)',
    known: true,
    out,
    macs: [],
    flops: [term(1, ta.shape[0], tb.shape[0])],
    bwd: [term(2, ta.shape[0], tb.shape[0])],
    saved: [term(ta.dtype.bytes, ...ta.shape), term(tb.dtype.bytes, ...tb.shape)],
  });
  return out;
});

/** F.linear: input (..., in) × weight (out, in)ᵀ + bias. */
export function linear(c: TorchCtx, input: Value, weight: Value, bias: Value): Value {
  // Under autocast (nn.Linear and attention call this directly, not through the registry) it computes in half.
  const [x, w, b] = autocastTensors(c, 'lower', [asTensor(input), asTensor(weight), asTensor(bias)]);
  if (!x || !w) return new Unknown('linear');
  if (!x.shape || !w.shape) {
    c.unknownShape('linear');
    return c.tensor(undefined, x.dtype);
  }
  const inF = w.shape[w.shape.length - 1];
  const outF = w.shape.length > 1 ? w.shape[0] : undefined;
  const lead = x.shape.slice(0, -1);
  const last = x.shape[x.shape.length - 1];
  const shape = outF === undefined ? lead : [...lead, outF];
  const out = fresh(c.tensor(shape, promote(x.dtype, w.dtype)));
  if (!dimEq(last, inF) && typeof last === 'number' && typeof inF === 'number') {
    return c.error(
      `mat1 and mat2 shapes cannot be multiplied (${dimStr(dimProd(lead))}x${last} and ${inF}x${outF === undefined ? 1 : dimStr(outF)})`,
      out,
    );
  }
  const L = lead;
  const hasBias = b !== undefined;
  const o = outF ?? 1;
  const macs = [term(1, ...L, inF, o)];
  c.record(
    {
      op: 'linear',
      known: true,
      out,
      rule: hasBias
        ? 'Linear: MACs = L·in·out; FLOPs = 2·L·in·out + L·out (bias) (seed)'
        : 'Linear (no bias): MACs = L·in·out; FLOPs = 2·MACs (seed)',
      macs,
      flops: hasBias ? [term(1, ...L, o)] : [],
      // The bias gradient is a sum over L rows: L·out adds.
      bwd: b?.requiresGrad ? [term(1, ...L, o)] : [],
      // An N-d input is folded to (L, in) first: a view of its storage when its layout allows one.
      ...productSaves(x, w, macs, x.shape.length > 2 ? [dimProd(lead), last] : undefined),
    },
    [x, w, b],
  );
  return out;
}
def('linear', 'tf', (c, args, kw) => {
  const { input, weight, bias } = bind('linear', 'input, weight, bias=None', args, kw);
  return linear(c, input, weight, bias);
});
def('bilinear', 'tf', (c, args, kw) => {
  const { input1, input2, weight, bias } = bind('bilinear', 'input1, input2, weight, bias=None', args, kw);
  const a = asTensor(input1),
    b = asTensor(input2),
    w = asTensor(weight);
  if (!a?.shape || !b?.shape || !w?.shape) return new Unknown('bilinear');
  const lead = a.shape.slice(0, -1);
  const [o, i1, i2] = w.shape;
  const out = c.tensor([...lead, o], a.dtype);
  c.record({
    op: 'bilinear',
    rule: 'Bilinear: MACs = L·out·in1·in2 + L·out·in2 (choice)',
    known: true,
    out,
    macs: [term(1, ...lead, o, i1, i2), term(1, ...lead, o, i2)],
    flops: asTensor(bias) ? [term(1, ...lead, o)] : [],
    bwd: [],
    saved: [term(a.dtype.bytes, ...a.shape), term(b.dtype.bytes, ...b.shape)],
  });
  return out;
});

def('einsum', 't', (c, args) => {
  const [eq, ...rest] = args;
  const operands =
    rest.length === 1 && rest[0] && typeof rest[0] === 'object' && 'items' in rest[0]
      ? (rest[0] as { items: Value[] }).items
      : rest;
  const ts = operands.map(asTensor);
  if (typeof eq !== 'string' || ts.some((t) => !t?.shape)) return new Unknown('einsum');
  const [lhs, rhs0] = eq.replace(/\s/g, '').split('->');
  const inputs = lhs.split(',');
  const sizes = new Map<string, Dim>();
  for (let i = 0; i < inputs.length; i++) {
    const shape = ts[i]!.shape!;
    const labels = inputs[i];
    if (labels.includes('...')) return new Unknown('einsum with ellipsis');
    for (let j = 0; j < labels.length; j++) {
      const prev = sizes.get(labels[j]);
      if (
        prev !== undefined &&
        prev !== 1 &&
        shape[j] !== 1 &&
        !dimEq(prev, shape[j]) &&
        typeof prev === 'number' &&
        typeof shape[j] === 'number'
      ) {
        return c.error(
          `einsum(): operands do not broadcast with remapped shapes (subscript ${labels[j]}: ${prev} vs ${dimStr(shape[j])})`,
          new Unknown('einsum'),
        );
      }
      if (prev === undefined || prev === 1) sizes.set(labels[j], shape[j]);
    }
  }
  const rhs =
    rhs0 ??
    [...sizes.keys()]
      .filter((k) => inputs.join('').split(k).length === 2)
      .sort()
      .join('');
  const out = c.tensor(
    [...rhs].map((l) => sizes.get(l) ?? 1),
    ts[0]!.dtype,
  );
  const all = [...sizes.values()];
  const contracted = [...sizes.keys()].some((k) => !rhs.includes(k));
  const isMatmul = ts.length >= 2;
  c.record({
    op: 'einsum',
    known: true,
    out,
    rule: isMatmul
      ? 'einsum: MACs = product of all index sizes (seed matmul rule)'
      : 'einsum (one operand): a sum/permutation, 1 FLOP per input element (choice)',
    macs: isMatmul ? [term(1, ...all)] : [],
    flops: !isMatmul && contracted ? [term(1, ...ts[0]!.shape!)] : [],
    bwd: [],
    saved: ts.map((t) => term(t!.dtype.bytes, ...t!.shape!)),
  });
  return out;
});
