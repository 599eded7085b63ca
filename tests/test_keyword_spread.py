"""`f(**OPTIONS)` with a dict literal of constant string keys that the program never adds to gives its keywords, each
read where it is written (fresh_libs3 mpire_spawn_lambda: `WorkerPool(**POOL_OPTS)` with start_method="spawn" and a
lambda task, run under fork, spawn and forkserver: a pickling error under all three)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
from mpire import WorkerPool

POOL_OPTS = {"n_jobs": 2, "start_method": "{method}"}
{change}

def main():
    clean = lambda r: r.strip()
    with WorkerPool(**POOL_OPTS) as pool:
        print(pool.map(clean, [" a", "b "]))


if __name__ == "__main__":
    main()
"""


def mp201(method: str, change: str = "") -> list:
    source = PROGRAM.replace("{method}", method).replace("{change}", change)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP201"]


def test_a_spawn_pool_from_spread_options():
    [finding] = mp201("spawn")
    assert "lambda" in finding.message and "spawn" in finding.start_methods


def test_threads_from_spread_options():
    assert mp201("threading") == []


def test_options_the_program_changes_under_a_constant_key_are_read_as_changed():
    # the key set after the literal holds its last value (expressions._spread): mpire's threads run the lambda
    assert mp201("spawn", 'POOL_OPTS["start_method"] = "threading"') == []


def test_options_the_program_changes_under_another_key_are_not_read():
    # mpire's own default then (fork where it exists: the lambda fails on Windows only), not the literal's spawn
    [finding] = mp201("spawn", 'POOL_OPTS["start_" + "method"] = "threading"')
    assert finding.start_methods != mp201("spawn")[0].start_methods
