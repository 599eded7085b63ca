"""A finding about what a Process pickles covers the `start()` right after the statement that makes it: the
object is handed over at `Process(...)` and pickled at `start()`, where the traceback points. The shared
oracle anchors the first; writers of bug reports (fresh_realistic2, fresh_reports3: six programs anchored at
`proc.start()`) the second."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

HEAD = """
import multiprocessing


def main():
    work = lambda: None
"""


def spans(body: str) -> list:
    source = textwrap.dedent(HEAD) + textwrap.indent(textwrap.dedent(body), "    ")
    return [(f.code, f.start.row, f.end.row) for f in analyze(source, "case.py").findings]


@pytest.mark.parametrize("body, expected", [
    ("p = multiprocessing.Process(target=work)\np.start()\n", [("MP201", 7, 8)]),
    ("procs = [multiprocessing.Process(target=work) for _ in range(2)]\nfor p in procs:\n    p.start()\n",
     [("MP201", 7, 9)]),
    # not next, or through another name: a copy at that start() (tests/test_later_starts.py)
    ("self_p = multiprocessing.Process(target=work)\nprint(1)\nself_p.start()\n", [("MP201", 7, 7), ("MP201", 9, 9)]),
    ("p = multiprocessing.Process(target=work)\nq = p\nq.start()\n", [("MP201", 7, 7), ("MP201", 9, 9)]),
    ("multiprocessing.Process(target=work).start()\n", [("MP201", 7, 7)]),
])
def test_the_range_runs_on_to_the_start_right_after(body, expected):
    assert spans(body) == expected


def test_pool_tasks_keep_their_call():
    assert spans("with multiprocessing.Pool(2) as pool:\n    pool.map(work, [1])\n") == [("MP201", 8, 8)]
