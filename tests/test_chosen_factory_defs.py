"""A factory that defines the function it returns once per branch of a test of its parameter: the call's
arguments (a literal, or a dict's constant filled in __init__ when no caller passes the parameter) choose
the definition, and what that definition does with its arguments is what the call does (signac-flow #417:
the "process" executor hands a local function to a process pool)."""
from __future__ import annotations

import textwrap

import pytest

from helpers import assert_outcome, check, run_program

FACTORY = """
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def get_executor(mode="none"):
    if mode == "thread":
        def executor(func, items):
            with ThreadPoolExecutor(2) as pool:
                return list(pool.map(func, items))
    elif mode == "process":
        def executor(func, items):
            with ProcessPoolExecutor(2) as pool:
                return list(pool.map(func, items))
    else:
        def executor(func, items):
            return [func(x) for x in items]
    return executor
"""

LITERAL = FACTORY + """

def fetch(items, mode):
    offset = 3

    def compute(x):
        return x + offset

    return get_executor(mode)(compute, items)


if __name__ == "__main__":
    print("RESULT=", sum(fetch([1, 2, 3], "{mode}")))
"""

CONFIGURED = FACTORY + """

class Project:
    def __init__(self, items, config=None):
        self.items = items
        self.config = config or {{"mode": "{mode}"}}

    def fetch(self):
        offset = 3

        def compute(x):
            return x + offset

        executor = get_executor(self.config["mode"])
        return executor(compute, self.items)


def main():
    print("RESULT=", sum(Project([1, 2, 3]{passed}).fetch()))


if __name__ == "__main__":
    main()
"""


def _mp201(src: str) -> list[int]:
    return sorted({f.start.row for f in check(src) if f.code == "MP201"})


def test_a_literal_argument_chooses_the_process_definition():
    src = LITERAL.format(mode="process")
    rows = _mp201(src)
    assert rows and all("compute" in f.message for f in check(src) if f.code == "MP201")


@pytest.mark.parametrize("mode", ["thread", "none"])
def test_a_literal_argument_choosing_another_definition_stays_silent(mode):
    assert _mp201(LITERAL.format(mode=mode)) == []


def test_a_constant_filled_in_init_chooses_the_process_definition():
    assert _mp201(CONFIGURED.format(mode="process", passed=""))


def test_a_constant_filled_in_init_choosing_threads_stays_silent():
    assert _mp201(CONFIGURED.format(mode="thread", passed=""))  == []


def test_a_caller_passing_another_config_stays_silent():
    # the dict display is only the fallback: this caller's config chooses threads
    assert _mp201(CONFIGURED.format(mode="process", passed=', {"mode": "thread"}')) == []


def test_an_unknown_argument_stays_silent():
    src = LITERAL.replace('fetch([1, 2, 3], "{mode}")', "fetch([1, 2, 3], input())")
    assert _mp201(src) == []


def test_branches_choosing_top_level_functions_stay_silent():
    src = FACTORY.replace("def executor(func, items)", "def executor_unused(func, items)") + """

def compute(x):
    return x + 3


def get_task(mode):
    if mode == "fast":
        task = compute
    else:
        task = abs
    return task


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as pool:
        print("RESULT=", sum(pool.map(get_task("fast"), [1, 2, 3])))
"""
    assert _mp201(src) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("mode", ["process", "thread"])
def test_runtime_the_chosen_definition(tmp_path, method, mode):
    path = tmp_path / "chosen.py"
    path.write_text(textwrap.dedent(CONFIGURED.format(mode=mode, passed="")))
    out = run_program(path, method)
    assert_outcome(out, mode == "process", ("Can't pickle local object", "Can't get local object"), "RESULT= 15")
    assert bool(_mp201(path.read_text())) == (mode == "process")


NESTED = """
from multiprocessing import Pool


def square(x):
    return x * x


def get_runner(mode):
    if mode == "serial":
        def runner(items):
            return [square(x) for x in items]
    else:
        def runner(items):
            with Pool(2) as pool:
                return pool.map(square, items)
    return runner


def task(n):
    return sum(get_runner("{mode}")(range(n)))


if __name__ == "__main__":
    with Pool(1) as workers:
        print("RESULT=", workers.apply(task, (3,)))
"""


@pytest.mark.parametrize("mode, hazard", [("parallel", True), ("serial", False)])
def test_a_pool_worker_reaches_the_chosen_definition(mode, hazard):
    assert bool([f for f in check(NESTED.format(mode=mode)) if f.code == "MP413"]) == hazard
