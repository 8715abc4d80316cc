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
import sys  # noqa: E402

sys.dont_write_bytecode = True  # keep __pycache__ out of test/

import oracle_lib as lib  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", required=True, help="python file that defines the model")
    ap.add_argument("--entry", required=True, help="expression evaluated in the module's namespace")
    ap.add_argument("--input", action="append", default=[],
                    help="SHAPE[:dtype[:high]] e.g. 1,3,224,224 or 1,16:int64:50257 (repeatable)")
    ap.add_argument("--train", action="store_true", help="measure in train() mode instead of eval()")
    args = ap.parse_args(argv)

    import torch

    t_import = time.perf_counter()
    torch.manual_seed(0)
    mod = lib.load_module(args.file)
    model = eval(args.entry, vars(mod))  # noqa: S307 - entry is a trusted test-case expression
    model.train(args.train)
    t_build = time.perf_counter()

    inputs = [lib.make_input(spec) for spec in args.input]
    result = lib.measure(model, inputs)
    t_end = time.perf_counter()

    result["seconds"] = round(t_end - _T0, 3)
    result["secondsBreakdown"] = {
        "importTorch": round(t_import - _T0, 3),
        "build": round(t_build - t_import, 3),
        "forward": round(t_end - t_build, 3),
    }
    result["maxRssMB"] = lib.max_rss_mb()
    result["torch"] = torch.__version__
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
