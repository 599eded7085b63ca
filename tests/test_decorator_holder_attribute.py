"""A bare decorator of this module that gives back an object of its plain class keeping the function (`def stage(func):
return Stage(func, True)` with `Stage.__init__` storing `self.func = func`) leaves the module name bound to that
object: `double.func` is the original function, which pickle looks up by its qualified name and finds the Stage
object there ("it's not the same object as __main__.double"; pyper-dev/pyper#18's shape, fresh_libs7 pyper18).
The walk binds the name to the object (semantic/walker.decorated), whose attribute is what its __init__ stored
from the decorator's call. Near misses: a decorator that registers the object and gives the function back, and the
same attribute mapped by a thread pool (nothing is pickled)."""
from __future__ import annotations

import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

STAGES = []


class Stage:
    def __init__(self, func, multiprocess):
        self.func = func
        self.multiprocess = multiprocess

    def __call__(self, item):
        return self.func(item)


def stage(func):
    return Stage(func, True)


def registered(func):
    STAGES.append(Stage(func, True))
    return func


@DECORATOR
def double(data):
    return data * 2


if __name__ == "__main__":
    with EXECUTOR(max_workers=2) as pool:
        print("RESULT=%s" % (list(pool.map(TASK, [1, 2, 3])),))
"""

ERROR = "it's not the same object as __main__.double"


def program(decorator="stage", executor="ProcessPoolExecutor", task="double.func") -> str:
    return PROGRAM.replace("DECORATOR", decorator).replace("EXECUTOR", executor).replace("TASK", task)


def test_the_attribute_of_the_object_the_name_holds():
    findings = found(program(), "MP201")
    assert [f.start.row for f in findings] == [32]
    assert "replaced by a Stage object that keeps it" in findings[0].message and ERROR in findings[0].message


def test_the_object_itself_as_a_callable_task():
    findings = found(program(task="double"), "MP201")
    assert [f.start.row for f in findings] == [32]
    assert "Stage" in findings[0].message and ERROR in findings[0].message


@pytest.mark.parametrize("variant", [{"decorator": "registered", "task": "double"},
                                     {"executor": "ThreadPoolExecutor"}])
def test_near_misses_are_silent(variant):
    assert found(program(**variant), "MP201") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("variant", ["attribute", "registered", "threads"])
def test_runtime(tmp_path, method, variant):
    options = {"attribute": {}, "registered": {"decorator": "registered", "task": "double"},
               "threads": {"executor": "ThreadPoolExecutor"}}[variant]
    path = tmp_path / "main.py"
    path.write_text(program(**options))
    out = run_program(path, method, cwd=tmp_path)
    assert_outcome(out, variant == "attribute", ERROR, "RESULT=[2, 4, 6]")
