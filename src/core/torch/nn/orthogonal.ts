// torch.nn.utils.parametrizations.orthogonal as torch 1.13 runs it: _Orthogonal's forward (matrix_exp, cayley or
// householder map, times the `base` buffer under the dynamic trivialization) and its right_inverse at registration.
import type { TorchCtx } from '../context';
import type { LayerKit } from './layerKit';
import type { Parametrize } from './parametrize';
import { PyException } from '../../eval/errors';
import { NativeFunction, PyClass, PyInstance, PyList, PyTuple, Unknown, type Value } from '../../eval/values';
import { Tensor } from '../../model/tensor';
import { complex64 } from '../dtypes';
import { dimEq, dimSub, type Dim } from '../../sym/dim';
import { bind } from '../signature';
import { ops } from '../registry';

type Map3 = 'matrix_exp' | 'cayley' | 'householder';
const maps: readonly Map3[] = ['matrix_exp', 'cayley', 'householder'];

const op = (c: TorchCtx, name: string, args: Value[], kw?: Record<string, Value>): Value =>
  ops.get(name)!.fn(c, args, kw ? new Map(Object.entries(kw)) : undefined);

/** Whether a (n, k) matrix is wide (n < k); undefined when its sizes cannot be compared. */
function wide(n: Dim, k: Dim): boolean | undefined {
  if (typeof n === 'number' && typeof k === 'number') return n < k;
  return dimEq(n, k) ? false : undefined;
}

export class Orthogonal {
  readonly cls: PyClass;
  constructor(
    private readonly c: TorchCtx,
    private readonly kit: LayerKit,
    private readonly parametrize: Parametrize,
  ) {
    this.cls = new PyClass('_Orthogonal', [kit.module], new Map());
    this.cls.dict.set('forward', new NativeFunction('forward', ([self, x]) => this.forward(self, x)));
    this.cls.dict.set('right_inverse', new NativeFunction('right_inverse', ([self, q]) => this.rightInverse(self, q)));
  }

  /** orthogonal(module, name='weight', orthogonal_map=None, *, use_trivialization=True). */
  apply(args: Value[], kw: Map<string, Value> | undefined): Value {
    const a = bind('orthogonal', "module, name='weight', orthogonal_map=None, *, use_trivialization=True", args, kw);
    const m = a.module;
    if (!(m instanceof PyInstance) || typeof a.name !== 'string') return new Unknown('orthogonal');
    const w = m.attrs.get(a.name);
    if (!(w instanceof Tensor))
      throw new PyException('ValueError', `Module '${m.cls.name}' has no parameter or buffer with name '${a.name}'`);
    if (!w.shape) return new Unknown('orthogonal');
    if (w.shape.length < 2)
      throw new PyException(
        'ValueError',
        `Expected a matrix or batch of matrices. Got a tensor of ${w.shape.length} dimensions.`,
      );
    const [n, k] = w.shape.slice(-2);
    const complex = w.dtype === complex64;
    let map = a.orthogonal_map;
    if (map === null) {
      const w2 = wide(n, k);
      if (w2 === undefined && !complex) return this.unknown('orthogonal (matrix sizes not comparable)');
      map = dimEq(n, k) || complex ? 'matrix_exp' : 'householder';
    }
    if (typeof map !== 'string') return this.unknown('orthogonal (unknown orthogonal_map)');
    if (!maps.includes(map as Map3))
      throw new PyException(
        'ValueError',
        `orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: ${map}`,
      );
    if (complex && map === 'householder')
      throw new PyException('ValueError', 'The householder parametrization does not support complex tensors.');
    if (wide(n, k) === undefined) return this.unknown('orthogonal (matrix sizes not comparable)');
    const orth = new PyInstance(this.cls);
    orth.attrs.set('training', false);
    orth.attrs.set('shape', new PyTuple(w.shape.slice()));
    orth.attrs.set('orthogonal_map', map);
    // register_buffer("base", None): a buffer slot that right_inverse fills.
    if (a.use_trivialization !== false) orth.attrs.set('base', null);
    return this.parametrize.register(m, a.name, orth, true);
  }

  private unknown(why: string): Value {
    this.c.ip.recorder.unknownOp(this.c.ip, why);
    return new Unknown('orthogonal');
  }

  /** _Orthogonal.forward(X): Q from the original tensor, (…, n, k) like it. */
  private forward(self: Value, input: Value): Value {
    const c = this.c;
    let x = input instanceof Tensor ? input : undefined;
    if (!(self instanceof PyInstance) || !x?.shape || x.shape.length < 2) return new Unknown('orthogonal');
    let [n, k] = x.shape.slice(-2);
    const transposed = wide(n, k);
    if (transposed === undefined) return this.unknown('orthogonal (matrix sizes not comparable)');
    if (transposed) {
      x = op(c, 'transpose', [x, -2, -1]) as Tensor;
      [n, k] = [k, n];
    }
    const batch = x.shape!.slice(0, -2);
    const map = self.attrs.get('orthogonal_map') as Map3;
    let q: Value;
    if (map === 'matrix_exp' || map === 'cayley') {
      let X: Value = op(c, 'tril', [x]);
      const square = dimEq(n, k);
      if (!square) {
        const zeros = op(c, 'new_zeros', [X, n, dimSub(n, k)]);
        X = op(c, 'cat', [new PyList([X, op(c, 'expand', [zeros, ...batch, -1, -1])]), -1]);
      }
      const A = op(c, 'sub', [X, op(c, 'transpose', [X, -2, -1])]);
      if (map === 'matrix_exp') q = op(c, 'matrix_exp', [A]);
      else {
        const id = op(c, 'eye', [n], { dtype: (A as Tensor).dtype });
        const lhs = op(c, 'add', [id, A], { alpha: -0.5 });
        q = op(c, 'linalg_solve', [lhs, op(c, 'add', [id, A], { alpha: 0.5 })]);
      }
      if (!square) q = op(c, 'narrow', [q, -1, 0, k]);
    } else {
      const A = op(c, 'tril', [x, -1]);
      const sq = op(c, 'sum', [op(c, 'mul', [A, A])], { dim: -2 });
      const tau = op(c, 'mul', [op(c, 'reciprocal', [op(c, 'add', [sq, 1])]), 2]);
      q = op(c, 'linalg_householder_product', [A, tau]);
      const signs = op(c, 'unsqueeze', [op(c, 'int', [op(c, 'diagonal', [x], { dim1: -2, dim2: -1 })]), -2]);
      q = op(c, 'mul', [q, signs]);
    }
    const base = self.attrs.get('base');
    if (self.attrs.has('base')) q = op(c, 'matmul', [base ?? null, q]);
    return transposed ? op(c, 'transpose', [q, -2, -1]) : q;
  }

  /**
   * _Orthogonal.right_inverse(Q), run without grad at registration. Under the trivialization it stores an orthogonal
   * `base` (n, n) and returns -Id; without it (householder only) it returns geqrf's reflectors.
   */
  private rightInverse(self: Value, input: Value): Value {
    const c = this.c;
    const q0 = input instanceof Tensor ? input : undefined;
    if (!(self instanceof PyInstance) || !q0?.shape) return new Unknown('orthogonal');
    let [n, k] = q0.shape.slice(-2);
    const transpose = wide(n, k);
    if (transpose === undefined) return this.unknown('orthogonal (matrix sizes not comparable)');
    let q: Tensor = q0;
    if (transpose) {
      q = op(c, 'transpose', [q, -2, -1]) as Tensor;
      [n, k] = [k, n];
    }
    const batch = q.shape!.slice(0, -2);
    if (!self.attrs.has('base')) {
      const map = self.attrs.get('orthogonal_map');
      if (map === 'cayley' || map === 'matrix_exp')
        throw new PyException(
          'NotImplementedError',
          'It is not possible to assign to the matrix exponential or the Cayley parametrizations when use_trivialization=False.',
        );
      const qr = op(c, 'geqrf', [q]);
      if (!(qr instanceof PyTuple)) return new Unknown('orthogonal');
      // A.diagonal().sign_() and the flip where tau == 0: a few ops on n elements, left uncounted (negligible).
      const A = qr.items[0];
      return transpose ? op(c, 'transpose', [A, -2, -1]) : A;
    }
    if (dimEq(n, k)) {
      // _is_orthogonal(Q): Q^H Q against the identity. Whether Q is orthogonal depends on its values: when it is not,
      // _make_orthogonal runs a QR (geqrf, householder_product); when it is, a clone. Neither is counted.
      op(c, 'matmul', [op(c, 'transpose', [q, -2, -1]), q]);
      op(c, 'eye', [k], { dtype: q.dtype });
      c.ip.recorder.unknownOp(
        c.ip,
        'orthogonal: whether the weight is already orthogonal depends on its values (its QR cost unknown)',
      );
    } else {
      // Complete Q to an (n, n) matrix with random columns, then orthogonalize it by QR.
      const extra = op(c, 'randn', [...batch, n, dimSub(n, k)], { dtype: q.dtype });
      const full = op(c, 'cat', [new PyList([q, extra]), -1]);
      this.makeOrthogonal(full);
    }
    const base = this.kit.maker().buffer([...batch, n, n], q.dtype);
    self.attrs.set('base', base);
    // neg_Id: zeros_like(Q_init) with its diagonal filled with -1.
    return op(c, 'zeros_like', [q0]);
  }

  /** _make_orthogonal(A): the Q of A's QR with diag(R) made non-negative. */
  private makeOrthogonal(a: Value): void {
    const c = this.c;
    const qr = op(c, 'geqrf', [a]);
    if (!(qr instanceof PyTuple)) return;
    const [X, tau] = qr.items;
    const Q = op(c, 'linalg_householder_product', [X, tau]);
    const signs = op(c, 'unsqueeze', [op(c, 'sgn', [op(c, 'diagonal', [X], { dim1: -2, dim2: -1 })]), -2]);
    op(c, 'mul_', [Q, signs]);
  }
}
