"""Shared machinery of the PyTorch oracles: module loading, inputs, MAC counting, saved tensors."""

import importlib
import importlib.util
import math
import os
import re
import resource
import sys

import torch
from torch.utils._python_dispatch import TorchDispatchMode

aten = torch.ops.aten


def _numel(shape):
    return math.prod(int(d) for d in shape)


# ---- MAC rules, one per aten op the dispatch mode sees (torch 1.13, CPU) ------------------
# Each takes (args, kwargs, out) and returns multiply-accumulates.
def _mm(a, b):
    return a.shape[0] * a.shape[1] * b.shape[1]


def _bmm(a, b):
    return a.shape[0] * a.shape[1] * a.shape[2] * b.shape[2]


def _conv(args, out):
    inp, weight = args[0], args[1]
    transposed = bool(args[6])
    per_elem = weight.shape[1] * _numel(weight.shape[2:])
    # conv: each output element reads Cin/g x kernel inputs; transposed conv: each input
    # element scatters into Cout/g x kernel outputs (weight is [Cin, Cout/g, *k] then).
    return (inp.numel() if transposed else out.numel()) * per_elem


MAC_RULES = {
    "mm": lambda a, k, o: _mm(a[0], a[1]),
    "addmm": lambda a, k, o: _mm(a[1], a[2]),
    "_addmm_activation": lambda a, k, o: _mm(a[1], a[2]),
    "bmm": lambda a, k, o: _bmm(a[0], a[1]),
    "baddbmm": lambda a, k, o: _bmm(a[1], a[2]),
    "addbmm": lambda a, k, o: _bmm(a[1], a[2]),
    "mv": lambda a, k, o: a[0].shape[0] * a[0].shape[1],
    "addmv": lambda a, k, o: a[1].shape[0] * a[1].shape[1],
    "dot": lambda a, k, o: a[0].shape[0],
    "vdot": lambda a, k, o: a[0].shape[0],
    "convolution": lambda a, k, o: _conv(a, o),
}

# Ops that do matmul-class work but are not in MAC_RULES: if one shows up, the MAC figure is
# incomplete and the oracle says so (field "uncountedMatmulOps") instead of hiding it.
_SUSPECT = re.compile(r"(mm|conv|matmul|linear|lstm|gru|rnn|attention|transformer|einsum|tensordot|mkldnn)")


class MacCounter(TorchDispatchMode):
    """Sums MACs of matmul-class aten ops; optional callback sees every (op, macs)."""

    def __init__(self, on_op=None):
        super().__init__()
        self.total = 0
        self.by_op = {}
        self.uncounted = {}
        self.on_op = on_op

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        name = func.overloadpacket.__name__
        rule = MAC_RULES.get(name)
        if rule is not None:
            macs = int(rule(args, kwargs, out))
            self.total += macs
            key = "aten." + name
            self.by_op[key] = self.by_op.get(key, 0) + macs
            if self.on_op:
                self.on_op(name, macs)
        elif _SUSPECT.search(name) and not name.endswith("_backward"):
            key = "aten." + name
            self.uncounted[key] = self.uncounted.get(key, 0) + 1
        return out


# ---- saved-for-backward tensors -----------------------------------------------------------
def _storage_key(t):
    try:
        st = t.storage()
        return st.data_ptr(), st.nbytes()
    except Exception:  # opaque tensors (mkldnn) have no storage: count the tensor itself
        return ("id", id(t)), t.numel() * t.element_size()


class SavedTensors:
    """saved_tensors_hooks that records every tensor autograd keeps, by distinct storage."""

    def __init__(self, exclude_ptrs=()):
        self.exclude = set(exclude_ptrs)
        self.storages = {}
        self.excluded = {}
        self.count = 0

    def pack(self, t):
        self.count += 1
        ptr, nbytes = _storage_key(t)
        (self.excluded if ptr in self.exclude else self.storages)[ptr] = nbytes
        return t

    @staticmethod
    def unpack(t):
        return t

    def hooks(self):
        return torch.autograd.graph.saved_tensors_hooks(self.pack, self.unpack)


# ---- module loading -----------------------------------------------------------------------
def _package_root(path):
    """Directory to put on sys.path and the dotted module name for a .py file."""
    path = os.path.abspath(path)
    d, base = os.path.split(path)
    parts = [os.path.splitext(base)[0]]
    while os.path.exists(os.path.join(d, "__init__.py")):
        d, pkg = os.path.split(d)
        parts.insert(0, pkg)
    return d, ".".join(parts)


def load_module(path):
    """Import a model file as the module it is (package-relative imports keep working)."""
    root, name = _package_root(path)
    if root not in sys.path:
        sys.path.insert(0, root)
    return importlib.import_module(name)


def module_spec(path):
    return _package_root(path)


# ---- inputs -------------------------------------------------------------------------------
_DTYPES = {
    "float32": torch.float32, "float": torch.float32, "float64": torch.float64,
    "float16": torch.float16, "bfloat16": torch.bfloat16, "int64": torch.int64,
    "long": torch.int64, "int32": torch.int32, "bool": torch.bool, "uint8": torch.uint8,
}


def make_input(spec):
    """'1,3,224,224' -> randn; '1,16:int64[:high]' -> randint(0, high) (high defaults to 10)."""
    parts = spec.split(":")
    shape = [int(s) for s in parts[0].split(",") if s.strip()]
    dtype = _DTYPES[parts[1]] if len(parts) > 1 else torch.float32
    if dtype.is_floating_point:
        return torch.randn(*shape, dtype=dtype)
    if dtype == torch.bool:
        return torch.randint(0, 2, shape).bool()
    high = int(parts[2]) if len(parts) > 2 else 10
    return torch.randint(0, high, shape, dtype=dtype)


def first_tensor(x):
    if isinstance(x, torch.Tensor):
        return x
    if isinstance(x, dict):
        x = list(x.values())
    if isinstance(x, (tuple, list)):
        for v in x:
            t = first_tensor(v)
            if t is not None:
                return t
    return None


# ---- the measurement ----------------------------------------------------------------------
class ModuleProbe:
    """Forward hooks on submodules up to `depth` dots deep: inclusive MACs, calls, last output."""

    def __init__(self, model, counter, depth=2):
        self.counter = counter
        self.stats = {}
        self.handles = []
        for name, m in model.named_modules():
            if name and name.count(".") < depth:
                self.handles.append(m.register_forward_pre_hook(self._pre(name)))
                self.handles.append(m.register_forward_hook(self._post(name, m)))
        self.starts = {}

    def _pre(self, name):
        def hook(module, args):
            self.starts.setdefault(name, []).append(self.counter.total)
        return hook

    def _post(self, name, module):
        def hook(m, args, out):
            start = self.starts[name].pop()
            st = self.stats.setdefault(name, {"type": type(module).__name__, "calls": 0, "macs": 0,
                                              "params": sum(p.numel() for p in module.parameters())})
            st["calls"] += 1
            st["macs"] += self.counter.total - start
            y = first_tensor(out)
            st["outputShape"] = list(y.shape) if y is not None else None
        return hook

    def remove(self):
        for h in self.handles:
            h.remove()


def _forward(model, inputs, owned, probe_depth=0):
    saved = SavedTensors(owned)
    counter = MacCounter()
    probe = ModuleProbe(model, counter, probe_depth) if probe_depth else None
    try:
        with torch.enable_grad(), saved.hooks(), counter:
            out = model(*inputs)
    finally:
        if probe:
            probe.remove()
    return first_tensor(out), counter, saved, probe


def measure(model, inputs, train_pass=True):
    """Run model(*inputs) with grad enabled in eval() mode (and again in train() mode for the
    saved-activation figures of a training step); return the oracle's plain-data figures."""
    params = list(model.parameters())  # distinct Parameter objects: tied weights count once
    buffers = list(model.buffers())
    owned = {_storage_key(t)[0] for t in params + buffers}
    was_training = model.training
    model.eval()
    y, counter, saved, probe = _forward(model, inputs, owned, probe_depth=2)
    result = {
        "params": sum(p.numel() for p in params),
        "trainableParams": sum(p.numel() for p in params if p.requires_grad),
        "paramBytes": sum(p.numel() * p.element_size() for p in params),
        "buffers": sum(b.numel() for b in buffers),
        "bufferBytes": sum(b.numel() * b.element_size() for b in buffers),
        "outputShape": list(y.shape) if y is not None else None,
        "outputDtype": str(y.dtype).replace("torch.", "") if y is not None else None,
        "outputBytes": y.numel() * y.element_size() if y is not None else None,
        "macs": counter.total,
        "macsByOp": dict(sorted(counter.by_op.items())),
        "uncountedMatmulOps": dict(sorted(counter.uncounted.items())),
        "savedBytes": sum(saved.storages.values()),
        "savedParamBytes": sum(saved.excluded.values()),
        "savedTensorCount": saved.count,
        "inputs": [{"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")}
                   for t in inputs],
        # submodules up to two levels deep (e.g. layer1, layer1.0), in order of first completion
        "modules": probe.stats,
    }
    if train_pass:
        torch.manual_seed(0)  # dropout masks
        model.train()
        try:
            y, counter, saved, _ = _forward(model, inputs, owned)
        except Exception as e:  # noqa: BLE001 - e.g. BatchNorm on one value per channel
            result["train"] = {"error": str(e).strip().split("\n")[0]}
            model.train(was_training)
            return result
        result["train"] = {
            "outputShape": list(y.shape) if y is not None else None,
            "macs": counter.total,
            "savedBytes": sum(saved.storages.values()),
            "savedParamBytes": sum(saved.excluded.values()),
            "savedTensorCount": saved.count,
        }
    model.train(was_training)
    return result


def max_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
