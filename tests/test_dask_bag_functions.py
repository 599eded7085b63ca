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
