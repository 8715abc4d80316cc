// Native nn layers: linear, conv, norm, embedding, activations, pooling, reshaping, padding, dropout.
import { LayerKit, attr, type ForwardFn, type InitFn } from './layerKit';
import { callValue } from '../../eval/calls';
import { ops } from '../registry';
import { linear } from '../ops/matmul';
import { embedding } from '../ops/misc';
import { asTensor, intTuple, toDim, toDims } from '../values';
import { dimFloorDiv, type Dim } from '../../sym/dim';
import { int64 } from '../dtypes';
import { PyClass, PyTuple, Unknown, type Value } from '../../eval/values';

export function defineLayers(kit: LayerKit): void {
  const c = kit.c;
  const op = (name: string, args: Value[], kw?: Map<string, Value>) => ops.get(name)!.fn(c, args, kw);

  kit.define(
    'Identity',
    '*args',
    () => {},
    (_s, [x]) => x ?? null,
  );
  kit.define(
    'Linear',
    'in_features, out_features, bias=True, device=None, dtype=None',
    (self, a, mk) => {
      LayerKit.keep(self, a, ['in_features', 'out_features']);
      const i = toDim(a.in_features),
        o = toDim(a.out_features);
      self.attrs.set('weight', mk.param(i !== undefined && o !== undefined ? [o, i] : undefined));
      self.attrs.set('bias', a.bias !== false ? mk.param(o !== undefined ? [o] : undefined) : null);
    },
    (self, [x]) => linear(c, x, attr(self, 'weight'), attr(self, 'bias')),
  );
  // nn.MultiheadAttention's out_proj: a Linear subclass under its own name (as module tables show it).
  kit.classes.NonDynamicallyQuantizableLinear = new PyClass(
    'NonDynamicallyQuantizableLinear',
    [kit.classes.Linear],
    new Map(),
  );
  kit.define(
    'Bilinear',
    'in1_features, in2_features, out_features, bias=True',
    (self, a, mk) => {
      LayerKit.keep(self, a, ['in1_features', 'in2_features', 'out_features']);
      const [i1, i2, o] = [toDim(a.in1_features), toDim(a.in2_features), toDim(a.out_features)];
      self.attrs.set(
        'weight',
        mk.param(o !== undefined && i1 !== undefined && i2 !== undefined ? [o, i1, i2] : undefined),
      );
      self.attrs.set('bias', a.bias !== false ? mk.param(o !== undefined ? [o] : undefined) : null);
    },
    (self, [x1, x2]) => op('bilinear', [x1, x2, attr(self, 'weight'), attr(self, 'bias')]),
  );

  const batchNormSpec =
    'num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None';
  const batchNormInit: InitFn = (self, a, mk) => {
    LayerKit.keep(self, a, ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats']);
    const n = toDim(a.num_features);
    const s = n === undefined ? undefined : [n];
    self.attrs.set('weight', a.affine !== false ? mk.param(s) : null);
    self.attrs.set('bias', a.affine !== false ? mk.param(s) : null);
    if (a.track_running_stats !== false) {
      self.attrs.set('running_mean', mk.buffer(s));
      self.attrs.set('running_var', mk.buffer(s));
      self.attrs.set('num_batches_tracked', mk.buffer([], int64));
    }
  };
  const batchNormForward: ForwardFn = (self, [x]) =>
    op('batch_norm', [
      x,
      attr(self, 'running_mean'),
      attr(self, 'running_var'),
      attr(self, 'weight'),
      attr(self, 'bias'),
    ]);
  // Same parameters, buffers and cost as BatchNorm (PyTorch runs it on GPUs only, syncing statistics across them).
  kit.define('SyncBatchNorm', `${batchNormSpec}, process_group=None`, batchNormInit, batchNormForward);
  for (const nd of [1, 2, 3]) {
    for (const transposed of [false, true]) {
      const name = transposed ? `ConvTranspose${nd}d` : `Conv${nd}d`;
      const spec = transposed
        ? "in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None"
        : "in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None";
      kit.define(
        name,
        spec,
        (self, a, mk) => {
          const k = intTuple(a.kernel_size, nd);
          const cin = toDim(a.in_channels),
            cout = toDim(a.out_channels);
          const g = toDim(a.groups) ?? 1;
          self.attrs.set('kernel_size', k ? new PyTuple(k as Value[]) : new Unknown('kernel_size'));
          for (const key of ['stride', 'padding', 'dilation', 'output_padding']) {
            if (a[key] === undefined) continue;
            const t = typeof a[key] === 'string' ? undefined : intTuple(a[key], nd);
            self.attrs.set(key, t ? new PyTuple(t as Value[]) : a[key]);
          }
          LayerKit.keep(self, a, ['in_channels', 'out_channels', 'groups', 'padding_mode']);
          const wShape =
            k && cin !== undefined && cout !== undefined
              ? transposed
                ? [cin, dimFloorDiv(cout, g), ...k]
                : [cout, dimFloorDiv(cin, g), ...k]
              : undefined;
          self.attrs.set('weight', mk.param(wShape));
          self.attrs.set('bias', a.bias !== false ? mk.param(cout !== undefined ? [cout] : undefined) : null);
        },
        (self, [x]) => {
          const kw = new Map<string, Value>([
            ['stride', attr(self, 'stride')],
            ['padding', attr(self, 'padding')],
            ['dilation', attr(self, 'dilation')],
            ['groups', attr(self, 'groups')],
          ]);
          if (transposed) kw.set('output_padding', attr(self, 'output_padding'));
          return op(
            transposed ? `conv_transpose${nd}d` : `conv${nd}d`,
            [x, attr(self, 'weight'), attr(self, 'bias')],
            kw,
          );
        },
      );
    }
    kit.define(`BatchNorm${nd}d`, batchNormSpec, batchNormInit, batchNormForward);
    kit.define(
      `InstanceNorm${nd}d`,
      'num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, device=None, dtype=None',
      (self, a, mk) => {
        LayerKit.keep(self, a, ['num_features', 'eps', 'affine']);
        const n = toDim(a.num_features);
        if (a.affine === true) {
          self.attrs.set('weight', mk.param(n === undefined ? undefined : [n]));
          self.attrs.set('bias', mk.param(n === undefined ? undefined : [n]));
        }
        if (a.track_running_stats === true) {
          self.attrs.set('running_mean', mk.buffer(n === undefined ? undefined : [n]));
          self.attrs.set('running_var', mk.buffer(n === undefined ? undefined : [n]));
          self.attrs.set('num_batches_tracked', mk.buffer([], int64));
        }
      },
      (_self, [x]) => op('instance_norm', [x]),
    );
    for (const kind of ['Max', 'Avg'] as const) {
      const spec =
        kind === 'Max'
          ? 'kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False'
          : 'kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None';
      kit.define(
        `${kind}Pool${nd}d`,
        spec,
        (self, a) =>
          LayerKit.keep(self, a, ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode']),
        (self, [x]) => {
          const kw = new Map<string, Value>([
            ['kernel_size', attr(self, 'kernel_size')],
            ['stride', attr(self, 'stride')],
            ['padding', attr(self, 'padding')],
            ['ceil_mode', attr(self, 'ceil_mode')],
          ]);
          if (kind === 'Max') {
            kw.set('dilation', attr(self, 'dilation'));
            kw.set('return_indices', attr(self, 'return_indices'));
          }
          return op(`${kind.toLowerCase()}_pool${nd}d`, [x], kw);
        },
      );
      kit.define(
        `Adaptive${kind}Pool${nd}d`,
        'output_size, return_indices=False',
        (self, a) => LayerKit.keep(self, a, ['output_size']),
        (self, [x]) => op(`adaptive_${kind.toLowerCase()}_pool${nd}d`, [x, attr(self, 'output_size')]),
      );
    }
    for (const kind of ['Reflection', 'Replication', 'Constant', 'Zero', 'Circular']) {
      kit.define(
        `${kind}Pad${nd}d`,
        'padding, value=0',
        (self, a) => {
          const p = intTuple(a.padding, 2 * nd);
          self.attrs.set('padding', p ? new PyTuple(p as Value[]) : new Unknown('padding'));
        },
        (self, [x]) => op('pad', [x, attr(self, 'padding')]),
      );
    }
    kit.define(
      `Dropout${nd}d`,
      'p=0.5, inplace=False',
      (self, a) => LayerKit.keep(self, a, ['p']),
      (self, [x]) =>
        op(
          'dropout',
          [x],
          new Map<string, Value>([
            ['p', self.attrs.get('p') ?? 0.5],
            ['training', self.attrs.get('training') ?? false],
          ]),
        ),
    );
  }
  kit.define(
    'LayerNorm',
    'normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, device=None, dtype=None',
    (self, a, mk) => {
      const ns = toDims(a.normalized_shape);
      self.attrs.set('normalized_shape', ns ? new PyTuple(ns as Value[]) : new Unknown('normalized_shape'));
      LayerKit.keep(self, a, ['eps', 'elementwise_affine']);
      self.attrs.set('weight', a.elementwise_affine !== false ? mk.param(ns) : null);
      self.attrs.set('bias', a.elementwise_affine !== false && a.bias !== false ? mk.param(ns) : null);
    },
    (self, [x]) => op('layer_norm', [x, attr(self, 'normalized_shape'), attr(self, 'weight'), attr(self, 'bias')]),
  );
  kit.define(
    'RMSNorm',
    'normalized_shape, eps=None, elementwise_affine=True, device=None, dtype=None',
    (self, a, mk) => {
      const ns = toDims(a.normalized_shape);
      self.attrs.set('normalized_shape', ns ? new PyTuple(ns as Value[]) : new Unknown('normalized_shape'));
      self.attrs.set('weight', a.elementwise_affine !== false ? mk.param(ns) : null);
    },
    (_self, [x]) => op('rms_norm', [x]),
  );
  kit.define(
    'GroupNorm',
    'num_groups, num_channels, eps=1e-05, affine=True, device=None, dtype=None',
    (self, a, mk) => {
      LayerKit.keep(self, a, ['num_groups', 'num_channels', 'eps', 'affine']);
      const n = toDim(a.num_channels);
      self.attrs.set('weight', a.affine !== false ? mk.param(n === undefined ? undefined : [n]) : null);
      self.attrs.set('bias', a.affine !== false ? mk.param(n === undefined ? undefined : [n]) : null);
    },
    (_self, [x]) => op('group_norm', [x]),
  );
  kit.define(
    'LocalResponseNorm',
    'size, alpha=0.0001, beta=0.75, k=1.0',
    () => {},
    (_self, [x]) => op('local_response_norm', [x]),
  );
  kit.define(
    'Embedding',
    'num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, device=None, dtype=None',
    (self, a, mk) => {
      LayerKit.keep(self, a, ['num_embeddings', 'embedding_dim', 'padding_idx']);
      const n = toDim(a.num_embeddings),
        d = toDim(a.embedding_dim);
      self.attrs.set('weight', mk.param(n !== undefined && d !== undefined ? [n, d] : undefined));
    },
    (self, [x]) => embedding(c, x, attr(self, 'weight')),
  );
  kit.define(
    'EmbeddingBag',
    "num_embeddings, embedding_dim, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, mode='mean', sparse=False, _weight=None, include_last_offset=False, padding_idx=None",
    (self, a, mk) => {
      LayerKit.keep(self, a, ['num_embeddings', 'embedding_dim', 'mode']);
      const n = toDim(a.num_embeddings),
        d = toDim(a.embedding_dim);
      self.attrs.set('weight', mk.param(n !== undefined && d !== undefined ? [n, d] : undefined));
    },
    (self, [x, offsets]) => {
      const idx = asTensor(x),
        w = asTensor(attr(self, 'weight'));
      if (!idx?.shape || !w?.shape) return new Unknown('embedding_bag');
      const bags: Dim | undefined = idx.shape.length === 2 ? idx.shape[0] : asTensor(offsets ?? null)?.shape?.[0];
      const out = c.tensor(bags === undefined ? undefined : [bags, w.shape[1]], w.dtype);
      c.record({
        op: 'embedding_bag',
        known: true,
        out,
        rule: 'EmbeddingBag: gather + one add per looked-up element (choice)',
        macs: [],
        flops: [{ c: 1, f: [...idx.shape, w.shape[1]] }],
        bwd: [],
        saved: [],
      });
      return out;
    },
  );

  const act = (name: string, fn: string, spec = '*args') =>
    kit.define(
      name,
      spec,
      (self, a) => {
        for (const [k, v] of Object.entries(a)) if (k !== 'rest') self.attrs.set(k, v as Value);
      },
      (self, [x]) =>
        op(
          fn,
          [x, ...(fn === 'softmax' || fn === 'log_softmax' ? [attr(self, 'dim')] : [])],
          fn === 'dropout'
            ? new Map<string, Value>([
                ['p', self.attrs.get('p') ?? 0.5],
                ['training', self.attrs.get('training') ?? false],
              ])
            : new Map<string, Value>([['inplace', self.attrs.get('inplace') ?? false]]),
        ),
    );
  for (const [name, fn] of [
    ['ReLU', 'relu'],
    ['ReLU6', 'relu6'],
    ['LeakyReLU', 'leaky_relu'],
    ['ELU', 'elu'],
    ['SELU', 'selu'],
    ['CELU', 'celu'],
    ['GELU', 'gelu'],
    ['SiLU', 'silu'],
    ['Mish', 'mish'],
    ['Sigmoid', 'sigmoid'],
    ['Tanh', 'tanh'],
    ['Hardswish', 'hardswish'],
    ['Hardsigmoid', 'hardsigmoid'],
    ['Hardtanh', 'hardtanh'],
    ['Softplus', 'softplus'],
    ['Softsign', 'softsign'],
    ['LogSigmoid', 'logsigmoid'],
    ['Tanhshrink', 'tanhshrink'],
    ['Dropout', 'dropout'],
    ['AlphaDropout', 'dropout'],
    ['FeatureAlphaDropout', 'dropout'],
  ])
    act(name, fn, fn === 'dropout' ? 'p=0.5, inplace=False' : '*args, inplace=False');
  act('Softmax', 'softmax', 'dim=None');
  act('LogSoftmax', 'log_softmax', 'dim=None');
  act('Softmax2d', 'softmax', '*args');
  kit.define(
    'GLU',
    'dim=-1',
    (self, a) => LayerKit.keep(self, a, ['dim']),
    (self, [x]) => op('glu', [x, attr(self, 'dim')]),
  );
  kit.define(
    'PReLU',
    'num_parameters=1, init=0.25, device=None, dtype=None',
    (self, a, mk) => {
      const n = toDim(a.num_parameters);
      self.attrs.set('weight', mk.param(n === undefined ? undefined : [n]));
    },
    (_self, [x]) => op('prelu', [x]),
  );
  kit.define(
    'Flatten',
    'start_dim=1, end_dim=-1',
    (self, a) => LayerKit.keep(self, a, ['start_dim', 'end_dim']),
    (self, [x]) => op('flatten', [x, attr(self, 'start_dim'), attr(self, 'end_dim')]),
  );
  kit.define(
    'Unflatten',
    'dim, unflattened_size',
    (self, a) => LayerKit.keep(self, a, ['dim', 'unflattened_size']),
    (self, [x]) => op('unflatten', [x, attr(self, 'dim'), attr(self, 'unflattened_size')]),
  );
  kit.define(
    'Upsample',
    "size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None",
    (self, a) => LayerKit.keep(self, a, ['size', 'scale_factor', 'mode']),
    (self, [x]) => op('interpolate', [x, attr(self, 'size'), attr(self, 'scale_factor'), attr(self, 'mode')]),
  );
  kit.define(
    'UpsamplingNearest2d',
    'size=None, scale_factor=None',
    (self, a) => LayerKit.keep(self, a, ['size', 'scale_factor']),
    (self, [x]) => op('interpolate', [x, attr(self, 'size'), attr(self, 'scale_factor'), 'nearest']),
  );
  kit.define(
    'UpsamplingBilinear2d',
    'size=None, scale_factor=None',
    (self, a) => LayerKit.keep(self, a, ['size', 'scale_factor']),
    (self, [x]) => op('interpolate', [x, attr(self, 'size'), attr(self, 'scale_factor'), 'bilinear']),
  );
  kit.define(
    'PixelShuffle',
    'upscale_factor',
    (self, a) => LayerKit.keep(self, a, ['upscale_factor']),
    (self, [x]) => op('pixel_shuffle', [x, attr(self, 'upscale_factor')]),
  );
  kit.define(
    'Unfold',
    'kernel_size, dilation=1, padding=0, stride=1',
    (self, a) => LayerKit.keep(self, a, ['kernel_size', 'dilation', 'padding', 'stride']),
    (self, [x]) =>
      op('unfold', [x, attr(self, 'kernel_size'), attr(self, 'dilation'), attr(self, 'padding'), attr(self, 'stride')]),
  );
  kit.define(
    'Fold',
    'output_size, kernel_size, dilation=1, padding=0, stride=1',
    (self, a) => LayerKit.keep(self, a, ['output_size', 'kernel_size', 'dilation', 'padding', 'stride']),
    (self, [x]) =>
      op('fold', [
        x,
        attr(self, 'output_size'),
        attr(self, 'kernel_size'),
        attr(self, 'dilation'),
        attr(self, 'padding'),
        attr(self, 'stride'),
      ]),
  );
  act('Softmin', 'softmax', 'dim=None');
  for (const [name, fn] of [
    ['Threshold', 'threshold'],
    ['Hardshrink', 'hardshrink'],
    ['Softshrink', 'softshrink'],
    ['RReLU', 'rrelu'],
  ])
    act(name, fn);
  // DataParallel replicates the module over devices: on one device it is the module itself, held as `.module`.
  kit.define(
    'DataParallel',
    'module, device_ids=None, output_device=None, dim=0',
    (self, a) => LayerKit.keep(self, a, ['module']),
    (self, args, kw) => callValue(kit.c.ip, attr(self, 'module'), args, kw, kit.c.ip.site),
  );
  kit.define(
    'PixelUnshuffle',
    'downscale_factor',
    (self, a) => LayerKit.keep(self, a, ['downscale_factor']),
    (self, [x]) => op('pixel_unshuffle', [x, attr(self, 'downscale_factor')]),
  );
  kit.define(
    'ZeroPad2d',
    'padding',
    (self, a) => {
      const p = intTuple(a.padding, 4);
      self.attrs.set('padding', p ? new PyTuple(p as Value[]) : new Unknown('padding'));
    },
    (self, [x]) => op('pad', [x, attr(self, 'padding')]),
  );
  for (const [name, fn] of [
    ['CrossEntropyLoss', 'cross_entropy'],
    ['NLLLoss', 'nll_loss'],
    ['MSELoss', 'mse_loss'],
    ['L1Loss', 'l1_loss'],
    ['SmoothL1Loss', 'smooth_l1_loss'],
    ['HuberLoss', 'huber_loss'],
    ['BCELoss', 'binary_cross_entropy'],
    ['BCEWithLogitsLoss', 'binary_cross_entropy_with_logits'],
    ['KLDivLoss', 'kl_div'],
  ]) {
    kit.define(
      name,
      '*args',
      () => {},
      (_self, args, kw) => op(fn, args, kw),
    );
  }
}
