// Linear algebra (torch 1.13 shapes and errors): diagonal, matrix_exp, geqrf, householder_product, qr, linalg.solve.
import { def, ops, type OpFn } from '../registry';
import type { TorchCtx } from '../context';
import { asTensor, normDim } from '../values';
import { bind } from '../signature';
import { term, type Term } from '../../cost/terms';
import { broadcast } from '../broadcast';
import { dimEq, dimStr, type Dim } from '../../sym/dim';
import { fresh } from '../strides';
import { Tensor } from '../../model/tensor';
import { PyTuple, Unknown, type Value } from '../../eval/values';

/** LAPACK routines: FLOPs from LAWN 41's leading terms, never MACs (the MAC count is matmul-class ops only). */
const LAPACK = 'LAPACK flop count: LAWN 41 leading terms, rounded per matrix; MACs 0 (choice)';

/** torch's C++ scalar type name for a non-float dtype (its dtype errors print it). */
const scalarName = (t: Tensor): string => ({ int64: 'Long', int32: 'Int', bool: 'Bool' })[t.dtype.name] ?? t.dtype.name;

/** What autograd keeps for an op's backward (torch 1.13's derivatives.yaml, checked with saved_tensors_hooks). */
interface Saves {
  readonly savedTensors: Tensor[];
  readonly saved: Term[];
}
const savesNothing: Saves = { savedTensors: [], saved: [] };

/**
 * Records a LAPACK-backed op: `perMatrix` FLOPs for each matrix of `batch`, or an unknown cost when a matrix size is
 * symbolic. Its backward is not modelled: when autograd records the op, that is an unknown op too (never a silent 0).
 */
function lapack(
  c: TorchCtx,
  op: string,
  out: Tensor,
  batch: Dim[],
  perMatrix: number | undefined,
  rule: string,
  saves: Saves = savesNothing,
): void {
  c.record({
    op,
    rule: `${op}: ${rule}; ${LAPACK}`,
    known: perMatrix !== undefined,
    out,
    macs: [],
    flops: perMatrix ? [term(perMatrix, ...batch)] : [],
    bwd: [],
    saved: saves.saved.slice(),
    savedTensors: saves.savedTensors.slice(),
  });
  if (perMatrix === undefined) c.ip.recorder.nameUnknown(c.ip, `${op} (symbolic matrix size: cost unknown)`);
  backwardUnknown(c, op);
}

/** An op whose backward flopscope does not cost: one unknown op when autograd records it. */
function backwardUnknown(c: TorchCtx, op: string): void {
  const ins = c.opInputs[c.opInputs.length - 1] ?? [];
  if (c.needsGrad(...ins)) c.ip.recorder.unknownOp(c.ip, `${op} backward (cost not modelled)`);
}

const concrete = (...ds: Dim[]): number[] | undefined =>
  ds.every((d) => typeof d === 'number') ? (ds as number[]) : undefined;

/** geqrf's FLOPs for an m×n matrix: 2·m·n² − 2n³/3 when m ≥ n (m and n swapped otherwise). */
function geqrfFlops(m: number, n: number): number {
  const [big, small] = [Math.max(m, n), Math.min(m, n)];
  return 2 * big * small * small - (2 * small ** 3) / 3;
}

/** orgqr's FLOPs for the m×n Q of k reflectors: 4·m·n·k − 2(m + n)·k² + 4k³/3. */
const orgqrFlops = (m: number, n: number, k: number): number => 4 * m * n * k - 2 * (m + n) * k * k + (4 * k ** 3) / 3;

/** Tensor.diagonal / torch.diagonal: a view with dim1 and dim2 removed and the diagonal appended last. */
def('diagonal', 'tm', (c, args, kw) => {
  const a = bind('diagonal', 'input, offset=0, dim1=0, dim2=1', args, kw);
  const x = asTensor(a.input);
  if (!x?.shape || typeof a.offset !== 'number') return new Unknown('diagonal');
  const r = x.shape.length;
  const d1 = normDim(a.dim1, r);
  const d2 = normDim(a.dim2, r);
  if (d1 === undefined || d2 === undefined)
    return c.dimOutOfRange('diagonal', -r, r - 1, [a.dim1, a.dim2], new Unknown('diagonal'));
  if (d1 === d2) return c.error(`diagonal dimensions cannot be identical ${String(a.dim1)}, ${String(a.dim2)}`);
  const [s1, s2] = [x.shape[d1], x.shape[d2]];
  const off = a.offset;
  const sizes = concrete(s1, s2);
  let len: Dim | undefined;
  if (sizes) len = Math.max(0, off >= 0 ? Math.min(sizes[0], sizes[1] - off) : Math.min(sizes[0] + off, sizes[1]));
  else if (off === 0 && dimEq(s1, s2)) len = s1;
  const out = new Tensor(
    len === undefined ? undefined : [...x.shape.filter((_, i) => i !== d1 && i !== d2), len],
    x.dtype,
  );
  if (len === undefined) c.unknownShape('diagonal');
  return out;
});

/** The (m, n) of a batch of matrices, or PyTorch's error when the input has fewer than 2 dims. */
function matrices(c: TorchCtx, who: string, x: Tensor): { batch: Dim[]; m: Dim; n: Dim } | undefined {
  if (!x.shape) return undefined;
  if (x.shape.length < 2) {
    c.error(
      `${who}: ${who.startsWith('torch.') ? 'input must' : 'The input tensor A must'} have at least 2 dimensions.`,
    );
    return undefined;
  }
  return { batch: x.shape.slice(0, -2), m: x.shape[x.shape.length - 2], n: x.shape[x.shape.length - 1] };
}

const known = (a: Dim, b: Dim) => typeof a === 'number' && typeof b === 'number';

/**
 * torch.matrix_exp / linalg.matrix_exp: exp of each square matrix. Its cost depends on the values: torch picks a Padé
 * degree (1 to 18) and a number of squarings from each matrix's 1-norm, so it is an unknown op (1×1 matrices: exp).
 */
const matrixExp: OpFn = (c, [input]) => {
  const x = asTensor(input);
  if (!x) return new Unknown('matrix_exp');
  if (!x.dtype.isFloat)
    return c.error(`matrix_exp: Expected a floating point or complex tensor as input. Got ${scalarName(x)}`);
  const mat = matrices(c, 'linalg.matrix_exp', x);
  if (!mat) return x.shape ? new Unknown('matrix_exp') : c.tensor(undefined, x.dtype);
  if (known(mat.m, mat.n) && mat.m !== mat.n)
    return c.error(
      `linalg.matrix_exp: A must be batches of square matrices, but they are ${dimStr(mat.m)} by ${dimStr(mat.n)} matrices`,
    );
  if (mat.n === 1) return ops.get('exp')!.fn(c, [x], undefined);
  const out = fresh(c.tensor(x.shape!.slice(), x.dtype));
  c.record({
    op: 'matrix_exp',
    rule: 'matrix_exp: Padé approximant of a degree chosen from each matrix norm, with squarings (cost unknown)',
    known: false,
    out,
    macs: [],
    flops: [],
    bwd: [],
    saved: [],
    savedTensors: [x],
  });
  c.ip.recorder.nameUnknown(c.ip, 'matrix_exp (its Padé degree and squarings depend on the values: cost unknown)');
  backwardUnknown(c, 'matrix_exp');
  return out;
};
def('matrix_exp', 'tm', matrixExp);
def('linalg_matrix_exp', '', matrixExp);

/** torch.geqrf: Householder QR as LAPACK stores it, `(a, tau)` with a of the input's shape and tau (*, min(m, n)). */
def('geqrf', 'tm', (c, [input]) => {
  const x = asTensor(input);
  if (!x) return new Unknown('geqrf');
  const mat = matrices(c, 'torch.geqrf', x);
  if (!mat) return new Unknown('geqrf');
  const sizes = concrete(mat.m, mat.n);
  const k = sizes ? Math.min(...sizes) : dimEq(mat.m, mat.n) ? mat.m : undefined;
  const a = fresh(c.tensor(x.shape!.slice(), x.dtype));
  const tau = c.tensor(k === undefined ? undefined : [...mat.batch, k], x.dtype);
  if (k === undefined) c.unknownShape('geqrf');
  const flops = sizes && Math.round(geqrfFlops(sizes[0], sizes[1]));
  lapack(c, 'geqrf', a, mat.batch, flops, '2·m·n² − 2n³/3 per m×n matrix (m ≥ n)');
  return new PyTuple([a, tau], ['a', 'tau']);
});

/** linalg.qr(A, mode='reduced'|'complete'|'r') and the deprecated torch.qr(A, some=True): geqrf, then orgqr for Q. */
function qr(c: TorchCtx, x: Tensor, mode: string): Value {
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r')
    return c.error(
      `qr received unrecognized mode '${mode}' but expected one of 'reduced' (default), 'r', or 'complete'`,
    );
  if (!x.dtype.isFloat)
    return c.error(`linalg.qr: Expected a floating point or complex tensor as input. Got ${scalarName(x)}`);
  const mat = matrices(c, 'linalg.qr', x);
  if (!mat) return new Unknown('linalg.qr');
  const sizes = concrete(mat.m, mat.n);
  const k = sizes ? Math.min(...sizes) : dimEq(mat.m, mat.n) ? mat.m : undefined;
  if (k === undefined) {
    c.unknownShape('linalg.qr');
    return new PyTuple([c.tensor(undefined, x.dtype), c.tensor(undefined, x.dtype)], ['Q', 'R']);
  }
  const qCols = mode === 'complete' ? mat.m : k;
  const Q = fresh(c.tensor(mode === 'r' ? [0] : [...mat.batch, mat.m, qCols], x.dtype));
  const R = fresh(c.tensor([...mat.batch, mode === 'complete' ? mat.m : k, mat.n], x.dtype));
  const q = sizes && concrete(qCols, k);
  const flops =
    sizes && Math.round(geqrfFlops(sizes[0], sizes[1]) + (q && mode !== 'r' ? orgqrFlops(sizes[0], q[0], q[1]) : 0));
  const rule = mode === 'r' ? 'geqrf' : 'geqrf + orgqr for Q (the counts of geqrf and householder_product)';
  lapack(c, 'linalg.qr', R, mat.batch, flops, rule, { savedTensors: mode === 'r' ? [] : [Q, R], saved: [] });
  return new PyTuple([Q, R], ['Q', 'R']);
}
def('linalg_qr', '', (c, args, kw) => {
  const a = bind('linalg.qr', "A, mode='reduced', *, out=None", args, kw);
  const x = asTensor(a.A);
  return x?.shape && typeof a.mode === 'string' ? qr(c, x, a.mode) : new Unknown('linalg.qr');
});
def('qr', 'tm', (c, args, kw) => {
  const a = bind('qr', 'input, some=True, *, out=None', args, kw);
  const x = asTensor(a.input);
  if (!x?.shape || typeof a.some !== 'boolean') return new Unknown('qr');
  c.warn('torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future PyTorch release.');
  return qr(c, x, a.some ? 'reduced' : 'complete');
});

/** linalg.householder_product / torch.orgqr: the first n columns of the product of k Householder reflectors. */
const householderProduct: OpFn = (c, args, kw) => {
  const a = bind('householder_product', 'input, tau', args, kw);
  const x = asTensor(a.input);
  const tau = asTensor(a.tau);
  if (!x || !tau) return new Unknown('householder_product');
  const who = 'torch.linalg.householder_product';
  const mat = matrices(c, who, x);
  if (!mat || !tau.shape) return new Unknown('householder_product');
  const k = tau.shape[tau.shape.length - 1];
  if (known(mat.m, mat.n) && (mat.m as number) < (mat.n as number))
    return c.error(`${who}: input.shape[-2] must be greater than or equal to input.shape[-1]`);
  if (tau.shape.length > 0 && known(mat.n, k) && (mat.n as number) < (k as number))
    return c.error(`${who}: input.shape[-1] must be greater than or equal to tau.shape[-1]`);
  if (tau.shape.length !== x.shape!.length - 1)
    return c.error(
      `${who}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${tau.shape.length} and input.ndim is equal to ${x.shape!.length}`,
    );
  const tauBatch = tau.shape.slice(0, -1);
  if (tauBatch.some((d, i) => known(d, mat.batch[i]) && d !== mat.batch[i]))
    return c.error(
      `${who}: Expected batch dimensions of tau to be equal to input.shape[:-2], but got [${tauBatch.map(dimStr).join(', ')}]`,
    );
  const out = fresh(c.tensor(x.shape!.slice(), x.dtype));
  const s = concrete(mat.m, mat.n, k);
  const flops = s && Math.round(orgqrFlops(s[0], s[1], s[2]));
  const saves = { savedTensors: [x, tau, out], saved: [] };
  lapack(
    c,
    'householder_product',
    out,
    mat.batch,
    flops,
    '4·m·n·k − 2(m + n)·k² + 4k³/3 per m×n matrix (orgqr)',
    saves,
  );
  return out;
};
def('orgqr', 'tm', householderProduct);
def('linalg_householder_product', '', householderProduct);

/** linalg.solve(A, B, *, left=True): X with AX = B (XA = B when left=False); B may be a (batch of) vector(s). */
def('linalg_solve', '', (c, args, kw) => {
  const a = bind('linalg.solve', 'A, B, *, left=True, out=None', args, kw);
  const A = asTensor(a.A);
  const B = asTensor(a.B);
  if (!A?.shape || !B?.shape) return new Unknown('linalg.solve');
  if (!A.dtype.isFloat)
    return c.error(`linalg.solve: Expected a floating point or complex tensor as input. Got ${scalarName(A)}`);
  const mat = matrices(c, 'linalg.solve', A);
  if (!mat) return new Unknown('linalg.solve');
  const n = mat.n;
  if (known(mat.m, n) && mat.m !== n)
    return c.error(
      `linalg.solve: A must be batches of square matrices, but they are ${dimStr(mat.m)} by ${dimStr(n)} matrices`,
    );
  const left = a.left !== false;
  // torch 1.13: B is a vector (batch) when it is 1-D or has A's shape without its last dim.
  const vector =
    B.shape.length === 1 || (B.shape.length === A.shape.length - 1 && B.shape.every((d, i) => dimEq(d, A.shape![i])));
  const Bm = vector ? [...B.shape, 1] : B.shape;
  if (Bm.length < 2) return new Unknown('linalg.solve');
  const [rows, cols] = left ? [Bm[Bm.length - 2], Bm[Bm.length - 1]] : [Bm[Bm.length - 1], Bm[Bm.length - 2]];
  if (known(rows, n) && rows !== n) {
    const [p, q] = [Bm[Bm.length - 2], Bm[Bm.length - 1]].map(dimStr);
    return c.error(
      `linalg.solve: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${dimStr(n)}x${dimStr(n)} and ${p}x${q})`,
    );
  }
  const bc = broadcast(Bm.slice(0, -2), mat.batch);
  if ('error' in bc) return c.error(bc.error);
  const outShape = vector ? [...bc.shape, n] : [...bc.shape, ...Bm.slice(-2)];
  const out = fresh(c.tensor(outShape, A.dtype));
  const s = concrete(n, cols);
  // LU of A (getrf, 2n³/3) once per matrix of the broadcast batch, then two triangular solves per right-hand side.
  const flops = s && Math.round((2 * s[0] ** 3) / 3 + 2 * s[0] * s[0] * s[1]);
  // Autograd keeps A, X, A's LU factors (A's size) and the int32 pivots.
  const saves = { savedTensors: [A, out], saved: [term(A.dtype.bytes, ...A.shape), term(4, ...A.shape.slice(0, -1))] };
  lapack(c, 'linalg.solve', out, bc.shape, flops, '2n³/3 (LU, getrf) + 2n² per right-hand side (getrs)', saves);
  return out;
});

/** torch.linalg's functions: the name there -> the registry op that implements it. */
export const linalgOps = {
  norm: 'norm',
  matrix_exp: 'linalg_matrix_exp',
  householder_product: 'linalg_householder_product',
  qr: 'linalg_qr',
  solve: 'linalg_solve',
} as const;
