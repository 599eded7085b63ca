"""Fixes whose edits are in another module of the project (fixes/other_module.py): the closure a helper's factory
returns, a lambda in the table a helper returns, a lambda default of a helper's dataclass. The finding is in the
module that sends the value to a child; the lambda or nested function is lifted in the helper module, where it is
made (`Fix.others`). `mpguard check --fix` writes both files or neither (cli.writes.replace_all_checked); a code
action edits both documents in one WorkspaceEdit.

Near misses: a helper's lambda the parent only calls is silent; a helper outside the checked file's project (not
under its first root) gets no fix; a helper changed since it was analysed is not written, nor is the sending file.
Proven: the fixed two-module program runs under fork, spawn and forkserver."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.resolve.project import INDEX
from mpguard.text.findings import Applicability

SERVER = Path(__file__).resolve().parent.parent / "server"

OPS = '''"""Helpers that make callables."""
from dataclasses import dataclass
from typing import Callable


def make_scorer(weight):
    def score(x):
        return x * weight
    return score


def make_ops():
    return {"double": lambda v: v * 2, "name": "ops"}


@dataclass
class Rule:
    name: str
    check: Callable = lambda value: value > 0
'''

MAIN = '''import multiprocessing
import sys

from kit.ops import Rule, make_ops, make_scorer


def run(score, double, rule, out):
    out.put(score(10) + double(11) + int(rule.check(5)))


def main():
    out = multiprocessing.Queue()
    ops = make_ops()
    p = multiprocessing.Process(target=run, args=(make_scorer(2), ops["double"], Rule("positive"), out))
    p.start()
    total = out.get(timeout=60)
    p.join()
    print("RESULT=%d" % total)
    return 0 if total == 43 else 3


if __name__ == "__main__":
    sys.exit(main())
'''


def project(folder: Path, main: str = MAIN, ops: str = OPS) -> Path:
    (folder / "kit").mkdir(parents=True, exist_ok=True)
    (folder / "kit" / "__init__.py").write_text("")
    (folder / "kit" / "ops.py").write_text(ops)
    path = folder / "main.py"
    path.write_text(main)
    return path


def findings(path: Path) -> list:
    return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings
            if f.code in ("MP201", "MP203")]


def helper_fix(path: Path, what: str):
    found = [f for f in findings(path) if what in f.message]
    assert len(found) == 1, [f.message for f in findings(path)]
    fix = found[0].fix
    assert fix is not None and fix.edits == () and len(fix.others) == 1
    assert fix.applicability is Applicability.UNSAFE and "kit/ops.py" in fix.message
    return fix


def test_a_factorys_closure_is_lifted_in_the_helper_with_its_captured_variable(tmp_path):
    path = project(tmp_path)
    fix = helper_fix(path, "the closure 'score'")
    [other] = fix.others
    assert Path(other.path).resolve() == (tmp_path / "kit" / "ops.py").resolve() and other.text == OPS
    out = apply_edits(OPS, other.edits)
    ast.parse(out)
    assert "\ndef _score(weight, x):\n    return x * weight\n" in out
    assert "    score = functools.partial(_score, weight)\n    return score\n" in out


def test_a_lambda_in_the_table_a_helper_returns_is_named_after_its_key(tmp_path):
    path = project(tmp_path)
    [other] = helper_fix(path, "`['double']`").others
    out = apply_edits(OPS, other.edits)
    assert "\ndef _double(v):\n    return v * 2\n" in out and '{"double": _double, "name": "ops"}' in out


def test_a_lambda_default_of_a_helpers_dataclass_is_lifted_there(tmp_path):
    main = MAIN.replace("args=(make_scorer(2), ops[\"double\"], Rule", "args=(abs, abs, Rule")
    path = project(tmp_path, main)
    [other] = helper_fix(path, "Rule (from kit.ops)").others
    out = apply_edits(OPS, other.edits)
    assert "\ndef _check(value):\n    return value > 0\n" in out and "    check: Callable = _check\n" in out


def test_a_helpers_lambda_the_parent_only_calls_is_silent(tmp_path):
    main = MAIN.replace('args=(make_scorer(2), ops["double"], Rule("positive"), out)',
                        'args=(abs, abs, None, out)').replace("int(rule.check(5))", "double(0)")
    main = main.replace("    p.start()\n", "    print(ops[\"double\"](2), make_scorer(2)(1))\n    p.start()\n")
    path = project(tmp_path, main)
    assert findings(path) == []


def test_a_helper_outside_the_checked_files_project_gets_no_fix(tmp_path):
    """The script's first root is its own folder (app/): kit/ is found through the working directory only."""
    app = tmp_path / "app"
    app.mkdir()
    project(tmp_path)
    path = app / "main.py"
    path.write_text(MAIN)
    (tmp_path / "main.py").unlink()
    out = subprocess.run([sys.executable, "-m", "mpguard", "check", "--no-cache", "--output-format", "json",
                          "app/main.py"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(SERVER), "PATH": "/usr/bin:/bin"})
    import json

    items = json.loads(out.stdout)
    assert items and all(i["fix"] is None for i in items if i["code"] in ("MP201", "MP203")), out.stderr


def run_fix(folder: Path, *paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mpguard", "check", "--fix", "--unsafe-fixes", "--no-cache", *paths],
                          cwd=folder, capture_output=True, text=True, env={"PYTHONPATH": str(SERVER),
                                                                           "PATH": "/usr/bin:/bin"})


def test_without_unsafe_fixes_neither_file_is_written(tmp_path):
    path = project(tmp_path)
    out = subprocess.run([sys.executable, "-m", "mpguard", "check", "--fix", "--no-cache", "main.py"], cwd=tmp_path,
                         capture_output=True, text=True, env={"PYTHONPATH": str(SERVER), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 1
    assert path.read_text() == MAIN and (tmp_path / "kit" / "ops.py").read_text() == OPS


def test_files_are_written_all_or_none(tmp_path):
    from mpguard.cli.writes import NotWritten, replace_all_checked
    from mpguard.text.reading import digest

    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("x = 1\n")
    b.write_text("y = 2\n")
    stale = digest(b"y = 3\n")  # b changed since it was analysed
    with pytest.raises(NotWritten):
        replace_all_checked([(a, b"x = 10\n", digest(b"x = 1\n")), (b, b"y = 20\n", stale)], tmp_path)
    assert a.read_text() == "x = 1\n" and b.read_text() == "y = 2\n"
    outside = tmp_path.parent / f"{tmp_path.name}-outside.py"
    outside.write_text("z = 1\n")
    try:
        with pytest.raises(NotWritten):
            replace_all_checked([(a, b"x = 10\n", digest(b"x = 1\n")), (outside, b"z = 2\n", digest(b"z = 1\n"))],
                                tmp_path)
        assert a.read_text() == "x = 1\n" and outside.read_text() == "z = 1\n"
    finally:
        outside.unlink()
    replace_all_checked([(a, b"x = 10\n", digest(b"x = 1\n")), (b, b"y = 20\n", digest(b"y = 2\n"))], tmp_path)
    assert a.read_text() == "x = 10\n" and b.read_text() == "y = 20\n"


def test_a_code_action_edits_both_documents(tmp_path):
    from lsprotocol import types

    from mpguard.lsp import actions, convert
    from mpguard.text.source import SourceText

    path = project(tmp_path)
    fix = helper_fix(path, "the closure 'score'")
    data = {"fix": convert.fix_data(SourceText(MAIN), fix, "utf-16")}
    uri = path.resolve().as_uri()
    where = types.Range(start=types.Position(line=13, character=8), end=types.Position(line=13, character=9))
    [action] = actions.quick_fix(uri, types.Diagnostic(range=where, message="MP201", code="MP201"), data)
    [(helper, edits)] = action.edit.changes.items()
    assert helper == (tmp_path / "kit" / "ops.py").resolve().as_uri() and len(edits) == len(fix.others[0].edits)
    assert not action.is_preferred


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_fixed_two_module_program_runs_clean(tmp_path, method):
    path = project(tmp_path)
    before = run_program(path, method, cwd=tmp_path)
    if method != "fork":
        assert before.returncode != 0 and "Can't" in before.stderr, before.stderr
    out = run_fix(tmp_path, "main.py")
    assert "fixed 3 finding(s)" in out.stderr, out.stderr
    assert path.read_text() == MAIN  # the three fixes are all in kit/ops.py
    helper = (tmp_path / "kit" / "ops.py").read_text()
    assert "lambda" not in helper and "def score" not in helper.replace("def _score", "")
    after = run_program(path, method, cwd=tmp_path)
    assert after.returncode == 0 and "RESULT=43" in after.stdout, after.stderr


COUNTING = '''from collections import defaultdict


class Counter:
    def __init__(self):
        self.items = []
        self.index = defaultdict(lambda: len(self.items))

    def add(self, item):
        if item not in self.index:
            self.index[item]
            self.items.append(item)
        return self.index[item]


class WordCounter(Counter):
    def feed(self, text):
        return [self.add(w) for w in text.split()]


def make_counter():
    return WordCounter()
'''

COUNT_MAIN = '''import multiprocessing

from kit.counting import make_counter


def work(counter, out):
    out.put(counter.feed("a b a c"))


if __name__ == "__main__":
    out = multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(make_counter(), out))
    p.start()
    print(out.get(timeout=60))
    p.join()
'''


def test_a_lambda_a_helpers_base_class_keeps_is_lifted_with_its_object(tmp_path):
    """The defaultdict's factory, stored by the base class of the object a helper's function returns: named through
    the helper's summary (`ModuleSummary.origins`), lifted there with `self` bound by functools.partial."""
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "counting.py").write_text(COUNTING)
    path = tmp_path / "main.py"
    path.write_text(COUNT_MAIN)
    [finding] = findings(path)
    assert "whose .index is a lambda" in finding.message and finding.fix is not None
    [other] = finding.fix.others
    out = apply_edits(COUNTING, other.edits)
    assert "\ndef _task(self):\n    return len(self.items)\n" in out
    assert "self.index = defaultdict(functools.partial(_task, self))" in out and "\nimport functools\n" in out
    (tmp_path / "kit" / "counting.py").write_text(out)
    INDEX.new_epoch()  # (as the next run would: the helper changed)
    assert findings(path) == []


def test_a_helper_class_that_pickles_its_own_way_is_left_alone(tmp_path):
    counting = COUNTING.replace("    def add(self, item):", "    def __getstate__(self):\n"
                                "        return {\"items\": self.items}\n\n"
                                "    def __setstate__(self, state):\n"
                                "        self.__init__()\n"
                                "        for item in state[\"items\"]:\n"
                                "            self.add(item)\n\n"
                                "    def add(self, item):")
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "counting.py").write_text(counting)
    path = tmp_path / "main.py"
    path.write_text(COUNT_MAIN)
    assert findings(path) == []


SOLVER = '''import multiprocessing


def solve(n):
    multiprocessing.set_start_method("spawn")
    with multiprocessing.Pool(1) as pool:
        return sum(pool.map(abs, range(-n, 0)))
'''

RETRY_MAIN = '''import sys

from kit.solver import solve

if __name__ == "__main__":
    total = 0
    for attempt in range(2):
        total += solve(3)
    print("RESULT=%d" % total)
    sys.exit(0 if total == 12 else 3)
'''


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_helper_that_sets_the_start_method_on_each_call_gets_force(tmp_path, method):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "solver.py").write_text(SOLVER)
    path = tmp_path / "main.py"
    path.write_text(RETRY_MAIN)
    [finding] = [f for f in analyze_path(path, Settings(), project_root=tmp_path).findings if f.code == "MP401"]
    [other] = finding.fix.others
    assert apply_edits(SOLVER, other.edits) == SOLVER.replace('method("spawn")', 'method("spawn", force=True)')
    before = run_program(path, method, cwd=tmp_path)
    assert before.returncode != 0 and "context has already been set" in before.stderr, before.stderr
    out = run_fix(tmp_path, "main.py")
    assert "fixed 1 finding(s)" in out.stderr and path.read_text() == RETRY_MAIN, out.stderr
    after = run_program(path, method, cwd=tmp_path)
    assert after.returncode == 0 and "RESULT=12" in after.stdout, after.stderr


def test_diff_shows_the_helpers_change_and_writes_nothing(tmp_path):
    path = project(tmp_path)
    out = subprocess.run([sys.executable, "-m", "mpguard", "check", "--diff", "--unsafe-fixes", "--no-cache", "main.py"],
                         cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(SERVER), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 1 and "+++ b/kit/ops.py" in out.stdout and "+def _score(weight, x):" in out.stdout
    assert path.read_text() == MAIN and (tmp_path / "kit" / "ops.py").read_text() == OPS


TOOLS = '''import time

halve = lambda v: v / 2


def timed(fn):
    def inner(*args):
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            time.perf_counter() - start
    return inner


def make_adder(n):
    def add(x):
        return x + n
    return add
'''

TASKS = '''from multiprocessing import Pool

from kit import tools
from kit.tools import halve, make_adder, timed


@timed
def cube(x):
    return x ** 3


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map({task}, [1, 2]))
'''


@pytest.mark.parametrize("task, expected", [
    ("halve", "def halve(v):\n    return v / 2\n"),
    ("cube", "    @functools.wraps(fn)\n    def inner(*args):\n"),
    ("make_adder(1)", "def _add(n, x):\n    return x + n\n"),
    ("tools.make_adder(2)", "    add = functools.partial(_add, n)\n    return add\n"),
])
def test_a_pool_task_a_helper_made_gets_its_fix_there(tmp_path, task, expected):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "tools.py").write_text(TOOLS)
    path = tmp_path / "main.py"
    path.write_text(TASKS.replace("{task}", task))
    [finding] = findings(path)
    assert finding.code == "MP201" and finding.fix is not None and not finding.fix.edits
    [other] = finding.fix.others
    out = apply_edits(TOOLS, other.edits)
    ast.parse(out)
    assert expected in out
    (tmp_path / "kit" / "tools.py").write_text(out)
    INDEX.new_epoch()
    assert findings(path) == []


def test_a_helper_decorator_with_wraps_is_silent(tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "tools.py").write_text(TOOLS.replace("    def inner(*args):", "    @functools.wraps(fn)\n"
                                                             "    def inner(*args):").replace(
        "import time\n", "import functools\nimport time\n"))
    path = tmp_path / "main.py"
    path.write_text(TASKS.replace("{task}", "cube"))
    assert findings(path) == []


def test_a_subclass_of_a_base_that_pickles_its_own_way_is_silent():
    from helpers import found

    src = '''
import multiprocessing
from collections import defaultdict


class Base:
    def __init__(self):
        self.items = []
        self.index = defaultdict(lambda: len(self.items))

    def __getstate__(self):
        return {"items": self.items}

    def __setstate__(self, state):
        self.__init__()
        self.items = state["items"]


class Child(Base):
    pass


def work(obj):
    print(len(obj.items))


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, args=(Child(),))
    p.start()
    p.join()
'''
    assert found(src, "MP203") == [] and found(src, "MP201") == []
    assert found(src.replace("class Child(Base):\n    pass", "class Child:\n    def __init__(self):\n"
                             "        self.items = []\n        self.index = defaultdict(lambda: 0)"), "MP203")


RUNNERS = '''from concurrent.futures import ProcessPoolExecutor

_handler = None


def _start(handler_class):
    global _handler
    _handler = handler_class()


def _call(item):
    return _handler.handle(item)


class HandlerPool:
    def __init__(self, handler_class, size=1):
        self._executor = ProcessPoolExecutor(max_workers=size, initializer=_start, initargs=(handler_class,))

    def submit(self, item):
        return self._executor.submit(_call, item)
'''

HANDLERS = '''from kit.runners import HandlerPool


class LookupFailed(Exception):
    def __init__(self, key):
        super().__init__(key)
        self.render = lambda: f"no {key}"


class Handler:
    def handle(self, key):
        if key != "ok":
            raise LookupFailed(key)
        return key


if __name__ == "__main__":
    pool = HandlerPool(Handler)
    try:
        pool.submit("missing").result()
    except LookupFailed as err:
        print(err.render())
'''


def test_a_lambda_kept_by_an_exception_a_worker_method_raises_is_lifted(tmp_path):
    """MP208 at the raise in a method another module's pool runs (processpool #5's shape): the exception keeps a
    lambda in a field; the lambda-field fix names it (here, in the same module: no cross-module edit)."""
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "runners.py").write_text(RUNNERS)
    path = tmp_path / "main.py"
    path.write_text(HANDLERS)
    [finding] = [f for f in analyze_path(path, Settings(), project_root=tmp_path).findings if f.code == "MP208"]
    assert finding.fix is not None and not finding.fix.others
    out = apply_edits(HANDLERS, finding.fix.edits)
    assert "\ndef _render(key):\n    return f\"no {key}\"\n" in out
    assert "self.render = functools.partial(_render, key)" in out
