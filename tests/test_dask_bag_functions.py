"""A dask.bag's `.map(f)` (and its other function-taking methods) puts `f` in the graph; computed on the processes
scheduler (a bag's default) each function crosses with cloudpickle, by value with the module-level objects it reads
(graphchain #87, dask/distributed #2366; fresh_libs2 dask_bag_module_lock_processes, run under fork, spawn and
forkserver), also when the bag is built in one function and computed in another."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
import threading

import dask.bag as db

LOCK = {lock}


def tokenize(line):
    with LOCK:
        return line.split()


def counts(lines):
    return db.from_sequence(lines, npartitions=2).map(tokenize).flatten().frequencies()


def main():
    print(dict(counts(["a b", "b c"]).compute({options})))


if __name__ == "__main__":
    main()
"""


def mp421(lock: str = "threading.Lock()", options: str = "") -> list:
    source = PROGRAM.replace("{lock}", lock).replace("{options}", options)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP421"]


def test_a_bag_function_reading_a_module_lock():
    [finding] = mp421()
    assert "`LOCK`" in finding.message and "_thread.lock" in finding.message


@pytest.mark.parametrize("lock, options", [("None", ""), ("threading.Lock()", 'scheduler="threads"')])
def test_no_lock_or_threads(lock, options):
    assert mp421(lock, options) == []


MODULE_LEVEL = """
import dask.bag as db

SAMPLES = {{"ttH": [1, 2, 3], "ttW": [4, 5]}}


def weight(event):
    return event * 0.5


def build(samples):
    return db.from_sequence([e for v in samples.values() for e in v], npartitions=2).map(weight)


{body}
"""


def test_a_bag_a_function_builds_computed_at_import():
    """fresh_libs3 dask_bag_unguarded (topeft #30's shape): the module body is walked before `build`, so the bag
    is known only after the walk; `bag.sum().compute()` then runs the processes scheduler at import (spawn)."""
    source = MODULE_LEVEL.format(body="bag = build(SAMPLES)\ntotal = bag.sum().compute()\n")
    assert [(f.code, f.start.row) for f in analyze(textwrap.dedent(source), "case.py").findings] == [("MP101", 16)]


@pytest.mark.parametrize("body", [
    'if __name__ == "__main__":\n    print(build(SAMPLES).sum().compute())\n',  # guarded
    'total = build(SAMPLES).sum().compute(scheduler="threads")\n',  # threads
    'bag = build(SAMPLES)\ntotal = bag.sum()\n',  # never computed
])
def test_guarded_threaded_or_never_computed_bags_are_quiet(body):
    source = MODULE_LEVEL.format(body=body)
    assert [f.code for f in analyze(textwrap.dedent(source), "case.py").findings] == []
