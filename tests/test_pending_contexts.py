"""A context whose start method is known only once every call site is: `get_context(config.get("start_method"))`
in a function the program calls with its job config, a dict literal of the module (cpython #126831's shape:
the row hook, a closure, is the Process target; pickled under the context's forkserver whatever the default).
Callers that disagree, or a config the program changes, leave the method unknown (nothing is said that depends
on it). Proven by running the program under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, found, run_program

JOB = """
import multiprocessing as mp
import sys

JOB = {"start_method": METHOD, "rows": 3}
OTHER = {"start_method": "fork", "rows": 3}


def make_hook(config):
    def write_rows(count):
        print("rows", count)
    return write_rows


def pick_context(config):
    return mp.get_context(config.get("start_method"))


def run_job(config):
    ctx = pick_context(config)
    child = ctx.Process(target=make_hook(config), args=(config["rows"],))
    child.start()
    child.join()
    return child.exitcode


if __name__ == "__main__":
    CHANGEDcode = run_job(JOB)
    print("RESULT=%s" % code)
    sys.exit(0 if code == 0 else 3)
"""

# (the config's method, what else the main block does) -> the default methods under which the closure is pickled
CASES = {('"forkserver"', ""): {"fork", "spawn", "forkserver"},
         ('"fork"', ""): set(),
         # callers that disagree, a config changed: the method stays unknown, and nothing depending on it is said
         ('"forkserver"', "run_job(OTHER)\n    "): set(),
         ('"forkserver"', 'JOB["start_method"] = "fork"\n    '): set()}


def _program(method, changed):
    return JOB.replace("METHOD", method).replace("CHANGED", changed)


@pytest.mark.parametrize("method, changed", sorted(CASES))
def test_a_context_method_the_callers_config_gives(method, changed):
    got = found(_program(method, changed), "MP201")
    methods = set().union(*(f.start_methods for f in got)) if got else set()
    if CASES[(method, changed)]:
        assert methods == CASES[(method, changed)]
    else:
        assert got == []


@pytest.mark.parametrize("default", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("method", ['"forkserver"', '"fork"'])
def test_runtime_context_from_the_config(tmp_path, method, default):
    path = tmp_path / "job.py"
    path.write_text(_program(method, ""))
    out = run_program(path, default, timeout=60, cwd=tmp_path)
    assert_outcome(out, default in CASES[(method, "")], ("Can't pickle", "Can't get local object"), "RESULT=0")
