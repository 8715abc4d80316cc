// Sequence layers: LSTM/GRU/RNN and cells, MultiheadAttention, Transformer encoder/decoder layers and stacks.
import { LayerKit, attr } from './layerKit';
import { rnnForward, cellForward, type RnnKind } from '../ops/rnn';
import { multiheadAttention } from '../ops/attention';
import { isPacked, packedInfo } from './packedSequence';
import { callValue } from '../../eval/calls';
import { asTensor, toDim } from '../values';
import { dimMul, type Dim } from '../../sym/dim';
import { Tensor } from '../../model/tensor';
import { PyInstance, PyTuple, Unknown, type Value, type PyClass } from '../../eval/values';
import { isModule } from './moduleTree';
import { checkLayers } from '../../sym/limits';

/** copy.deepcopy of a module: fresh parameters and buffers, same structure. */
export function cloneModule(m: PyInstance, tensors?: Tensor[]): PyInstance {
  const out = new PyInstance(m.cls);
  for (const [k, v] of m.attrs) {
    if (v instanceof Tensor && v.role !== 'activation') {
      const t = new Tensor(v.shape, v.dtype, v.role);
      t.line = v.line;
      tensors?.push(t);
      out.attrs.set(k, t);
    } else if (isModule(v)) out.attrs.set(k, cloneModule(v, tensors));
    else out.attrs.set(k, v);
  }
  return out;
}

export function defineSequenceLayers(kit: LayerKit): void {
  const c = kit.c;
  const ip = c.ip;
  const call = (m: Value, ...args: Value[]) => callValue(ip, m, args, undefined, ip.site);
  const gates: Record<RnnKind, number> = { LSTM: 4, GRU: 3, RNN: 1 };

  for (const kind of ['LSTM', 'GRU', 'RNN'] as RnnKind[]) {
    const spec = `input_size, hidden_size, num_layers=1, ${kind === 'RNN' ? "nonlinearity='tanh', " : ''}bias=True, batch_first=False, dropout=0.0, bidirectional=False, proj_size=0, device=None, dtype=None`;
    kit.define(
      kind,
      spec,
      (self, a, mk) => {
        LayerKit.keep(self, a, ['input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'bidirectional']);
        const I = toDim(a.input_size),
          H = toDim(a.hidden_size);
        const L = typeof a.num_layers === 'number' ? a.num_layers : 1;
        const D = a.bidirectional === true ? 2 : 1;
        if (I === undefined || H === undefined) return;
        checkLayers(L, `nn.${kind}`);
        for (let l = 0; l < L; l++) {
          for (let d = 0; d < D; d++) {
            const sfx = `_l${l}${d === 1 ? '_reverse' : ''}`;
            const inL = l === 0 ? I : dimMul(D, H);
            self.attrs.set('weight_ih' + sfx, mk.param([dimMul(gates[kind], H), inL]));
            self.attrs.set('weight_hh' + sfx, mk.param([dimMul(gates[kind], H), H]));
            if (a.bias !== false) {
              self.attrs.set('bias_ih' + sfx, mk.param([dimMul(gates[kind], H)]));
              self.attrs.set('bias_hh' + sfx, mk.param([dimMul(gates[kind], H)]));
            }
          }
        }
      },
      (self, [x]) => {
        const info = isPacked(x ?? null) ? packedInfo(x as PyTuple) : undefined;
        const t = info ? { data: info.data, batch: info.batch, seq: x as PyTuple } : asTensor(x);
        if (!t) return new Unknown(kind);
        return rnnForward(
          c,
          {
            kind,
            inputSize: attr(self, 'input_size') as Dim,
            hidden: attr(self, 'hidden_size') as Dim,
            layers: attr(self, 'num_layers') as number,
            bias: attr(self, 'bias') !== false,
            batchFirst: attr(self, 'batch_first') === true,
            bidirectional: attr(self, 'bidirectional') === true,
          },
          t,
        );
      },
    );
    kit.define(
      `${kind}Cell`,
      `input_size, hidden_size, bias=True${kind === 'RNN' ? ", nonlinearity='tanh'" : ''}, device=None, dtype=None`,
      (self, a, mk) => {
        LayerKit.keep(self, a, ['input_size', 'hidden_size', 'bias']);
        const I = toDim(a.input_size),
          H = toDim(a.hidden_size);
        if (I === undefined || H === undefined) return;
        self.attrs.set('weight_ih', mk.param([dimMul(gates[kind], H), I]));
        self.attrs.set('weight_hh', mk.param([dimMul(gates[kind], H), H]));
        if (a.bias !== false) {
          self.attrs.set('bias_ih', mk.param([dimMul(gates[kind], H)]));
          self.attrs.set('bias_hh', mk.param([dimMul(gates[kind], H)]));
        }
      },
      (self, [x]) => {
        const t = asTensor(x);
        return t
          ? cellForward(
              c,
              kind,
              attr(self, 'input_size') as Dim,
              attr(self, 'hidden_size') as Dim,
              attr(self, 'bias') !== false,
              t,
            )
          : new Unknown(kind);
      },
    );
  }

  const Linear = kit.classes.Linear;
  const mha = kit.define(
    'MultiheadAttention',
    'embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False, add_zero_attn=False, kdim=None, vdim=None, batch_first=False, device=None, dtype=None',
    (self, a, mk) => {
      LayerKit.keep(self, a, ['embed_dim', 'num_heads', 'batch_first', 'dropout', 'add_zero_attn']);
      const E = toDim(a.embed_dim);
      if (E === undefined) return;
      if (typeof E === 'number' && typeof a.num_heads === 'number' && a.num_heads > 0 && E % a.num_heads !== 0)
        c.error('embed_dim must be divisible by num_heads');
      const kdim = toDim(a.kdim) ?? E,
        vdim = toDim(a.vdim) ?? E;
      const same = kdim === E && vdim === E;
      self.attrs.set(
        'head_dim',
        typeof E === 'number' && typeof a.num_heads === 'number'
          ? Math.floor(E / a.num_heads)
          : new Unknown('head_dim'),
      );
      if (same) self.attrs.set('in_proj_weight', mk.param([dimMul(3, E), E]));
      else {
        self.attrs.set('q_proj_weight', mk.param([E, E]));
        self.attrs.set('k_proj_weight', mk.param([E, kdim]));
        self.attrs.set('v_proj_weight', mk.param([E, vdim]));
      }
      self.attrs.set('in_proj_bias', a.bias !== false ? mk.param([dimMul(3, E)]) : null);
      const out = new PyInstance(kit.classes.NonDynamicallyQuantizableLinear);
      call(Linear.dict.get('__init__')!, out, E, E, a.bias !== false);
      self.attrs.set('out_proj', out);
      if (a.add_bias_kv === true) {
        self.attrs.set('bias_k', mk.param([1, 1, E]));
        self.attrs.set('bias_v', mk.param([1, 1, E]));
      }
    },
    (self, args, kw) => {
      const [q, k, v] = [args[0] ?? kw?.get('query'), args[1] ?? kw?.get('key'), args[2] ?? kw?.get('value')].map((x) =>
        asTensor(x ?? null),
      );
      if (!q || !k || !v) return new Unknown('MultiheadAttention');
      const out = attr(self, 'out_proj') as PyInstance;
      const need = kw?.get('need_weights') ?? args[4];
      return multiheadAttention(
        c,
        q,
        k,
        v,
        attr(self, 'num_heads') as Dim,
        attr(self, 'batch_first') === true,
        {
          inProj: asTensor(attr(self, 'in_proj_weight')),
          inBias: asTensor(attr(self, 'in_proj_bias')),
          qW: asTensor(attr(self, 'q_proj_weight')),
          kW: asTensor(attr(self, 'k_proj_weight')),
          vW: asTensor(attr(self, 'v_proj_weight')),
          outW: asTensor(out?.attrs.get('weight') ?? null)!,
          outB: asTensor(out?.attrs.get('bias') ?? null),
        },
        need !== false,
        (attr(self, 'bias_k') instanceof Tensor ? 1 : 0) + (attr(self, 'add_zero_attn') === true ? 1 : 0),
      );
    },
  );

  const construct = (cls: PyClass, ...args: Value[]) => {
    const m = new PyInstance(cls);
    call(cls.dict.get('__init__')!, m, ...args);
    return m;
  };
  const layerSpec =
    "d_model, nhead, dim_feedforward=2048, dropout=0.1, activation='relu', layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True, device=None, dtype=None";
  const common = (self: PyInstance, a: Record<string, Value>, decoder: boolean) => {
    const E = a.d_model,
      F = a.dim_feedforward;
    self.attrs.set('self_attn', construct(mha, E, a.nhead, a.dropout, true, false, false, null, null, a.batch_first));
    if (decoder)
      self.attrs.set(
        'multihead_attn',
        construct(mha, E, a.nhead, a.dropout, true, false, false, null, null, a.batch_first),
      );
    self.attrs.set('linear1', construct(Linear, E, F));
    self.attrs.set('dropout', construct(kit.classes.Dropout, a.dropout));
    self.attrs.set('linear2', construct(Linear, F, E));
    self.attrs.set('norm_first', a.norm_first === true);
    for (const n of decoder ? ['norm1', 'norm2', 'norm3'] : ['norm1', 'norm2'])
      self.attrs.set(n, construct(kit.classes.LayerNorm, E));
    for (const n of decoder ? ['dropout1', 'dropout2', 'dropout3'] : ['dropout1', 'dropout2'])
      self.attrs.set(n, construct(kit.classes.Dropout, a.dropout));
    self.attrs.set('activation_name', typeof a.activation === 'string' ? a.activation : 'relu');
  };
  const m = (self: PyInstance, n: string) => attr(self, n);
  const add = (a: Value, b: Value) => ip.binary('+', a, b);
  const sa = (self: PyInstance, x: Value, attnName: string, mem?: Value) => {
    const r = call(m(self, attnName), x, mem ?? x, mem ?? x);
    return r instanceof PyTuple ? r.items[0] : r;
  };
  const ff = (self: PyInstance, x: Value) => {
    const h = call(m(self, 'linear1'), x);
    const act = ip.torch.attr(h as Tensor, (attr(self, 'activation_name') as string) === 'gelu' ? 'gelu' : 'relu');
    return call(
      m(self, 'linear2'),
      call(m(self, 'dropout'), act instanceof Unknown || act === undefined ? h : call(act)),
    );
  };
  kit.define(
    'TransformerEncoderLayer',
    layerSpec,
    (self, a) => common(self, a, false),
    (self, [x]) => {
      if (attr(self, 'norm_first') === true) {
        let y = add(x, sa(self, call(m(self, 'norm1'), x), 'self_attn'));
        y = add(y, ff(self, call(m(self, 'norm2'), y)));
        return y;
      }
      let y = call(m(self, 'norm1'), add(x, sa(self, x, 'self_attn')));
      y = call(m(self, 'norm2'), add(y, ff(self, y)));
      return y;
    },
  );
  kit.define(
    'TransformerDecoderLayer',
    layerSpec,
    (self, a) => common(self, a, true),
    (self, [x, mem]) => {
      let y = call(m(self, 'norm1'), add(x, sa(self, x, 'self_attn')));
      y = call(m(self, 'norm2'), add(y, sa(self, y, 'multihead_attn', mem)));
      return call(m(self, 'norm3'), add(y, ff(self, y)));
    },
  );
  const stack = (name: string) =>
    kit.define(
      name,
      `${name === 'TransformerEncoder' ? 'encoder_layer' : 'decoder_layer'}, num_layers, norm=None, enable_nested_tensor=True, mask_check=True`,
      (self, a) => {
        const layer = (a.encoder_layer ?? a.decoder_layer) as PyInstance;
        const layers = construct(kit.containers.ModuleList);
        const n = typeof a.num_layers === 'number' ? a.num_layers : 0;
        checkLayers(n, `nn.${name}`);
        for (let i = 0; i < n; i++)
          layers.attrs.set(String(i), isModule(layer) ? cloneModule(layer, ip.recorder.tensors) : layer);
        self.attrs.set('layers', layers);
        self.attrs.set('num_layers', n);
        self.attrs.set('norm', a.norm ?? null);
      },
      (self, [x, mem]) => {
        let y = x;
        for (const [k, l] of (attr(self, 'layers') as PyInstance).attrs)
          if (k !== 'training') y = mem === undefined ? call(l, y) : call(l, y, mem);
        const norm = attr(self, 'norm');
        return norm === null ? y : call(norm, y);
      },
    );
  stack('TransformerEncoder');
  stack('TransformerDecoder');
  kit.define(
    'Transformer',
    "d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6, dim_feedforward=2048, dropout=0.1, activation='relu', custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True, device=None, dtype=None",
    (self, a) => {
      // Encoder and decoder layers take the same arguments, as torch.nn.Transformer passes them.
      const layerArgs = [
        a.d_model,
        a.nhead,
        a.dim_feedforward,
        a.dropout,
        a.activation,
        a.layer_norm_eps,
        a.batch_first,
        a.norm_first,
      ];
      const enc = construct(kit.classes.TransformerEncoderLayer, ...layerArgs);
      const dec = construct(kit.classes.TransformerDecoderLayer, ...layerArgs);
      self.attrs.set(
        'encoder',
        construct(
          kit.classes.TransformerEncoder,
          enc,
          a.num_encoder_layers,
          construct(kit.classes.LayerNorm, a.d_model),
        ),
      );
      self.attrs.set(
        'decoder',
        construct(
          kit.classes.TransformerDecoder,
          dec,
          a.num_decoder_layers,
          construct(kit.classes.LayerNorm, a.d_model),
        ),
      );
    },
    (self, [src, tgt]) => call(m(self, 'decoder'), tgt, call(m(self, 'encoder'), src)),
  );
}
