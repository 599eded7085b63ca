"""A bare decorator of the module gives back an object of its class keeping the function (`def stage(func): return
Stage(func)`, `Stage.__init__` storing `self.func = func`), and a method of that object hands the kept function to
a process pool (`pool.map(self.func, items)`): the function is pickled by its name, which now names the object,
"it's not the same object as __main__.square" (pyper #18, fresh_libs7). The decorator's application is a call of
it with the function, so the object's methods see the function through `__init__`'s parameter like any caller's
argument. Near misses: the object's method runs the function on threads or in the process itself, or the class
says how to pickle itself."""
from __future__ import annotations

import textwrap

import pytest

from helpers import assert_outcome, check, run_program

PROGRAM = """
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


class Stage:
    def __init__(self, func):
        self.func = func
REDUCE
    def run(self, items):
        with POOL(2) as pool:
            return list(pool.map(self.func, items))


def stage(func):
    return Stage(func)


@stage
def square(x):
    return x * x


if __name__ == "__main__":
    print("RESULT=", sum(square.run([1, 2, 3])))
"""

REDUCER = """
    def __reduce__(self):
        return (Stage, (abs,))
"""


def _program(pool: str = "ProcessPoolExecutor", reduce: bool = False) -> str:
    return PROGRAM.replace("POOL", pool).replace("REDUCE", REDUCER if reduce else "")


def _mp201(src: str) -> list:
    return [f for f in check(src) if f.code == "MP201"]


def test_the_kept_function_mapped_on_processes_is_found():
    found = _mp201(_program())
    assert found and all("not the same object" in f.message for f in found)
    assert {f.start.row for f in found} == {_program().splitlines().index("            return list(pool.map(self.func, items))") + 1}


def test_a_thread_pool_stays_silent():
    assert _mp201(_program("ThreadPoolExecutor")) == []


def test_a_class_that_says_how_to_pickle_itself_stays_silent():
    assert _mp201(_program(reduce=True)) == []


def test_a_decorator_giving_the_function_back_stays_silent():
    src = _program().replace("    return Stage(func)", "    Stage(func)\n    return func")
    assert _mp201(src) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("pool", ["ProcessPoolExecutor", "ThreadPoolExecutor"])
def test_runtime_the_kept_function(tmp_path, method, pool):
    path = tmp_path / "staged.py"
    path.write_text(textwrap.dedent(_program(pool)))
    out = run_program(path, method)
    assert_outcome(out, pool == "ProcessPoolExecutor", "not the same object", "RESULT= 14")
    assert bool(_mp201(path.read_text())) == (pool == "ProcessPoolExecutor")
