"""MP401's "runs each time f() is called" counts calls, not receivers, and not calls in the two branches of one
`if` (rules/lifecycle._runs_again): `(Runner(2) if fast else Runner(1)).run()` is one call that runs once, and
`if flag: setup() else: setup()` runs setup() once, so the set_start_method() inside raises nothing. Still
reported: two calls in a row, a call in a loop. Proven under fork, spawn and forkserver."""
import pytest
from helpers import rows, run_program

RECEIVERS = """
import multiprocessing
import sys


class Runner:
    def __init__(self, parallel):
        self.parallel = parallel

    def run(self):
        multiprocessing.set_start_method("spawn")
        return "done"


if __name__ == "__main__":
    print("RESULT=" + CALL)
"""

CALLS = {
    "one_call_two_receivers": "(Runner(2) if len(sys.argv) < 2 else Runner(1)).run()",
    "branches": "(Runner(2).run() if len(sys.argv) < 2 else Runner(1).run())",
    "twice": "Runner(2).run() + Runner(1).run()",
}

BRANCHES = """
import multiprocessing
import sys


def setup():
    multiprocessing.set_start_method("spawn")
    return "done"


def main():
    if len(sys.argv) > 1:
        return setup()
    else:
        return setup()


if __name__ == "__main__":
    print("RESULT=" + main())
"""


def _program(kind):
    return RECEIVERS.replace("CALL", CALLS[kind])


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_calls_that_run_once(kind):
    assert rows(_program(kind), "MP401") == ([11] if kind == "twice" else [])


def test_calls_in_the_two_branches_of_an_if():
    assert rows(BRANCHES, "MP401") == []
    assert rows(BRANCHES.replace("    else:\n        return setup()", "    setup()\n    return setup()"),
                "MP401") == [7]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kind", sorted(CALLS))
def test_runtime(tmp_path, kind, method):
    path = tmp_path / "main.py"
    path.write_text(_program(kind))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    if kind == "twice":
        assert out.returncode != 0 and "context has already been set" in out.stderr
    else:
        assert out.returncode == 0 and "RESULT=done" in out.stdout, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_branches(tmp_path, method):
    path = tmp_path / "main.py"
    path.write_text(BRANCHES)
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert out.returncode == 0 and "RESULT=done" in out.stdout, out.stderr
