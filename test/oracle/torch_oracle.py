"""Ground truth from real PyTorch: params, output shape, MACs, saved activations for one model.

Run with the Debian interpreter that has torch 1.13 + torchvision 0.14:

    /usr/bin/python3 test/oracle/torch_oracle.py \
        --file /usr/lib/python3/dist-packages/torchvision/models/resnet.py \
        --entry 'resnet50()' --input 1,3,224,224

Prints one JSON object on stdout (see test/oracle/README.md for every field).
The measuring machinery (dispatch mode, hooks, module loading) lives in oracle_lib.py and is
shared with line_oracle.py.
"""

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import typing  # noqa: E402

sys.dont_write_bytecode = True  # keep __pycache__ out of test/

import oracle_lib as lib  # noqa: E402


def published_params(mod, entry, weights_expr):
    """torchvision's own figure: Weights.meta["num_params"] of the entry's weights enum.

    The enum is `--weights` (evaluated in the module) or, for a builder call like `resnet50()`,
    the type of the builder's `weights` argument. Its DEFAULT member is used (no download)."""
    enum = None
    if weights_expr:
        enum = eval(weights_expr, vars(mod))  # noqa: S307
    else:
        m = re.match(r"^\s*(\w+)\s*\(", entry)
        fn = getattr(mod, m.group(1), None) if m else None
        if fn is not None and not isinstance(fn, type):
            hint = typing.get_type_hints(fn).get("weights")
            enum = next((a for a in typing.get_args(hint) if isinstance(a, type)
                         and hasattr(a, "DEFAULT")), None)
    if enum is None:
        return None
    w = enum.DEFAULT if hasattr(enum, "DEFAULT") else enum
    return {"weights": f"{type(w).__name__}.{w.name}", "num_params": w.meta["num_params"]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", required=True, help="python file that defines the model")
    ap.add_argument("--entry", required=True, help="expression evaluated in the module's namespace")
    ap.add_argument("--input", action="append", default=[],
                    help="SHAPE[:dtype[:high]] e.g. 1,3,224,224 or 1,16:int64:50257 (repeatable)")
    ap.add_argument("--weights", help="torchvision weights enum whose meta num_params to report")
    ap.add_argument("--no-train-pass", action="store_true",
                    help="skip the second forward in train() mode (the 'train' field)")
    args = ap.parse_args(argv)

    import torch

    t_import = time.perf_counter()
    torch.manual_seed(0)
    mod = lib.load_module(args.file)
    model = eval(args.entry, vars(mod))  # noqa: S307 - entry is a trusted test-case expression
    t_build = time.perf_counter()

    inputs = [lib.make_input(spec) for spec in args.input]
    result = lib.measure(model, inputs, train_pass=not args.no_train_pass)
    t_end = time.perf_counter()

    pub = published_params(mod, args.entry, args.weights)
    if pub:
        result["publishedParams"] = pub
    result["seconds"] = round(t_end - _T0, 3)
    result["secondsBreakdown"] = {
        "importTorch": round(t_import - _T0, 3),
        "build": round(t_build - t_import, 3),
        "forward": round(t_end - t_build, 3),
    }
    ru = resource.getrusage(resource.RUSAGE_SELF)
    result["cpuSeconds"] = round(ru.ru_utime + ru.ru_stime, 3)  # robust to a busy machine
    result["maxRssMB"] = lib.max_rss_mb()
    result["torch"] = torch.__version__
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
