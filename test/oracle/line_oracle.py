"""Per-line ground truth for fixtures: runs a fixture under real PyTorch, records what each line makes.

    /usr/bin/python3 test/oracle/line_oracle.py FILE             JSON: every statement executed
    /usr/bin/python3 test/oracle/line_oracle.py --annotate FILE  rewrite '# expect' comments
    /usr/bin/python3 test/oracle/line_oracle.py --check FILE     verify '# expect' comments

Normal fixtures run as `__main__` (package fixtures via their dotted name, so relative imports
work) under sys.settrace plus the MAC dispatch mode of oracle_lib, with grad enabled. For each
statement execution it records the value bound by the statement (the assignment target, or the
returned value), the MACs of every matmul-class aten op run while the statement executed
(inclusive of calls), and the parameters of a module/Parameter it binds.
Files with '# expect-error:' comments run statement by statement instead; each top-level
statement that raises is attributed to the deepest frame in the fixture, and the message kept.
Comment grammar: see test/oracle/README.md.
"""

import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of test/

import argparse  # noqa: E402
import ast  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import runpy  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402

import torch  # noqa: E402

import oracle_lib as lib  # noqa: E402

EXPECT = re.compile(r"#\s*expect(?:-(error|warning))?\b\s*:?(.*)$")
_SIMPLE = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.Expr)


# ---- statements of a file ---------------------------------------------------------------
class FileInfo:
    """Maps each line to the innermost statement that spans it."""

    def __init__(self, path):
        self.path = path
        self.lines = open(path).read().split("\n")
        self.stmt_at = {}
        tree = ast.parse("\n".join(self.lines), path)
        stmts = [n for n in ast.walk(tree) if isinstance(n, ast.stmt)]
        for st in sorted(stmts, key=lambda n: n.end_lineno - n.lineno, reverse=True):
            for ln in range(st.lineno, st.end_lineno + 1):
                self.stmt_at[ln] = st  # smaller spans overwrite larger ones

    def expectations(self):
        """{statement start line: (comment line, kind, text)} for '# expect[-error|-warning]'."""
        out = {}
        for i, text in enumerate(self.lines, 1):
            m = EXPECT.search(text)
            if m and "#" in text and not text.lstrip().startswith("#"):
                st = self.stmt_at.get(i)
                if st is not None:
                    out[st.lineno] = (i, m.group(1) or "", m.group(2).strip())
        return out


# ---- rendering values -------------------------------------------------------------------
def render(v):
    if isinstance(v, torch.Tensor):
        return "[" + ", ".join(str(d) for d in v.shape) + "]"
    if isinstance(v, (tuple, list)) and not isinstance(v, torch.Size):
        inner = [render(x) for x in v]
        if all(i is not None for i in inner):
            return "(" + ", ".join(inner) + ("," if len(inner) == 1 else "") + ")"
    return None


def first_dtype(v):
    t = lib.first_tensor(v)
    return None if t is None else str(t.dtype).replace("torch.", "")


def params_of(v):
    if isinstance(v, torch.nn.Parameter):
        return v.numel()
    if isinstance(v, torch.nn.Module):
        return sum(p.numel() for p in v.parameters())
    return 0


def describe(value, macs):
    """Canonical expectation text: '<shape> dtype=.. macs=.. params=..' (zero fields omitted)."""
    parts = []
    shape = render(value)
    if shape is not None:
        parts.append(shape)
        dt = first_dtype(value)
        if dt and dt != "float32":
            parts.append(f"dtype={dt}")
    if macs:
        parts.append(f"macs={macs}")
    p = params_of(value)
    if p:
        parts.append(f"params={p}")
    return " ".join(parts)


# ---- tracing ----------------------------------------------------------------------------
class LineTracer:
    def __init__(self, root):
        self.root = os.path.abspath(root) + os.sep
        self.files = {}
        self.counter = lib.MacCounter()
        self.frames = {}
        self.records = {}  # (path, stmt line) -> list of descriptions

    def info(self, path):
        if path not in self.files:
            self.files[path] = FileInfo(path)
        return self.files[path]

    def global_trace(self, frame, event, arg):
        code = frame.f_code
        if code.co_name.startswith("<") and code.co_name != "<module>":
            return None  # comprehension/lambda frames: their work counts for the enclosing line
        if event == "call" and os.path.abspath(code.co_filename).startswith(self.root):
            return self.local_trace
        return None

    def local_trace(self, frame, event, arg):
        key = id(frame)
        path = os.path.abspath(frame.f_code.co_filename)
        if event == "line":
            st = self.info(path).stmt_at.get(frame.f_lineno)
            cur = self.frames.get(key)
            if cur is not None and cur[0] is st and isinstance(st, _SIMPLE):
                return self.local_trace  # another line of the same multi-line statement
            if cur is not None:
                self.finish(frame, path, cur, None)
            self.frames[key] = (st, self.counter.total)
        elif event == "return":
            cur = self.frames.pop(key, None)
            if cur is not None:
                self.finish(frame, path, cur, arg)
        return self.local_trace

    def finish(self, frame, path, cur, retval):
        st, macs0 = cur
        if st is None:
            return
        if isinstance(st, ast.Return):
            value = retval
        elif isinstance(st, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            target = st.targets[0] if isinstance(st, ast.Assign) else st.target
            value = self.eval_target(target, frame)
        else:
            value = None
        desc = describe(value, self.counter.total - macs0)
        self.records.setdefault((path, st.lineno), []).append(desc)

    def eval_target(self, target, frame):
        if isinstance(target, (ast.Tuple, ast.List)):
            return tuple(self.eval_target(t, frame) for t in target.elts)
        if isinstance(target, ast.Starred):
            target = target.value
        try:
            return eval(ast.unparse(target), frame.f_globals, frame.f_locals)  # noqa: S307
        except Exception:
            return None

    def run(self, path):
        root, modname = lib.module_spec(path)
        sys.path.insert(0, root)
        torch.manual_seed(0)
        sys.settrace(self.global_trace)
        try:  # the fixture's own prints go to stderr: stdout carries the oracle's report
            with torch.enable_grad(), self.counter, contextlib.redirect_stdout(sys.stderr):
                if "." in modname:
                    # the package's __init__ may import the module first: harmless here
                    warnings.filterwarnings("ignore", category=RuntimeWarning, module="runpy")
                    runpy.run_module(modname, run_name="__main__", alter_sys=True)
                else:
                    runpy.run_path(path, run_name="__main__")
        finally:
            sys.settrace(None)


# ---- error fixtures ---------------------------------------------------------------------
def run_errors(path):
    """Executes top-level statements one by one; returns {(path, stmt line): [message]}."""
    root, _ = lib.module_spec(path)
    sys.path.insert(0, root)
    info = FileInfo(path)
    tree = ast.parse("\n".join(info.lines), path)
    env = {"__name__": "__main__", "__file__": path}
    records = {}
    torch.manual_seed(0)
    for st in tree.body:
        code = compile(ast.Module(body=[st], type_ignores=[]), path, "exec")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                exec(code, env)  # noqa: S102 - a fixture we wrote
            except Exception as e:  # noqa: BLE001 - the point is to record it
                frames = [f for f in traceback.extract_tb(e.__traceback__)
                          if os.path.abspath(f.filename) == path]
                line = info.stmt_at[frames[-1].lineno].lineno if frames else st.lineno
                records.setdefault((path, line), []).append("error: " + _first_line(e))
        for w in caught:
            same = os.path.abspath(w.filename) == path and w.lineno in info.stmt_at
            line = info.stmt_at[w.lineno].lineno if same else st.lineno
            records.setdefault((path, line), []).append("warning: " + _first_line(w.message))
    return records, info


def _first_line(e):
    return str(e).strip().split("\n")[0]


# ---- modes ------------------------------------------------------------------------------
def collect(path):
    path = os.path.abspath(path)
    text = open(path).read()
    if "# expect-error" in text or "# expect-warning" in text:
        records, info = run_errors(path)
        return records, {path: info}
    root, _ = lib.module_spec(path)
    tracer = LineTracer(root)
    tracer.run(path)
    return tracer.records, tracer.files


def matches(expected, kind, actual):
    if kind:
        prefix = kind + ": "
        return actual.startswith(prefix) and expected and expected in actual[len(prefix):]
    if actual.startswith(("error: ", "warning: ")):
        return False
    have = _tokens(actual)
    return all(tok in have for tok in _tokens(expected))


def _tokens(text):
    """Split '([4, 8], [4, 8]) macs=12' into the shape and key=value tokens."""
    m = re.match(r"^(\(.*\)|\[.*?\])?\s*(.*)$", text)
    shape, rest = m.group(1), m.group(2)
    toks = [shape] if shape else []
    return toks + rest.split()


def check_or_annotate(path, annotate):
    records, files = collect(path)
    problems, changed = [], {}
    for fpath, info in files.items():
        for line, (cline, kind, text) in info.expectations().items():
            got = records.get((fpath, line))
            where = f"{os.path.relpath(fpath)}:{cline}"
            if not got:
                problems.append(f"{where}: statement never ran (or never raised)")
                continue
            distinct = sorted(set(got))
            if len(distinct) > 1:
                problems.append(f"{where}: differs between its {len(got)} executions: {distinct}")
                continue
            actual = distinct[0]
            if annotate:
                m = re.match(r"^(error|warning): (.*)$", actual)
                new = f"# expect-{m.group(1)}: {m.group(2)}" if m else ("# expect: " + actual).rstrip()
                src = info.lines[cline - 1]
                info.lines[cline - 1] = src[: EXPECT.search(src).start()] + new
                changed[fpath] = info
            elif not text:
                problems.append(f"{where}: empty expectation (fill it with --annotate)")
            elif not matches(text, kind, actual):
                problems.append(f"{where}: expected '{text}', PyTorch gives '{actual}'")
    for (fpath, line), got in records.items():
        marked = files[fpath].expectations() if fpath in files else {}
        for actual in set(got):
            if actual.startswith(("error: ", "warning: ")) and line not in marked:
                problems.append(f"{os.path.relpath(fpath)}:{line}: unmarked {actual}")
    for fpath, info in changed.items():
        with open(fpath, "w") as f:
            f.write("\n".join(info.lines))
    n = sum(len(i.expectations()) for i in files.values())
    status = "annotated" if annotate else ("ok" if not problems else "FAIL")
    print(f"{status:9} {os.path.relpath(path)}: {n} expectation(s)")
    for p in problems:
        print("          " + p)
    return not problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--annotate", action="store_true")
    args = ap.parse_args()
    if args.check or args.annotate:
        ok = check_or_annotate(args.file, args.annotate)
        sys.exit(0 if ok else 1)
    records, _ = collect(args.file)
    out = [{"file": os.path.relpath(p), "line": ln, "values": sorted(set(v)), "executions": len(v)}
           for (p, ln), v in sorted(records.items()) if any(v)]
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
