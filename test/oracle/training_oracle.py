"""Ground truth for the training ledger: saved-for-backward bytes by distinct storage, and backward MACs.

    /usr/bin/python3 test/oracle/training_oracle.py --file F --entry E --input 32,3,224,224 [--mac-batch 1]

Forward in eval() mode with gradients enabled (as torch_oracle.py), then `first_tensor(out).float().sum().backward()`.
- savedBytes: every tensor `saved_tensors_hooks` sees, summed over distinct storages (a view counts its whole
  storage once), parameters excluded, inputs and buffers included (savedBufferBytes: the buffer part).
  Measured on the meta device at the given inputs (no data, no arithmetic; storage identity as on CPU).
- --autocast cuda-bf16: savedBytes under CUDA's bf16 autocast op lists, emulated above autograd (CudaAutocast: torch
  1.13 has no CUDA here, and its CPU autocast lists differ; a Python composite is one call to a mode, so
  multi_head_attention_forward gets its linear/softmax/bmm/baddbmm wrapped while it runs); --cpu-check also runs
  torch's real CPU autocast and the emulation on the CPU, which agree where the lists do (conv, linear, batch norm);
  the backward pass below runs under the same emulation.
- backwardMacs: a TorchDispatchMode over backward() (CPU, inputs with batch --mac-batch) summing mm/addmm/bmm/...
  as forward, and convolution_backward by its output mask (input gradient, weight gradient: forward MACs each).
- backwardElements: the same pass, elements of each element-wise backward kernel (ELEMENTWISE_BACKWARD).
Prints one JSON object.
"""

import argparse
import contextlib
import json
import sys

sys.dont_write_bytecode = True

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.utils._python_dispatch import TorchDispatchMode  # noqa: E402

import oracle_lib as lib  # noqa: E402


def _conv_fwd_macs(grad_out, inp, weight, transposed):
    per_elem = weight.shape[1] * lib._numel(weight.shape[2:])
    return (inp.numel() if transposed else grad_out.numel()) * per_elem


# Element-wise backward kernels: elements each one writes (its first output), `sum` (bias and broadcast gradients)
# the elements it reads; `add` is autograd accumulating the gradients of a tensor used twice (residual forks, tied
# weights). Copies and views (clone, cat, slice_backward, _unsafe_view, ...) move memory and are not counted.
ELEMENTWISE_BACKWARD = {
    "threshold_backward", "hardtanh_backward", "gelu_backward", "silu_backward", "sigmoid_backward", "tanh_backward",
    "elu_backward", "leaky_relu_backward", "hardswish_backward", "hardsigmoid_backward", "softplus_backward",
    "_softmax_backward_data", "_log_softmax_backward_data", "native_layer_norm_backward", "native_batch_norm_backward",
    "native_group_norm_backward", "max_pool2d_with_indices_backward", "avg_pool2d_backward",
    "_adaptive_avg_pool2d_backward", "embedding_dense_backward", "masked_fill", "mul", "div", "neg", "add", "sub",
    "sum", "where",
}


def _first_numel(out):
    for o in out if isinstance(out, (tuple, list)) else [out]:
        if isinstance(o, torch.Tensor):
            return o.numel()
    return 0


class BackwardMacs(TorchDispatchMode):
    def __init__(self):
        super().__init__()
        self.total = 0
        self.by_op = {}
        self.elements = {}

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        name = func.overloadpacket.__name__
        if name in ELEMENTWISE_BACKWARD:
            n = args[0].numel() if name == "sum" else _first_numel(out)
            self.elements[name] = self.elements.get(name, 0) + n
        macs = 0
        if name == "convolution_backward":
            grad_out, inp, weight = args[0], args[1], args[2]
            transposed, mask = bool(args[7]), args[10]
            one = _conv_fwd_macs(grad_out, inp, weight, transposed)
            macs = one * (int(bool(mask[0])) + int(bool(mask[1])))
            name = f"convolution_backward[{int(bool(mask[0]))}{int(bool(mask[1]))}]"
        elif name in lib.MAC_RULES:
            macs = int(lib.MAC_RULES[name](args, kwargs, out))
        if macs:
            self.total += macs
            self.by_op[name] = self.by_op.get(name, 0) + macs
        return out


# CUDA autocast's op lists (aten/src/ATen/autocast_mode.h), by the Python names that reach __torch_function__.
AUTOCAST_LOWER = {
    "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "prelu", "addmm",
    "addmv", "addr", "matmul", "__matmul__", "__rmatmul__", "einsum", "mm", "mv", "linear", "addbmm", "baddbmm", "bmm",
    "chain_matmul", "multi_dot", "scaled_dot_product_attention",
}
AUTOCAST_FP32 = {
    "acos", "asin", "cosh", "erfinv", "exp", "expm1", "log", "log10", "log2", "log1p", "reciprocal", "rsqrt", "sinh",
    "tan", "pow", "__pow__", "__rpow__", "__rtruediv__", "__rdiv__", "softplus", "layer_norm", "group_norm",
    "cosine_similarity", "poisson_nll_loss", "cosine_embedding_loss", "nll_loss", "hinge_embedding_loss", "kl_div",
    "l1_loss", "smooth_l1_loss", "huber_loss", "mse_loss", "margin_ranking_loss", "multilabel_margin_loss",
    "soft_margin_loss", "triplet_margin_loss", "multi_margin_loss", "binary_cross_entropy_with_logits", "dist",
    "pdist", "cdist", "renorm", "logsumexp", "prod", "softmax", "softmin", "log_softmax", "cumprod", "cumsum", "sum",
    "norm", "cross_entropy", "normalize",
}
AUTOCAST_PROMOTE = {
    "addcdiv", "addcmul", "atan2", "bilinear", "cross", "dot", "grid_sample", "tensordot", "scatter_add",
}


class CudaAutocast(torch.overrides.TorchFunctionMode):
    """torch.autocast('cuda', dtype) as its dispatch key runs it, emulated above autograd (so autograd sees the casts
    and saves what the op then keeps): inputs of listed ops cast per policy, leaf parameters that require grad cast once
    (autocast's cache), in-place ops and calls with dtype=/out= left alone. Runs on any device (meta included)."""

    def __init__(self, dtype):
        super().__init__()
        self.dtype = dtype
        self.cache = {}

    def _cast(self, t, to):
        if not (isinstance(t, torch.Tensor) and t.is_floating_point() and t.dtype != torch.float64 and t.dtype != to):
            return t
        cacheable = to == self.dtype and t.dtype == torch.float32 and t.requires_grad and t.is_leaf and t._base is None
        if cacheable and id(t) in self.cache:
            return self.cache[id(t)][1]
        c = t.to(to)
        if cacheable:
            self.cache[id(t)] = (t, c)
        return c

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        name = getattr(func, "__name__", "")
        if name == "multi_head_attention_forward":
            # A Python composite: this mode is off inside its handler, so the listed functions it calls by name
            # (torch 1.13: F.linear, F.softmax, torch.bmm, torch.baddbmm) are wrapped while it runs.
            wrapped = [(F, "linear"), (F, "softmax"), (torch, "bmm"), (torch, "baddbmm")]
            return self._composite(func, args, kwargs, wrapped)
        return self._run(name, func, args, kwargs)

    def _composite(self, func, args, kwargs, names):
        saved = [(mod, n, getattr(mod, n)) for mod, n in names]
        try:
            for mod, n, orig in saved:
                setattr(mod, n, lambda *a, _n=n, _o=orig, **k: self._run(_n, _o, a, k))
            return func(*args, **kwargs)
        finally:
            for mod, n, orig in saved:
                setattr(mod, n, orig)

    def _run(self, name, func, args, kwargs):
        policy = ("lower" if name in AUTOCAST_LOWER else "fp32" if name in AUTOCAST_FP32
                  else "promote" if name in AUTOCAST_PROMOTE else None)
        if policy and kwargs.get("dtype") is None and kwargs.get("out") is None:
            flat = [a for a in list(args) + list(kwargs.values()) if isinstance(a, torch.Tensor)]
            floats = [t for t in flat if t.is_floating_point() and t.dtype != torch.float64]
            if floats:
                to = (self.dtype if policy == "lower" else torch.float32 if policy == "fp32"
                      else max((t.dtype for t in floats), key=lambda d: torch.finfo(d).bits))
                args = tuple(self._cast(a, to) for a in args)
                kwargs = {k: self._cast(v, to) for k, v in kwargs.items()}
        return func(*args, **kwargs)


def autocast_context(kind):
    """cpu-bf16: torch's own CPU autocast (real; its lists differ from CUDA's); cuda-bf16: CUDA's (CudaAutocast)."""
    if kind == "cpu-bf16":
        return torch.autocast("cpu", dtype=torch.bfloat16)
    if kind == "cuda-bf16":
        return CudaAutocast(torch.bfloat16)
    return contextlib.nullcontext()


def storage_key(t):
    st = t.storage()
    return getattr(st, "_cdata", None) or id(st), st.nbytes()


def saved_bytes(model, inputs, autocast=None):
    owned_params = {storage_key(p)[0] for p in model.parameters()}
    owned_buffers = {storage_key(b)[0] for b in model.buffers()}
    acts, params, buffers = {}, {}, {}
    keep = []  # holds every packed tensor so a storage's id is never reused during the forward

    def pack(t):
        keep.append(t)
        k, n = storage_key(t)
        (params if k in owned_params else buffers if k in owned_buffers else acts)[k] = n
        return t

    with torch.enable_grad(), torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t), autocast_context(autocast):
        out = model(*inputs)
    return {
        "savedBytes": sum(acts.values()) + sum(buffers.values()),
        "savedBufferBytes": sum(buffers.values()),
        "savedParamBytes": sum(params.values()),
        "savedStorages": len(acts) + len(buffers),
    }, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", required=True)
    ap.add_argument("--entry", required=True)
    ap.add_argument("--input", action="append", default=[])
    ap.add_argument("--mac-batch", type=int, default=None, help="batch for the backward-MAC run (default: as given)")
    ap.add_argument("--no-macs", action="store_true")
    ap.add_argument("--autocast", choices=["cuda-bf16"], default=None,
                    help="saved bytes under CUDA's bf16 autocast lists (CudaAutocast, on the meta device)")
    ap.add_argument("--cpu-check", action="store_true",
                    help="also on the CPU: torch's real CPU autocast and CudaAutocast (equal where the lists agree)")
    a = ap.parse_args()

    torch.manual_seed(0)
    mod = lib.load_module(a.file)
    model = eval(a.entry, vars(mod))  # noqa: S307
    model.eval()
    params = list(model.parameters())
    result = {
        "params": sum(p.numel() for p in params),
        "trainableParams": sum(p.numel() for p in params if p.requires_grad),
        "frozenParams": sum(p.numel() for p in params if not p.requires_grad),
    }
    # saved bytes on the meta device, at the given batch
    torch.manual_seed(0)
    meta_inputs = [lib.make_input(s).to("meta") for s in a.input]
    mm = eval(a.entry, vars(mod)).to("meta")  # noqa: S307 - a second copy on the meta device
    mm.eval()
    sb, _ = saved_bytes(mm, meta_inputs, a.autocast)
    if a.autocast:
        sb["autocast"] = a.autocast
    if a.cpu_check:
        # CPU autocast applies to CPU tensors only (not meta): real data, real arithmetic, at the given inputs.
        torch.manual_seed(0)
        cpu_inputs = [lib.make_input(s) for s in a.input]
        sb["cpuAutocastSavedBytes"] = saved_bytes(model, cpu_inputs, "cpu-bf16")[0]["savedBytes"]
        sb["cpuEmulatedSavedBytes"] = saved_bytes(model, cpu_inputs, a.autocast)[0]["savedBytes"]
    result.update(sb)
    del mm
    if not a.no_macs:
        specs = a.input
        if a.mac_batch is not None:
            specs = [",".join([str(a.mac_batch)] + s.split(":")[0].split(",")[1:]) + (s[s.index(":"):] if ":" in s else "")
                     for s in a.input]
        torch.manual_seed(0)
        inputs = [lib.make_input(s) for s in specs]
        fwd = lib.MacCounter()
        with torch.enable_grad(), autocast_context(a.autocast), fwd:
            out = model(*inputs)
        y = lib.first_tensor(out)
        loss = y.float().sum()  # outside the counter: the loss is not part of the model's backward
        bwd = BackwardMacs()
        with bwd:
            loss.backward()
        result["macBatchInputs"] = specs
        result["forwardMacs"] = fwd.total
        result["backwardMacs"] = bwd.total
        result["backwardMacsByOp"] = dict(sorted(bwd.by_op.items()))
        result["backwardElements"] = sum(bwd.elements.values())
        result["backwardElementsByKernel"] = dict(sorted(bwd.elements.items()))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
