"""A lazy `map()`/`filter()` object pickles as (function, iterators): a task that returns one over a nested function
fails to send it back (timecorr #21; fresh_reports4 results_timecorr_lazy_map_of_local_helper and its near miss
results_ok_timecorr_materialised_list, run under fork, spawn and forkserver; the pickle catalog's builtins.map and
builtins.map:lambda rows: a map over a module function or a builtin pickles)."""
import textwrap

import pytest

from helpers import sent_back_copy
from mpguard.linter.analyze import analyze

PROGRAM = """
from multiprocessing import Pool


def scale(x):
    return 2 * x


def task(n):
    def local(t):
        return t * n
    return {returned}


if __name__ == "__main__":
    with Pool(2) as pool:
        print([list(r) for r in pool.map(task, [1, 2])])
"""


def mp207(returned: str) -> list:
    source = PROGRAM.replace("{returned}", returned)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP207" and not sent_back_copy(f)]


@pytest.mark.parametrize("returned", ["map(local, range(n))", "filter(local, range(n))", "map(lambda t: t, range(n))"])
def test_a_lazy_iterator_over_a_local_function(returned):
    [finding] = mp207(returned)
    assert "object over" in finding.message


@pytest.mark.parametrize("returned", ["list(map(local, range(n)))", "map(scale, range(n))", "map(str, range(n))",
                                      "[local(t) for t in range(n)]"])
def test_materialised_or_over_a_module_function(returned):
    assert mp207(returned) == []
