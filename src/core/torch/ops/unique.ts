// torch.unique: a data-dependent length, known when the input's values are (timm's RegNet counts its stages with it).
import { def } from '../registry';
import { asTensor } from '../values';
import { bind } from '../signature';
import { withData } from '../constData';
import { int64 } from '../dtypes';
import { Tensor } from '../../model/tensor';
import { PyTuple, Unknown } from '../../eval/values';

def('unique', 'tm', (c, args, kw) => {
  const a = bind('unique', 'input, sorted=True, return_inverse=False, return_counts=False, dim=None', args, kw);
  const x = asTensor(a.input);
  if (!x) return new Unknown('unique');
  const data = x.data;
  const extras = [a.return_inverse === true, a.return_counts === true];
  if (!data || a.dim !== null) {
    // Its length depends on values the engine does not know.
    c.unknownShape('unique');
    const parts = [new Tensor(undefined, x.dtype)];
    if (extras[0]) parts.push(new Tensor(a.dim === null ? x.shape : undefined, int64));
    if (extras[1]) parts.push(new Tensor(undefined, int64));
    return parts.length === 1 ? parts[0] : new PyTuple(parts);
  }
  const values = [...new Set(data)].sort((p, q) => p - q);
  // sorted=False leaves the order to the backend (CPU gives [2., 1., 3.] for [3., 1., 3., 2.]): the length only.
  const ordered = a.sorted !== false;
  const out = new Tensor([values.length], x.dtype);
  if (ordered) withData(out, values);
  if (!extras[0] && !extras[1]) return out;
  const parts = [out];
  if (extras[0] && !ordered) parts.push(new Tensor(x.shape, int64));
  else if (extras[0])
    parts.push(
      withData(
        new Tensor(x.shape, int64),
        data.map((v) => values.indexOf(v)),
      ),
    );
  if (extras[1])
    parts.push(
      withData(
        new Tensor([values.length], int64),
        values.map((v) => data.filter((d) => d === v).length),
      ),
    );
  return new PyTuple(parts);
});
