"""Ground truth for the layer table: every module in call order, as torchinfo's hooks see it.

Run with the Debian interpreter that has torch 1.13 + torchvision 0.14:

    /usr/bin/python3 test/oracle/layer_oracle.py \
        --file /usr/lib/python3/dist-packages/torchvision/models/resnet.py \
        --entry 'resnet50()' --input 1,3,224,224

Prints one JSON object: {"params", "macs", "layers": [...]}. One layer per distinct module, in
call order: the named_modules() tree with each module's children sorted by the first call in
their subtree, so a container never called itself (ModuleList) sits before its first called child
and counts its children's MACs; modules never called follow in named_modules() order, calls 0.
Each has `path` (named_modules() name, "" for the root), `type`, `depth` (root 0), `calls`,
`outputShapes` (distinct shapes of the first tensor of each call's output, in order of
appearance), `params` (distinct, recursive) and inclusive `macs` (summed over calls, the MAC rule
of oracle_lib.py). One forward in eval() mode with gradients enabled.
"""

import argparse
import json
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of test/

import oracle_lib as lib  # noqa: E402


def layers(model, inputs):
    import torch

    counter = lib.MacCounter()
    names = {}
    for name, m in model.named_modules():
        names.setdefault(id(m), name)
    rows = {}
    order = []
    starts = {}
    handles = []

    def pre(module, args):
        name = names[id(module)]
        if name not in rows:
            order.append(name)
            rows[name] = {
                "path": name,
                "type": type(module).__name__,
                "depth": 0 if name == "" else name.count(".") + 1,
                "calls": 0,
                "outputShapes": [],
                "params": sum(p.numel() for p in module.parameters()),
                "macs": 0,
            }
        starts.setdefault(name, []).append(counter.total)

    def post(module, args, out):
        name = names[id(module)]
        row = rows[name]
        row["calls"] += 1
        row["macs"] += counter.total - starts[name].pop()
        y = lib.first_tensor(out)
        shape = list(y.shape) if y is not None else None
        if shape not in row["outputShapes"]:
            row["outputShapes"].append(shape)

    seen = set()
    for _, m in model.named_modules():
        if id(m) in seen:
            continue
        seen.add(id(m))
        handles.append(m.register_forward_pre_hook(pre))
        handles.append(m.register_forward_hook(post))
    model.eval()
    try:
        with torch.enable_grad(), counter:
            model(*inputs)
    finally:
        for h in handles:
            h.remove()
    for name, m in model.named_modules():
        if name not in rows:
            rows[name] = {
                "path": name,
                "type": type(m).__name__,
                "depth": 0 if name == "" else name.count(".") + 1,
                "calls": 0,
                "outputShapes": [],
                "params": sum(p.numel() for p in m.parameters()),
                "macs": 0,
            }
    # Call order, as a tree: children by the first call in their subtree (a ModuleList that is never called itself
    # sits before its first called child; a container's MACs are then its children's); never-called modules last.
    first = {n: i for i, n in enumerate(order)}
    children = {n: [] for n in rows}
    for n in rows:
        if n:
            children[n.rsplit(".", 1)[0] if "." in n else ""].append(n)

    def subtree_first(n):
        return min([first.get(n, float("inf"))] + [subtree_first(c) for c in children[n]])

    listed = []

    def visit(n):
        listed.append(n)
        kids = sorted(children[n], key=subtree_first)  # stable: named_modules() order among never-called
        for c in kids:
            visit(c)
        if rows[n]["calls"] == 0:
            rows[n]["macs"] = sum(rows[c]["macs"] for c in kids)

    visit("")
    return {
        "params": sum(p.numel() for p in model.parameters()),
        "macs": counter.total,
        "layers": [rows[n] for n in listed],
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", required=True, help="python file that defines the model")
    ap.add_argument("--entry", required=True, help="expression evaluated in the module's namespace")
    ap.add_argument("--input", action="append", default=[], help="SHAPE[:dtype[:high]] (repeatable)")
    args = ap.parse_args(argv)

    import torch

    torch.manual_seed(0)
    mod = lib.load_module(args.file)
    model = eval(args.entry, vars(mod))  # noqa: S307 - entry is a trusted test-case expression
    inputs = [lib.make_input(spec) for spec in args.input]
    json.dump(layers(model, inputs), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
