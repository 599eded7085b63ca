"""A spawner made under a test of its function's parameters (`if not dummy:`, `if workers > 1:`, `Pool(n) if
workers > 1 else None`) whose every caller passes arguments making the test false is never made: no finding about
it or its tasks stands (semantic/branch_choices.settle, the model of fresh_libs10 bert4keras50 for the spawner
itself). Across modules, a value another module's function hands a child under such a test crosses only where the
caller's arguments may take that branch (linter/summaries: the sink's conditions, param_guards.sink_key). An
argument not known keeps the finding. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

# one module: a Pool under `if not dummy:` mapping a lambda (pickle refuses it under every start method)
APPLY = """
    import multiprocessing as mp


    def apply_all(items, dummy=False):
        if not dummy:
            with mp.Pool(2) as pool:
                return pool.map(lambda x: x * 2, items)
        return [x * 2 for x in items]


    def main():
        print("RESULT=%s" % apply_all([1, 2, 3], DUMMY))


    if __name__ == "__main__":
        main()
"""

# another shape: an executor chosen by an expression on an int, the count handed through a second function, a task
# that is a bound method of an object holding a threading lock
FAN = """
    import threading
    from concurrent.futures import ProcessPoolExecutor


    class Meter:
        def __init__(self):
            self.lock = threading.Lock()

        def weigh(self, x):
            return x + 1


    def fan_out(values, workers):
        ex = ProcessPoolExecutor(workers) if workers > 1 else None
        meter = Meter()
        if ex is None:
            return [meter.weigh(v) for v in values]
        with ex:
            return sorted(ex.map(meter.weigh, values))


    def crunch(values, n):
        return fan_out(values, n)


    if __name__ == "__main__":
        print("RESULT=%s" % crunch([1, 2], COUNT))
"""


def apply_all(dummy: str) -> str:
    return APPLY.replace("DUMMY", dummy)


def fan(count: str) -> str:
    return FAN.replace("COUNT", count)


def test_callers_take_the_branch_without_the_pool():
    assert not found(apply_all("True"), "MP201")
    assert not found(apply_all("dummy=True"), "MP201")


def test_callers_take_the_pool_branch():
    assert [f.start.row for f in found(apply_all("False"), "MP201")] == [8]
    assert found(apply_all("dummy=False"), "MP201")


def test_unknown_argument_keeps_the_pool():
    assert found(apply_all("len(__import__('sys').argv) > 1"), "MP201")


def test_callers_that_disagree_keep_the_pool():
    src = apply_all("True") + "        print(apply_all([4], False))\n"
    assert found(src, "MP201")


def test_function_handed_on_keeps_the_pool():
    src = apply_all("True") + "\n\n    RUNNERS = [apply_all]\n"
    assert found(src, "MP201")


def test_expression_choice_through_a_second_call():
    assert not found(fan("1"), "MP201")
    assert found(fan("2"), "MP201")
    assert found(fan("int(__import__('sys').argv[-1] or 4)"), "MP201")


def test_no_caller_keeps_the_pool():
    src = textwrap.dedent(FAN).split("if __name__")[0]
    assert found(src, "MP201")


HELPER = """
    from concurrent.futures import ProcessPoolExecutor


    def run_jobs(fn, items, workers=1):
        if workers > 1:
            with ProcessPoolExecutor(workers) as ex:
                return list(ex.map(fn, items))
        return [fn(i) for i in items]
"""

SCRIPT = """
    from jobs_kit import run_jobs

    if __name__ == "__main__":
        print("RESULT=%s" % run_jobs(lambda x: x + 1, [1, 2]ARGS))
"""


def _project(tmp_path, args: str):
    project(tmp_path, {"jobs_kit.py": HELPER, "main.py": SCRIPT.replace("ARGS", args)})
    return tmp_path / "main.py"


def test_another_modules_helper(tmp_path):
    assert findings(_project(tmp_path / "a", ", workers=2"), "MP201")
    assert not findings(_project(tmp_path / "b", ""), "MP201")  # (the default: one worker, no pool)
    assert not findings(_project(tmp_path / "c", ", 1"), "MP201")
    assert findings(_project(tmp_path / "d", ", workers=len(__import__('sys').argv) + 1"), "MP201")


LAMBDA_ERRORS = ("Can't pickle local object", "Can't get local object", "Can't pickle <function <lambda>",
                 "attribute lookup <lambda>", "BrokenProcessPool", "<lambda>")


def _fails(out, words) -> bool:
    return out.returncode != 0 and any(w in out.stderr for w in words)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for dummy, fails in (("True", False), ("False", True), ("len(__import__('sys').argv) > 1", True)):
        path = tmp_path / "apply.py"
        path.write_text(textwrap.dedent(apply_all(dummy)))
        out = run_program(path, method)
        if fails:
            assert _fails(out, LAMBDA_ERRORS), out.stderr
        else:
            assert "RESULT=[2, 4, 6]" in out.stdout, out.stderr
    for count, fails in (("1", False), ("2", True)):
        path = tmp_path / "fan.py"
        path.write_text(textwrap.dedent(fan(count)))
        out = run_program(path, method)
        if fails:  # (3.10 reports the failure to pickle the task as a broken pool)
            assert _fails(out, ("cannot pickle '_thread.lock' object", "BrokenProcessPool")), out.stderr
        else:
            assert "RESULT=[2, 3]" in out.stdout, out.stderr
    for name, args, fails in (("a", ", workers=2", True), ("b", "", False), ("c", ", 1", False)):
        path = _project(tmp_path / name, args)
        out = run_program(path, method, cwd=path.parent)
        if fails:
            assert _fails(out, LAMBDA_ERRORS), out.stderr
        else:
            assert "RESULT=[2, 3]" in out.stdout, out.stderr
