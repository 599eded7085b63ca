"""MP302 for a pool task the parent's own program also calls (fresh_reports12 at347: patpass puts the ring in a module
global for its workers `if sys.platform.startswith("linux")`, hands them `partial(_atpass_one, None, n)`, and main()
also calls `_atpass_one(ring, ...)` itself to check the result). A function the program runs is skipped only when the
child's path writes the global itself (Cython's runtests: each shard runs the program's set-up again); one that only
reads it gets the import-time value under spawn and forkserver. And a write made only under a start-method test
(`get_start_method() == "fork"`, also as a part of an `and`) is lost to no child that re-imports the module: under
the other methods it is not made (rules/state_handover.running_methods). Proven under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, rows, run_program

SCORING = """
import multiprocessing
import os
from functools import partial

_shared_model = None


class Model:
    def __init__(self, weight):
        self.weight = weight

    def apply(self, x):
        return self.weight * x


def score(model, factor, item):
    if model is None:
        model = _shared_model
    return model.apply(item) * factor


def run_batch(model, items):
    with multiprocessing.Pool(2) as pool:
        return pool.map(partial(score, model, 2), items)


def evaluate(model, items, via_global=True):
    global _shared_model
    if via_global and TEST:
        _shared_model = model
        out = run_batch(None, items)
    else:
        out = run_batch(model, items)
    return out


def main():
    model = Model(3)
    items = [1, 2, 3]
    got = evaluate(model, items)
    CHECK
    print("RESULT=%s" % got)


if __name__ == "__main__":
    main()
"""

POSIX = 'os.name == "posix"'
FORK_ONLY = 'multiprocessing.get_start_method() == "fork"'
CHECKED = "assert got == [score(model, 2, x) for x in items]"
SETS_ITSELF = """
def score(model, factor, item):
    global _shared_model
    if _shared_model is None:
        _shared_model = Model(3)
    if model is None:
        model = _shared_model
    return model.apply(item) * factor
"""

# (the test around the write, the program's own call of the task, the child sets it itself) -> hazard
CASES = {
    (POSIX, CHECKED, False): True,
    (POSIX, "", False): True,
    (FORK_ONLY, CHECKED, False): False,
    (f"True and {FORK_ONLY}", "", False): False,
    (POSIX, CHECKED, True): False,
}


def _program(test, check, sets_itself):
    text = SCORING.replace("TEST", test).replace("CHECK", check)
    if sets_itself:
        start = text.index("def score(")
        end = text.index("def run_batch(")
        text = text[:start] + SETS_ITSELF.lstrip() + "\n\n" + text[end:]
    return text


def _line(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("test, check, sets_itself", sorted(CASES))
def test_the_write_a_task_reads(test, check, sets_itself):
    text = _program(test, check, sets_itself)
    assert rows(text, "MP302") == ([_line(text, "_shared_model = model")] if CASES[(test, check, sets_itself)]
                                   else [])


def test_the_else_of_a_start_method_test_runs_under_the_others():
    text = SCORING.replace("if via_global and TEST:", 'if multiprocessing.get_start_method() != "fork":\n'
                           "        out = run_batch(model, items)\n    else:").replace(
        "    else:\n        out = run_batch(model, items)\n    return out", "    return out").replace("CHECK", CHECKED)
    assert "_shared_model = model" in text and rows(text, "MP302") == []


def test_a_write_under_a_spawn_test_is_still_lost_under_spawn():
    text = _program('multiprocessing.get_start_method() == "spawn"', "", False)
    assert rows(text, "MP302") == [_line(text, "_shared_model = model")]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("test, check, sets_itself", sorted(CASES))
def test_runtime(tmp_path, method, test, check, sets_itself):
    path = tmp_path / "scoring.py"
    path.write_text(_program(test, check, sets_itself))
    out = run_program(path, method, cwd=tmp_path, timeout=120)
    fails = CASES[(test, check, sets_itself)] and method != "fork"
    assert_outcome(out, fails, "'NoneType' object has no attribute 'apply'", "RESULT=[6, 12, 18]")
