"""timm models of the library corpus run by real PyTorch 1.13: params, output shape and forward MACs per model.

Usage: /usr/bin/python3 test/oracle/timm_oracle.py SITE NAME[:SIZE] ... > test/oracle/golden/timm.json
SITE is the corpus unpacked as site-packages (test/corpus.mjs corpusSitePackages()); only its timm folder is put on
sys.path (the corpus's torchvision targets torch 2). Input: torch.randn(1, 3, SIZE, SIZE), SIZE 224 by default;
eval mode, no grad; MACs by oracle_lib's MacCounter (the same rules as torch_oracle.py)."""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
site, specs = sys.argv[1], sys.argv[2:]
only_timm = tempfile.mkdtemp(prefix="flopscope-timm-")
os.symlink(os.path.join(site, "timm"), os.path.join(only_timm, "timm"))
sys.path.insert(0, only_timm)

import torch  # noqa: E402
import timm  # noqa: E402
from oracle_lib import MacCounter  # noqa: E402

out = []
for spec in specs:
    name, _, size = spec.partition(":")
    size = int(size or 224)
    torch.manual_seed(0)
    model = timm.create_model(name).eval()
    with torch.no_grad(), MacCounter() as mc:
        y = model(torch.randn(1, 3, size, size))
    row = {"name": name, "size": size, "params": sum(p.numel() for p in model.parameters()),
           "output": list(y.shape), "macs": mc.total}
    if mc.uncounted:
        row["uncountedMatmulOps"] = mc.uncounted
    out.append(row)
rows = ",\n".join("    " + json.dumps(r) for r in out)
print(f'{{\n  "torch": "{torch.__version__}",\n  "timm": "{timm.__version__}",\n  "models": [\n{rows}\n  ]\n}}')
