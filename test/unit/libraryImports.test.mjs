// Reading libraries: import roots, lazy star imports through package __init__ chains, TYPE_CHECKING import lists,
// an imported file that stops, and the Python that library code leans on (re, importlib, sys.modules, defaultdict).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from './core.mjs';

const linear = (name, i, o) =>
  `import torch.nn as nn\n\nclass ${name}(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(${i}, ${o})\n\n    def forward(self, x):\n        return self.fc(x)\n`;

/** Analyzes `user` (at /proj/user.py) with an in-memory site-packages at /site. */
function run(user, files) {
  const fs = new Map(Object.entries(files).map(([k, v]) => [`/site/${k}`, v]));
  return core.analyze(user, { path: '/proj/user.py', readFile: (p) => fs.get(p), importRoots: ['/site'] });
}

test('`from pkg import X` through star imports runs only the file that exports X (nn.Linear(4, 8): 40 params)', () => {
  const r = run('import torch\nfrom lib import Small\n\nm = Small()\ny = m(torch.randn(2, 4))\n', {
    'lib/__init__.py': 'from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .models import *\n',
    'lib/models/__init__.py': 'from .big import *\nfrom .small import *\n',
    'lib/models/big/__init__.py': 'from .modeling_big import *\n',
    'lib/models/big/modeling_big.py': 'raise ImportError("must not run")\n',
    'lib/models/small/__init__.py': 'from .modeling_small import *\n',
    'lib/models/small/modeling_small.py': linear('Small', 4, 8) + '\n__all__ = ["Small"]\n',
  });
  assert.equal(r.totals.params, 40n);
  assert.equal(r.output?.shape, '[2, 8]');
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
  assert.ok(!r.importedFiles.some((f) => f.includes('big')), r.importedFiles.join(', '));
  assert.ok(r.importedFiles.includes('/site/lib/models/small/modeling_small.py'));
});

test('an imported file that stops part-way: a warning at the import line naming file:line, and a partial result', () => {
  const r = run('from brk import A, B\nb = B()\n', {
    'brk.py':
      'import torch.nn as nn\nclass A(nn.Module):\n    pass\nraise ValueError("boom")\nclass B(nn.Module):\n    pass\n',
  });
  const d = r.diagnostics.find((x) => x.code === 'evaluation-stopped');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.span.line, 1);
  assert.match(d.message, /\/site\/brk\.py stopped: ValueError: boom \(at \/site\/brk\.py:4\)/);
  assert.equal(r.coverage.complete, false);
});

test('library idioms: re, importlib.import_module, sys.modules, defaultdict(factory), registry decorators', () => {
  const registry =
    'import sys\nfrom collections import defaultdict\n\n_entry = {}\n_by_module = defaultdict(set)\n\n' +
    'def register(fn):\n    mod = sys.modules[fn.__module__]\n    _by_module[fn.__module__].add(fn.__name__)\n' +
    '    _entry[fn.__name__] = fn\n    return fn\n\ndef create(name):\n    return _entry[name]()\n';
  const models =
    'import re\nimport torch.nn as nn\nfrom .registry import register\n\n@register\ndef net_w24():\n' +
    '    w = int(re.search(r"w(\\d+)", "net_w24").group(1))\n    return nn.Sequential(nn.Linear(w, w), nn.ReLU())\n';
  const r = run(
    'import importlib\nimport torch\nimport reg\n\nimportlib.import_module("reg.models")\nm = reg.registry.create("net_w24")\ny = m(torch.randn(3, 24))\n',
    { 'reg/__init__.py': 'from . import registry\n', 'reg/registry.py': registry, 'reg/models.py': models },
  );
  assert.equal(r.totals.params, 24n * 24n + 24n);
  assert.equal(r.output?.shape, '[3, 24]');
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('a module that cannot be found: unresolved-import warning with the module name; its names are unknown', () => {
  const r = run('import torch\nfrom nowhere.models import Net\n\nm = Net()\ny = m(torch.randn(2, 4))\n', {});
  const d = r.diagnostics.find((x) => x.code === 'unresolved-import');
  assert.ok(d);
  assert.match(d.message, /cannot find module 'nowhere\.models' \(searched the file's folder and 1 import path\)/);
  assert.equal(r.totals.params, 0n);
  assert.equal(r.coverage.complete, false);
});

test('star-import verdicts kept across analyses follow a library file that changes (one engine, three analyses)', () => {
  const engine = new core.Engine();
  const fs = new Map([
    ['/site/pkg/__init__.py', 'from .a import *\nfrom .b import *\n'],
    ['/site/pkg/a.py', linear('Net', 2, 3)],
    ['/site/pkg/b.py', 'X = 1\n'],
  ]);
  const user = 'import torch\nfrom pkg import Net\n\nm = Net()\n';
  const params = () =>
    core.analyze(user, { path: '/proj/user.py', readFile: (p) => fs.get(p), importRoots: ['/site'] }, engine).totals
      .params;
  assert.equal(params(), 9n, 'b.py does not spell Net: a.py, nn.Linear(2, 3)');
  fs.set('/site/pkg/b.py', linear('Net', 4, 5));
  assert.equal(params(), 25n, 'now the last star that exports Net is b.py: nn.Linear(4, 5)');
  fs.set('/site/pkg/b.py', 'X = 1\n');
  assert.equal(params(), 9n, 'b.py no longer spells Net: a.py again');
});

test('one warning per unresolved import line: where it searched, the names used from it, what to give', () => {
  const r = run(
    'import torch\nfrom nowhere import frob, knob\nimport gone as g\n\nx = torch.randn(2, 3)\ny = frob(x)\nz = knob(frob(x))\nw = g.op(x)\n',
    {},
  );
  const warnings = r.diagnostics.filter((x) => x.code === 'unresolved-import');
  assert.deepEqual(
    warnings.map((d) => d.span.line),
    [2, 3],
    warnings.map((d) => `${d.span.line}: ${d.message}`).join('\n'),
  );
  assert.match(warnings[0].message, /cannot find module 'nowhere' \(searched .*\); 'frob', 'knob' and what they build/);
  assert.match(warnings[0].message, /Give the Python environment/);
  assert.match(warnings[1].message, /cannot find module 'gone' .*; 'g\.op' and what it builds are unknown/);
  assert.equal(r.coverage.unknownOps, 4, JSON.stringify(r.coverage.unknown));
});

test('`from pkg import name` where pkg star-imports a submodule of that name that defines it: the function, as Python', () => {
  const r = run('import torch\nfrom lib import small\n\nm = small()\ny = m(torch.randn(2, 4))\n', {
    'lib/__init__.py': 'from .small import *\n',
    'lib/small.py': linear('Small', 4, 8) + '\n\ndef small():\n    return Small()\n\n__all__ = ["Small", "small"]\n',
  });
  assert.equal(r.totals.params, 40n);
  assert.equal(r.output?.shape, '[2, 8]');
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('a registry filled by decorators of modules behind lazy star imports (timm.create_model): they run on a miss', () => {
  const r = run('import torch\nimport lib\n\nm = lib.create("small")\ny = m(torch.randn(2, 4))\n', {
    'lib/__init__.py': 'from .registry import create\nfrom .big import *\nfrom .small import *\n',
    'lib/registry.py':
      '_entries = {}\n\n\ndef register(fn):\n    _entries[fn.__name__] = fn\n    return fn\n\n\ndef create(name):\n    if name not in _entries:\n        raise RuntimeError("unknown model " + name)\n    return _entries[name]()\n',
    'lib/big.py': 'raise ImportError("must not run")\n',
    'lib/small.py':
      linear('Small', 4, 8) +
      '\n\n__all__ = ["Small"]\n\n\nfrom .registry import register\n\n\n@register\ndef small():\n    return Small()\n',
  });
  assert.equal(r.totals.params, 40n, JSON.stringify(r.diagnostics.map((d) => d.message)));
  assert.equal(r.output?.shape, '[2, 8]');
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
  assert.ok(!r.importedFiles.some((f) => f.includes('big')), r.importedFiles.join(', '));
});

test('a line that calls into a library: each op says which library file and line ran it (the hover lists them)', () => {
  const r = run('import torch\nfrom lib.small import Small\n\nm = Small()\ny = m(torch.randn(2, 4))\n', {
    'lib/__init__.py': '',
    'lib/small.py': linear('Small', 4, 8),
  });
  const line = r.lines.find((l) => l.line === 5);
  assert.ok(line, JSON.stringify(r.lines.map((l) => l.line)));
  const linear8 = line.ops.find((o) => o.op === 'linear');
  assert.deepEqual(
    linear8?.source,
    { file: '/site/lib/small.py', line: 9 },
    line.ops.map((o) => `${o.op} ${JSON.stringify(o.source)}`).join(', '),
  );
  assert.equal(linear8.macs, 64n);
  // Ops the document runs itself name no library place.
  const own = core.analyze('import torch\nx = torch.randn(2, 4)\ny = x @ x.t()\n', { path: '/proj/own.py' });
  assert.ok(own.lines.every((l) => l.ops.every((o) => o.source === undefined)));
});

test('a set of classes imported from other modules finds the class by identity (timm _NORM_ACT_REQUIRES_ARG)', () => {
  const r = run(
    'import torch\nfrom lib import table\nfrom lib.defs import Foo, Bar\n\nx = torch.zeros(2 if Foo in table.TABLE else 3, 2 if Bar in table.TABLE else 3)\n',
    {
      'lib/__init__.py': '',
      'lib/defs.py': 'class Foo:\n    pass\n\nclass Bar:\n    pass\n',
      'lib/table.py': 'from .defs import Foo\n\nTABLE = {Foo}\nBY_CLASS = {Foo: 1}\n',
    },
  );
  assert.equal(r.lines.find((l) => l.line === 5)?.value, '[2, 3]', JSON.stringify(r.diagnostics));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('a cached library module keeps `collections.abc` when another module imported it first in an earlier analysis', () => {
  const files = {
    'first.py': 'import collections.abc\n',
    'second.py':
      'import collections.abc\n\ndef n(x):\n    return 2 if isinstance(x, collections.abc.Iterable) else 3\n',
  };
  run('import first\nimport second\n', files);
  const r = run('import torch\nimport second\n\nx = torch.zeros(second.n([1]), second.n(1))\n', files);
  assert.equal(r.lines.find((l) => l.line === 4)?.value, '[2, 3]', JSON.stringify(r.diagnostics));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('inspect.getsourcefile/getfile: the defining file of a class, function and method (as CPython 3.11 answers)', () => {
  // Expected 126 params: the same two files run by /usr/bin/python3 (CPython 3.11, torch 1.13) print
  // `models modeling_small.py True 126` (transformers' auto_docstring reads the model folder this way).
  const user =
    'import inspect\nimport os\nimport torch.nn as nn\nfrom lib.models.small.modeling_small import Small, helper\n\n' +
    'p = inspect.getsourcefile(Small)\nq = inspect.getfile(helper)\nr = inspect.getsourcefile(Small.forward)\n' +
    'm = nn.Linear(len(p.split(os.path.sep)[-3]), len(os.path.basename(q)) + (r == p))\n';
  const r = run(user, {
    'lib/__init__.py': '',
    'lib/models/__init__.py': '',
    'lib/models/small/__init__.py': '',
    'lib/models/small/modeling_small.py':
      'import torch.nn as nn\n\nclass Small(nn.Module):\n    def forward(self, x):\n        return x\n\ndef helper():\n    pass\n',
  });
  assert.equal(r.totals.params, 126n, JSON.stringify(r.coverage.reasons));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('inspect.signature(fn).parameters: kinds, defaults, Parameter.empty, bound methods, functools.wraps', () => {
  // Expected 525344 params: this file run by /usr/bin/python3 (CPython 3.11, torch 1.13) prints kinds
  // [0, 0, 1, 2, 3, 3, 4], first keyword-only 4, ('d', 'e', 'kw'), 4 without default, ['x', 'y'], 5 (torchvision's
  // kwonly_to_pos_or_kw reads signatures this way).
  const user = [
    'import functools',
    'import inspect',
    'import torch.nn as nn',
    '',
    'def new_fn(a, b=2, /, c=3, *args, d, e=5, **kw):',
    '    pass',
    '',
    '@functools.wraps(new_fn)',
    'def wrapper(*args, **kwargs):',
    '    return new_fn(*args, **kwargs)',
    '',
    'class M:',
    '    def f(self, x, *, y=1):',
    '        pass',
    '',
    'params = inspect.signature(wrapper).parameters',
    'kinds = [int(p.kind) for p in params.values()]',
    'first_kw = next(i for i, p in enumerate(params.values()) if p.kind == p.KEYWORD_ONLY)',
    'names = tuple(inspect.signature(new_fn).parameters)[first_kw:]',
    'nodef = sum(1 for p in params.values() if p.default is inspect.Parameter.empty)',
    'meth = list(inspect.signature(M().f).parameters)',
    'e = params["e"].default',
    'n = sum(kinds) * 100 + first_kw * 10 + len(names) + nodef * 1000 + len(meth) * 10000 + e * 100000',
    'm = nn.Linear(n, 1)',
    '',
  ].join('\n');
  const r = run(user, {});
  assert.equal(r.totals.params, 525344n, JSON.stringify(r.coverage.reasons));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('inspect.get_annotations (own) and typing.get_type_hints (over the MRO) of classes, as CPython 3.11', () => {
  // Expected 3111433 params: this file run by /usr/bin/python3 (CPython 3.11, torch 1.13) prints own ['width', 'size'],
  // base ['config', 'size', 'tag'], hints ['config', 'size', 'tag', 'width'] (transformers' __init_subclass__ reads
  // the `config` annotation this way).
  const user = [
    'import inspect',
    'from typing import ClassVar, Optional, get_type_hints',
    '',
    'import torch.nn as nn',
    '',
    'class Cfg:',
    '    pass',
    '',
    'class Base:',
    '    config: Cfg',
    '    size: int = 3',
    '    tag: ClassVar[str] = "b"',
    '',
    'class Child(Base):',
    '    width: Optional[int] = None',
    '    size: float',
    '',
    'own = inspect.get_annotations(Child)',
    'base_own = inspect.get_annotations(Base)',
    'hints = get_type_hints(Child)',
    'n = len(own) * 1 + len(base_own) * 10 + len(hints) * 100',
    'n += (own.get("config", None) is None) * 1000 + (hints.get("config", None) is Cfg) * 10000',
    'n += (hints["size"] is float) * 100000 + list(hints).index("width") * 1000000',
    'm = nn.Linear(n, 1)',
    '',
  ].join('\n');
  const r = run(user, {});
  assert.equal(r.totals.params, 3111433n, JSON.stringify(r.coverage.reasons));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('typing.get_type_hints past nn.Module: its annotated names (torch 2.11) with unknown types', () => {
  // CPython 3.11 + torch 1.13 (/usr/bin/python3) on the same class: 'config' is int, 'training' is listed (bool).
  const user =
    'from typing import get_type_hints\nimport torch.nn as nn\n\nclass M(nn.Module):\n    config: int\n\n' +
    'h = get_type_hints(M)\nm = nn.Linear(("training" in h) + ("zzz" in h) * 10, 1 + (h.get("config") is int))\n';
  const r = run(user, {});
  assert.equal(r.totals.params, 4n, JSON.stringify(r.coverage.reasons));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
  // What nn.Module's annotations are (bool, dict[...]) is not modelled: a branch on it is undecided, and said so.
  const typed = run(user + 'if h["training"] is bool:\n    n = nn.Linear(2, 2)\n', {});
  assert.equal(typed.coverage.complete, false, JSON.stringify(typed.coverage.reasons));
});

test('an undecided `if` in library plumbing is reported at the call line, naming the library file:line', () => {
  const lib = {
    'mylib/__init__.py': '',
    'mylib/factory.py':
      'import os\nimport torch\nimport torch.nn as nn\n\ndef build():\n    if os.environ.get("WIDE"):\n        return nn.Linear(2, 2)\n    return nn.Linear(8, 8)\n',
  };
  // The environment is empty in an analysis, so .get gives None and this one decides; a random tensor's value does not.
  const decided = run('from mylib.factory import build\nm = build()\n', lib);
  assert.equal(decided.totals.params, 72n);
  assert.ok(decided.coverage.complete, JSON.stringify(decided.coverage.reasons));
  lib['mylib/factory.py'] = lib['mylib/factory.py'].replace('os.environ.get("WIDE")', 'torch.rand(1).item() > 0.5');
  const r = run('from mylib.factory import build\nm = build()\n', lib);
  assert.equal(r.coverage.complete, false, 'the branch the library could have taken is not costed');
  const d = r.diagnostics.find((x) => x.code === 'branch-unknown');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.span.line, 2);
  assert.match(d.message, /\(in factory\.py:6\)/);
});

test("transformers' @auto_docstring runs as what it does: the object back, its __doc__ unknown", () => {
  // auto_docstring.py formats type annotations through typing introspection the engine does not model; a module of
  // that name whose auto_docstring is a Python function is replaced by the native one once it has run.
  const lib = {
    'transformers/__init__.py': '',
    'transformers/utils/__init__.py': 'from .auto_docstring import auto_docstring\n',
    'transformers/utils/auto_docstring.py':
      'def auto_docstring(obj=None, **kw):\n    def deco(o):\n        if hash(o) % 2:\n            o.__doc__ = "odd"\n        return o\n    return deco(obj) if obj else deco\n',
    'transformers/modeling_small.py':
      'import torch.nn as nn\nfrom .utils import auto_docstring\n\n@auto_docstring\nclass Small(nn.Module):\n    """Small."""\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    @auto_docstring(custom_intro="x")\n    def forward(self, x):\n        return self.fc(x)\n',
  };
  const user = 'import torch\nfrom transformers.modeling_small import Small\n\nm = Small()\ny = m(torch.randn(1, 4))\n';
  const r = run(user, lib);
  assert.equal(r.totals.params, 20n);
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
  // The docstring it writes is unknown: a branch on it is undecided and reported.
  const doc = run(user + 'if Small.__doc__ == "Small.":\n    n = torch.nn.Linear(2, 2)\n', lib);
  assert.equal(doc.coverage.complete, false, JSON.stringify(doc.coverage.reasons));
});

test('a module found under an import root has its dotted name (relative imports too), as Python names it', () => {
  // CPython 3.11 on the same files prints `pkg.sub.mod pkg.sub.mod pkg.sub` (len 11 + 11 + 7 = 29).
  const r = run(
    'from pkg.sub.user import names\nimport torch.nn as nn\nm = nn.Linear(sum(len(n) for n in names), 1)\n',
    {
      'pkg/__init__.py': '',
      'pkg/sub/__init__.py': '',
      'pkg/sub/mod.py': 'class C:\n    pass\n',
      'pkg/sub/user.py':
        'from . import mod\nfrom .mod import C\nfrom .. import sub\n\nnames = [mod.__name__, C.__module__, sub.__name__]\n',
    },
  );
  assert.equal(r.totals.params, 30n, JSON.stringify(r.coverage.reasons));
});

test('torch.get_default_device() is the CPU until torch.set_default_device, then unknown', () => {
  const user =
    'import torch\nimport torch.nn as nn\n\nm = nn.Linear(2 + (torch.get_default_device() == torch.device("cpu")), 1)\n';
  const r = run(user, {});
  assert.equal(r.totals.params, 4n, JSON.stringify(r.coverage.reasons));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
  const moved = run(
    user.replace(
      'm = ',
      'torch.set_default_device("cuda")\nif torch.get_default_device() == torch.device("cpu"):\n    k = nn.Linear(9, 9)\nm = ',
    ),
    {},
  );
  assert.equal(moved.coverage.complete, false, JSON.stringify(moved.coverage.reasons));
});

test('json.loads of a known string (dict, list, int, None, bool, str), as CPython 3.11', () => {
  // Expected 121132 params: this file run by /usr/bin/python3 (CPython 3.11, torch 1.13; SM_HP_MP_PARAMETERS unset, as
  // the analysis's empty environment) prints `121131 121132` (transformers' is_sagemaker_mp_enabled reads it so).
  const user = [
    'import json',
    'import os',
    'import torch.nn as nn',
    '',
    'opts = json.loads(os.getenv("SM_HP_MP_PARAMETERS", "{}"))',
    'v = json.loads(\'{"a": [1, 2, {"b": null}], "c": true, "d": "xy"}\')',
    'n = ("partitions" not in opts) + len(v["a"]) * 10 + (v["a"][2]["b"] is None) * 100 + (v["c"] is True) * 1000',
    'n += len(v["d"]) * 10000 + (not opts.get("sagemaker_mpi_enabled", False)) * 100000',
    'm = nn.Linear(n, 1)',
    '',
  ].join('\n');
  const r = run(user, {});
  assert.equal(r.totals.params, 121132n, JSON.stringify(r.coverage.reasons));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});

test('json.loads of a float is unknown (JSON keeps no int/float distinction), not a wrong int', () => {
  // CPython: isinstance(v[0], float) is True (nn.Linear(3, 3)); the engine must not decide it as an int.
  const r = run(
    'import json\nimport torch.nn as nn\n\nv = json.loads("[1.0]")\nif isinstance(v[0], float):\n' +
      '    m = nn.Linear(3, 3)\nelse:\n    m = nn.Linear(2, 2)\n',
    {},
  );
  assert.equal(r.coverage.complete, false, JSON.stringify(r.coverage.reasons));
});

test('torch.Tensor(sizes) and torch.Tensor(list): an old-style parameter is counted (was a non-tensor, silently)', () => {
  // /usr/bin/python3 (torch 1.13) on the same module prints 20 params and an output of torch.Size([4, 3]).
  const user = [
    'import torch',
    'import torch.nn as nn',
    '',
    'class M(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.w = nn.Parameter(torch.Tensor(6, 3))',
    '        self.b = nn.Parameter(torch.Tensor([1, 2]))',
    '',
    '    def forward(self, x):',
    '        return x @ self.w',
    '',
    'y = M()(torch.randn(4, 6))',
    '',
  ].join('\n');
  const r = run(user, {});
  assert.equal(r.totals.params, 20n, JSON.stringify(r.coverage.reasons));
  assert.equal(r.output?.shape, '[4, 3]');
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
  // A tuple of ints may be a torch.Size (sizes) or a literal (data, as torch.Tensor((2, 3)) is): unknown, said so.
  const t = run('import torch\nt = torch.Tensor((2, 3))\ny = t + 1\n', {});
  assert.equal(t.coverage.complete, false);
});

test('`**` of a mapping the engine cannot read makes a native call unknown (was dropped: a one-key dict)', () => {
  // transformers' configuration_auto builds `OrderedDict(**{"gpt-sw3": ...}, **CONFIG_MAPPING_NAMES)`.
  const r = run(
    'from lib import names\nfrom collections import OrderedDict\nimport torch.nn as nn\n' +
      'd = OrderedDict(**{"a": 1}, **names)\nm = nn.Linear(len(d), 2)\n',
    { 'lib.py': 'from missing import names\n' },
  );
  assert.equal(r.coverage.complete, false, "the dict's length is not known");
  assert.notEqual(r.totals.params, 4n, 'not the one-key guess');
});

test('attributes set on a library function in one analysis are gone in the next (one engine)', () => {
  const engine = new core.Engine();
  const fs = new Map([['/site/lib.py', 'def helper():\n    """Doc."""\n    return 1\n']]);
  const analyze = (user) =>
    core.analyze(user, { path: '/proj/user.py', readFile: (p) => fs.get(p), importRoots: ['/site'] }, engine);
  const read =
    'import torch.nn as nn\nfrom lib import helper\nm = nn.Linear(len(helper.__doc__) + len(getattr(helper, "tag", "")), 1)\n';
  assert.equal(analyze(read).totals.params, 5n, '"Doc." has 4 characters');
  const patch = 'from lib import helper\nhelper.__doc__ = "a much longer docstring"\nhelper.tag = "xyz"\n';
  analyze(patch);
  assert.equal(analyze(read).totals.params, 5n, 'the patch of the previous analysis is undone');
});

test('importlib.import_module(".name", "pkg.sub") is relative to the package given, as CPython', () => {
  // transformers' _LazyConfigMapping: importlib.import_module(f".{module_name}", "transformers.models").
  const r = run(
    'import importlib\nimport torch.nn as nn\nm = importlib.import_module(".small", "lib.models")\nn2 = importlib.import_module("..models.small", "lib.other")\nk = nn.Linear(m.WIDTH + (m is n2), 1)\n',
    {
      'lib/__init__.py': '',
      'lib/models/__init__.py': '',
      'lib/other/__init__.py': '',
      'lib/models/small.py': 'WIDTH = 4\n',
    },
  );
  assert.equal(r.totals.params, 6n, JSON.stringify(r.coverage.reasons));
  assert.ok(r.coverage.complete, JSON.stringify(r.coverage.reasons));
});
