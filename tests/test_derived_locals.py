"""A test of a local computed once from parameters is a parameter condition (semantic/derived_locals).

ruffus 3.0.0 (ruffus/test/manual_test_ctrl_c_exceptions_drmaa.py 84, docs/sweep.md): `pipeline_run(pool_manager=
"gevent", multiprocess=5)`, where `pipeline_run` binds `parallelism = max(multiprocess, multithread)` (after `if
multiprocess is None: multiprocess = 0`) and makes a `multiprocessing.Manager()` under `if parallelism > 1: if
pool_manager == "multiprocessing":` and in the `else:` of the first test. The condition model read only tests of
parameters: `parallelism > 1` constrained nothing, so the `else:` manager counted as made for every call. Now such
a local (bound exactly once, at the function's top, from parameters and numbers through max, min, abs, + - *) is
known for a call when the parameters it reads are: parallelism 5 with "gevent" makes no manager."""
from __future__ import annotations

import ast
import textwrap

import pytest
from helpers import assert_outcome, codes, run_program

from mpguard.semantic.derived_locals import derived_locals
from mpguard.semantic.param_guards import guards, reached
from test_semantic_crossmodule import findings, project

# --- the model on source strings -----------------------------------------------------------------------------------


def _function(src: str):
    tree = ast.parse(textwrap.dedent(src))
    return tree, tree.body[0]


def _derived(src: str) -> set:
    return set(derived_locals(_function(src)[1]))


def test_locals_computed_from_parameters():
    assert _derived("""
        def f(a, b=0, *, c=None):
            if c is None:
                c = 2
            n = max(a, b)
            m = a * 2 - abs(b)
            k = min(n, 3)
            j = -c + 1
            return n, m, k, j
    """) == {"n", "m", "j"}  # (k reads a local, not a parameter)


@pytest.mark.parametrize("body", [
    "n = max(a, b)\nn = 1",             # bound twice
    "n = max(a, b)\nn += 1",            # and changed
    "if a:\n    n = max(a, b)",         # not at the top
    "n = max(a, b)\nfor n in a: pass",  # a loop target too
    "a = a or 0\nn = max(a, b)",        # a parameter rebound another way
    "n = max(a, b)\nif a is None:\n    a = 0",  # its None default comes after
    "n = max(a, len(b))",               # a call the model does not compute
    "n = max(*a)",
    "n = a / b",
    "n = 3",                            # no parameter's
])
def test_what_is_not_a_derived_local(body):
    src = "def f(a, b=0):\n" + textwrap.indent(body, "    ") + "\n    return n\n"
    assert "n" not in _derived(src)


def _reaches(src: str, call: str) -> bool:
    tree, function = _function(src)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    pool = next(n for n in ast.walk(function) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "pool")
    conditions = guards(pool, parents, function)
    return conditions is not None and reached((conditions,), function, ast.parse(call, mode="eval").body)


POOL = """
    def f(processes=1, threads=0, kind="processes"):
        if processes is None:
            processes = 0
        n = max(processes, threads)
        if n > 1:
            if kind == "processes":
                pool(n)
"""


@pytest.mark.parametrize("call,reaches", [
    ("f()", False), ("f(5)", True), ("f(5, kind='threads')", False), ("f(0, 4)", True), ("f(None, 1)", False),
    ("f(-3, 1)", False), ("f(k)", True), ("f(1, t)", True), ("f(None, 2)", True),
])
def test_a_test_of_the_local(call, reaches):
    assert _reaches(POOL, call) is reaches


def test_the_else_of_a_test_of_the_local():
    src = """
        def f(processes=1, threads=0):
            total = processes + threads
            if total > 1:
                return None
            else:
                pool(total)
    """
    assert not _reaches(src, "f(2)")
    assert _reaches(src, "f(1)")
    assert _reaches(src, "f(x)")


# --- a manager made unless greenlets serve more than one worker, in another module (ruffus's shape, other names) ----

RUNNER = {
    "kit/__init__.py": "from kit.run import run_all\n",
    "kit/run.py": """
        import multiprocessing


        def run_all(items, processes=1, threads=0, backend="multiprocessing"):
            if processes is None:
                processes = 0
            if threads is None:
                threads = 0
            width = max(processes, threads)
            if width > 1:
                if backend == "multiprocessing":
                    sync = multiprocessing.Manager()
                elif backend == "greenlets":
                    sync = None
                else:
                    raise ValueError(backend)
            else:
                sync = multiprocessing.Manager()
            out = [x * 2 for x in items]
            if sync is not None:
                sync.shutdown()
            return out
    """,
}


def runner_project(tmp_path, arguments):
    return project(tmp_path, {**RUNNER, "main.py": f"""
        import kit


        def main():
            print(kit.run_all([1, 2], {arguments}))


        main()
    """})


@pytest.mark.parametrize("arguments,found", [
    ('backend="greenlets", processes=5', False), ('processes=3, threads=2, backend="greenlets"', False),
    ('backend="greenlets", processes=1', True),        # one worker: the else's manager
    ('backend="greenlets", processes=None', True),     # None is 0
    ('backend="greenlets", processes=count', True),    # unknown
    ("processes=5", True),                             # the multiprocessing backend
])
def test_a_manager_under_tests_of_a_computed_width(tmp_path, arguments, found):
    root = runner_project(tmp_path, arguments)
    assert bool(findings(root / "main.py", "MP101")) is found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_greenlets_make_no_manager(tmp_path, method):
    out = run_program(runner_project(tmp_path, 'backend="greenlets", processes=5') / "main.py", method, cwd=tmp_path)
    assert_outcome(out, False, "", "[2, 4]")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_one_worker_makes_the_manager(tmp_path, method):
    """The else's Manager() at import: its spawned server process re-imports the script and stops in its bootstrap
    (fork: it runs to the end)."""
    out = run_program(runner_project(tmp_path, 'backend="greenlets", processes=1') / "main.py", method, cwd=tmp_path)
    if method == "fork":
        assert_outcome(out, False, "", "[2, 4]")
    else:
        assert "bootstrapping phase" in out.stderr, out.stderr


# --- the same in one module, the local handed on by the module's own call ------------------------------------------

SAME = """
    import multiprocessing as mp


    def double(x):
        return x * 2


    def run(items, workers):
        if workers > 1:
            with mp.Pool(workers) as pool:
                return pool.map(double, items)
        return [double(x) for x in items]


    def outer(items, processes=1, threads=0):
        total = processes + threads
        return run(items, total)


    print(CALL)
"""


@pytest.mark.parametrize("call,found", [
    ("outer([1, 2])", False), ("outer([1, 2], 1, 0)", False), ("outer([1, 2], 0, 1)", False),
    ("outer([1, 2], 1, 1)", True), ("outer([1, 2], n)", True),
])
def test_the_local_handed_on(call, found):
    assert ("MP101" in codes(textwrap.dedent(SAME).replace("CALL", call))) is found
