"""Work that must grow linearly with the code, counted rather than timed (these machines are noisy).

Each case was quadratic once: a function calling itself a thousand times took seconds to walk, and a
file calling set_start_method hundreds of times took seconds to check."""
from __future__ import annotations

import mpguard.semantic.walker as walker_module
from mpguard.linter.analyze import analyze
from mpguard.rules.context import RuleContext


def counting(monkeypatch, owner, name: str) -> list:
    calls = []
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_function_that_calls_itself_is_scanned_for_yield_once(monkeypatch):
    # A call to a function not walked yet asks whether it is a generator; the answer is kept.
    scans = counting(monkeypatch, walker_module, "_yields")
    source = "import multiprocessing\n\ndef step(n):\n" + "    step(n - 1)\n" * 300 + "    return n\n"
    result = analyze(source, "m.py", fixes=False)
    assert result.parsed
    assert len(scans) == 1


def test_repeated_set_start_method_compares_each_call_with_the_first_before_it(monkeypatch):
    compared = counting(monkeypatch, RuleContext, "exclusive")
    source = "import multiprocessing as mp\n\ndef main():\n" + "    mp.set_start_method('spawn')\n" * 200
    findings = analyze(source, "m.py", fixes=False).findings
    assert sum(f.code == "MP401" for f in findings) == 199  # every call after the first raises
    assert len(compared) < 2 * 200


def _layered_objects(depth: int) -> str:
    """Each class keeps an object of the class below it in two attributes, each either of two
    constructions: judged naively, an object at the top stands for 4**depth paths to the bottom (all
    of them fine, so every path is walked)."""
    lines = ["import multiprocessing", "", "class L0:", "    def __init__(self):", "        self.f = 0", ""]
    for level in range(1, depth + 1):
        lines += [f"class L{level}:", "    def __init__(self, inner=None, other=None):",
                  f"        self.a = inner or L{level - 1}()", f"        self.b = other or L{level - 1}()",
                  "    def run(self):", "        pass", ""]
    lines += ["if __name__ == '__main__':", f"    p = multiprocessing.Process(target=L{depth}().run)", "    p.start()"]
    return "\n".join(lines) + "\n"


def test_objects_holding_objects_are_judged_once_each(monkeypatch):
    # ipyparallel (the package sweep) took minutes: a union of instances whose attributes held unions
    # of instances was judged again along every path.
    from mpguard.semantic.pickling import Pickler

    judged = counting(monkeypatch, Pickler, "_object_problem")
    for depth in (5, 10, 20):
        judged.clear()
        findings = analyze(_layered_objects(depth), "m.py", fixes=False).findings
        assert findings == []
        assert len(judged) <= 8 * depth  # linear in the classes, not 4 ** depth


# ---- issue 19: linear everywhere ----------------------------------------------------------------
# The reproducers (benchmarks/shapes.py) and a sweep of statement patterns x rules, each at three
# sizes. Work is counted two ways: Python function calls (generator steps included, so a scan such as
# `next(i for i, s in enumerate(body) if s is stmt)` counts its steps) and characters handed to the parser
# (a fix validated by re-parsing its whole block shows there). Linear growth: the work added from 2n to 4n
# is about twice the work added from n to 2n; quadratic growth makes it four times.
import ast  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from mpguard.fixes.apply import fix_all  # noqa: E402
from mpguard.linter.lazy_fixes import settle  # noqa: E402
from mpguard.linter.settings import Settings  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import shapes  # noqa: E402

LINEAR = 2.6  # between linear (2) and quadratic (4), with room for the odd cache that fills up


def work(monkeypatch, run) -> tuple[int, int]:
    """(Python calls, characters parsed) while `run()` runs."""
    parsed = [0]
    original = ast.parse

    def counted_parse(source, *args, **kwargs):
        parsed[0] += len(source)
        return original(source, *args, **kwargs)

    calls = [0]

    def profile(frame, event, arg):
        if event == "call":
            calls[0] += 1

    with monkeypatch.context() as patch:
        patch.setattr(ast, "parse", counted_parse)
        sys.setprofile(profile)
        try:
            run()
        finally:
            sys.setprofile(None)
    return calls[0], parsed[0]


def assert_linear(monkeypatch, make, sizes, run) -> None:
    run(make(sizes[0]))  # warm-up: imports and module-level caches are not the file's work
    counts = [work(monkeypatch, lambda n=n: run(make(n))) for n in sizes]
    for kind, (a, b, c) in zip(("calls", "characters parsed"), zip(*counts)):
        assert c - b <= LINEAR * max(b - a, 1) + 1000, (kind, sizes, (a, b, c))


def check_with_fixes(source: str):
    return analyze(source, "m.py", fixes=True)


def check_without_fixes(source: str):
    return analyze(source, "m.py", fixes=False)


def check_json(source: str):  # what `mpguard check --output-format json` runs
    return settle(analyze(source, "m.py", fixes="lazy").findings, "all", source)


def check_text(source: str):  # what plain `mpguard check` runs
    return settle(analyze(source, "m.py", fixes="lazy").findings, "marks", source)


def fix_everything(source: str):  # what `mpguard check --fix` runs
    return fix_all(source, lambda text: analyze(text, "m.py").findings)


RUNS = {"with fixes": check_with_fixes, "without fixes": check_without_fixes, "json": check_json,
        "text": check_text}


@pytest.mark.parametrize("run", sorted(RUNS))
def test_a_main_block_of_lambdas_is_checked_in_linear_work(monkeypatch, run):
    # 1,003 lines took 20 s, 2,003 lines 92 s: each fix re-parsed the whole block
    assert_linear(monkeypatch, shapes.lambdas, (60, 120, 240), RUNS[run])


def test_a_main_block_of_lambdas_is_fixed_in_linear_work(monkeypatch):
    assert_linear(monkeypatch, shapes.lambdas, (60, 120, 240), fix_everything)


@pytest.mark.parametrize("run", sorted(RUNS))
def test_assignments_after_an_unguarded_pool_are_checked_in_linear_work(monkeypatch, run):
    # 80,000 lines took 87 s, 200,000 did not finish in 300 s: the MP101 fix tested list membership
    assert_linear(monkeypatch, shapes.assignments, (400, 800, 1600), RUNS[run])


@pytest.mark.parametrize("run", ["with fixes", "without fixes"])
def test_globals_changed_by_a_child_are_checked_in_linear_work(monkeypatch, run):
    # 24,000 lines took 15 s even without fixes: the global-state rule scanned the module per global
    assert_linear(monkeypatch, shapes.globals_, (60, 120, 240), RUNS[run])


def test_the_plain_check_builds_no_fix_past_the_marks_and_sarif_none(monkeypatch):
    import mpguard.fixes.apply as fixer

    built = counting(monkeypatch, fixer, "validated")
    findings = analyze(shapes.lambdas(600), "m.py", fixes="lazy").findings
    assert len(findings) == 599 and not built
    text, skipped = settle(findings, "marks", shapes.lambdas(600))  # more than MARKED findings: no marks
    assert not built and skipped == 599 and all(f.fix is None for f in text)
    text, skipped = settle(analyze(shapes.lambdas(60), "m.py", fixes="lazy").findings, "marks", shapes.lambdas(60))
    assert len(built) == 59 and skipped == 0 and all(f.fix is not None for f in text)
    built.clear()
    none, skipped = settle(analyze(shapes.lambdas(400), "m.py", fixes="lazy").findings, "none", shapes.lambdas(400))
    assert not built and skipped == 0 and all(f.fix is None and f.lazy_fix is None for f in none)
    big = shapes.assignments(10_000)  # past MARKED_ROWS: MP101's fix alone would cost more than the analysis
    marked, skipped = settle(analyze(big, "m.py", fixes="lazy").findings, "marks", big)
    assert not built and skipped == 1 and marked[0].code == "MP101" and marked[0].fix is None


# Statement patterns, each repeated n times where it sits (the module's top level, the main guard, a
# function the guard calls), with what a child needs defined above. Together they reach every rule family.
PRELUDE = '''import multiprocessing
import threading
import os
import random


def work(x=0):
    return x


def produce(q):
    q.put("x" * 1_000_000)


def draw(q):
    q.put(random.random())


def read_config():
    print(CONFIG)


class JobError(Exception):
    def __init__(self, job, reason):
        super().__init__(f"job {job}: {reason}")


def fail(x):
    raise JobError(x, "failed")


CONFIG = {}
COUNTS = []
'''
# every module ends by starting a process in the parent, which makes import-time side effects hazards
EPILOGUE = 'if __name__ == "__main__":\n    multiprocessing.Process(target=work).start()\n'

PATTERNS = {
    "lambda task": "pool{i} = multiprocessing.Pool(2)\npool{i}.map(lambda x: x + {i}, range(3))\n",
    "unguarded process": "p{i} = multiprocessing.Process(target=work, args=({i},))\np{i}.start()\n",
    "side effect": "with open('log{i}.txt', 'a') as fh{i}:\n    fh{i}.write('started')\nos.environ['V{i}'] = '1'\n",
    "lock argument": "l{i} = threading.Lock()\nmultiprocessing.Process(target=work, args=(l{i},)).start()\n",
    "open file argument": "f{i} = open('x{i}')\nmultiprocessing.Process(target=work, args=(f{i},)).start()\n",
    "join before drain": ("q{i} = multiprocessing.Queue()\nr{i} = multiprocessing.Process(target=produce, "
                          "args=(q{i},))\nr{i}.start()\nr{i}.join()\nprint(q{i}.get())\n"),
    "start method": "multiprocessing.set_start_method('spawn')\n",
    "parent state": ("CONFIG['k{i}'] = {i}\nc{i} = multiprocessing.Process(target=read_config)\nc{i}.start()\n"),
    "closure task": ("def make{i}(k):\n    def scale(x):\n        return x * k\n    return scale\n"
                     "multiprocessing.Pool().map(make{i}({i}), range(3))\n"),
    "random seed": ("random.seed({i})\nsq{i} = multiprocessing.SimpleQueue()\n"
                    "d{i} = multiprocessing.Process(target=draw, args=(sq{i},))\nd{i}.start()\n"),
    "exception task": "pool{i} = multiprocessing.Pool(2)\npool{i}.map(fail, range(2))\n",
    "list sent again": ("c{i} = multiprocessing.Process(target=work, args=(COUNTS,))\nc{i}.start()\n"
                        "COUNTS.append({i})\n"),
}


def _indented(text: str, prefix: str) -> str:
    return "".join(prefix + line if line.strip() else line for line in text.splitlines(True))


def _placed(pattern: str, where: str, n: int) -> str:
    body = "".join(PATTERNS[pattern].format(i=i) for i in range(n))
    if where == "top level":
        return PRELUDE + body + EPILOGUE
    if where == "main guard":
        return PRELUDE + EPILOGUE + _indented(body, "    ")
    return PRELUDE + "def main():\n" + _indented(body, "    ") + "\n\n" + EPILOGUE + "    main()\n"


WHERE = ("top level", "main guard", "function")
# At the top level every pattern that starts a process is also an MP101, whose fix moves the rest of the
# module under the guard: k such findings carry k fixes of O(n) text each, so that output is quadratic by
# nature (JSON bounds it with a budget, see below); the sweep measures the other rules there.
NO_MP101 = Settings(ignore=("MP101",))


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_every_statement_pattern_reaches_a_rule(pattern):
    codes = {f.code for where in WHERE for f in analyze(_placed(pattern, where, 3), "m.py").findings}
    assert codes, "a pattern that reaches no rule guards nothing"


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("pattern", sorted(set(PATTERNS) - {"list sent again"}))
def test_every_statement_pattern_is_checked_in_linear_work(monkeypatch, pattern, where):
    # with fixes: the findings and every fix (if the sum is linear, so is each part)
    settings = NO_MP101 if where == "top level" else Settings()
    assert_linear(monkeypatch, lambda n: _placed(pattern, where, n), (12, 24, 48),
                  lambda source: analyze(source, "m.py", settings, fixes=True))


def test_a_list_appended_to_and_sent_again_and_again_is_checked_in_linear_work(monkeypatch):
    # each Process(args=(COUNTS,)) keeps the one abstract list COUNTS (semantic/calls.py::_items no longer
    # copies its items), so the pickler judges it once, however often it is sent
    assert_linear(monkeypatch, lambda n: _placed("list sent again", "main guard", n), (40, 80, 160),
                  check_without_fixes)


def test_json_fixes_that_each_span_the_rest_of_the_module_stay_within_a_budget(monkeypatch):
    # k pools at import time: k MP101 fixes of O(n) text each. JSON builds them until the file's fixes hold
    # BUDGET_PER_SOURCE_CHAR times its size, then shows the rest without a fix (and says so).
    import mpguard.linter.lazy_fixes as lazy

    monkeypatch.setattr(lazy, "BUDGET_MIN_CHARS", 0)

    def make(n):
        return "".join(f"p{i} = multiprocessing.Pool()\nv{i} = p{i}.map(abs, [1])\n" for i in range(n))

    def run(source):
        return settle(analyze("import multiprocessing\n" + source, "m.py", fixes="lazy").findings, "all", source)

    assert_linear(monkeypatch, make, (60, 120, 240), run)
    findings, skipped = run(make(240))
    assert skipped and sum(f.fix is not None for f in findings) < 240


def test_a_class_is_walked_once_for_the_containers_its_methods_store(monkeypatch):
    # `obj.<name>` read before the methods are walked asks which container the class stores in
    # self.<name>: one walk of the class answers for every name (it was one walk per name: the stdlib's
    # large classes made it half of `mpguard check`'s time).
    import ast

    from mpguard.semantic import expressions

    walks = counting(monkeypatch, ast, "walk")
    names = [f"items{i}" for i in range(150)]
    methods = "".join(f"    def m{i}(self):\n        self.{name} = []\n" for i, name in enumerate(names))
    reads = "".join(f"    box.{name}.append(1)\n" for name in names)
    source = ("import multiprocessing\n\nclass Box:\n" + methods + "\n\ndef work(x):\n    return x\n\n"
              "if __name__ == '__main__':\n    box = Box()\n" + reads
              + "    with multiprocessing.Pool(2) as pool:\n        pool.map(work, box.items0)\n")
    stores = counting(monkeypatch, expressions, "_walk_self_stores")  # (`_self_stores` keeps its answer on the class)
    result = analyze(source, "m.py", fixes=False)
    assert result.parsed
    assert len(stores) == 1
    method_walks = [args for args in walks if isinstance(args[0], ast.FunctionDef) and args[0].name.startswith("m")]
    assert len(method_walks) <= len(names)  # each method once, not once per name read


def test_a_class_s_stores_in_self_are_found_once_and_kept_on_its_node():
    """`expressions._self_stores`: every walk that reaches a class (one of another module's, from each
    file that uses it) read its methods again; the answer is kept on the class's node, read only."""
    from mpguard.semantic import expressions

    tree = ast.parse("class Box:\n    def __init__(self):\n        self.items = []\n        self.n: int = 0\n"
                     "    def add(self, x):\n        self.items += [x]\n")
    box = tree.body[0]
    first = expressions._self_stores(box)
    assert sorted(first) == ["items", "n"] and len(first["items"]) == 2
    assert expressions._self_stores(box) is first
    assert expressions._walk_self_stores(box) == first


def test_a_method_that_calls_itself_on_what_it_is_given_ends(monkeypatch):
    # weakref.py's WeakKeyDictionary.update ends with `self.update(kwargs)`: each kept call on `self` made at a
    # call site was a new call site of `update`, so the replay of kept calls never ended (minutes on the stdlib).
    from mpguard.semantic import param_calls

    made = counting(monkeypatch, param_calls, "_call_at_site")
    source = ("import multiprocessing\n\nclass Table:\n    def __init__(self, other=None):\n        self.data = {}\n"
              "        self.update(other)\n\n    def update(self, other=None, **kwargs):\n"
              "        self.data.update(other or {})\n        if kwargs:\n            self.update(kwargs)\n\n"
              "t = Table({1: 2})\nt.update({3: 4})\n")
    assert analyze(source, "m.py", fixes=False).parsed
    assert len(made) < 50
