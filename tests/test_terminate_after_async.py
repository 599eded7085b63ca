"""MP411 when `pool.terminate()` comes before the results of an async submit are read (python-a-fondo #1: imap, then
terminate, then reading the iterator with a timeout gives nothing; fresh_reports4 poolctx_pythonafondo_imap_then_terminate
and its near miss poolctx_ok_hatchet_map_then_terminate, run under fork, spawn and forkserver)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
from multiprocessing import Pool


def square(n):
    return n * n


def run(items):
    pool = Pool(2)
{body}


if __name__ == "__main__":
    print(run([1, 2, 3]))
"""


def mp411(body: str) -> list:
    source = PROGRAM.replace("{body}", textwrap.indent(textwrap.dedent(body), "    "))
    return [f.start.row for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP411"]


@pytest.mark.parametrize("body", [
    "it = pool.imap(square, items)\npool.terminate()\nreturn [it.next(timeout=1) for _ in items]",
    "res = pool.map_async(square, items)\npool.terminate()\npool.join()\nreturn res.get(timeout=1)",
    "res = pool.apply_async(square, (2,))\npool.terminate()\nreturn res.get(timeout=1)",
])
def test_terminated_before_the_results_are_read(body):
    assert mp411(body) == [11]


@pytest.mark.parametrize("body", [
    "it = pool.imap(square, items)\nout = list(it)\npool.terminate()\nreturn out",
    "try:\n    return pool.map(square, items)\nfinally:\n    pool.terminate()",  # synchronous map (hatchet #67)
    "res = pool.map_async(square, items)\npool.close()\npool.join()\npool.terminate()\nreturn res.get()",
    "results = [pool.apply_async(square, (i,)) for i in items]\npool.terminate()\npool.join()",  # never read
    "try:\n    res = pool.map_async(square, items)\nexcept Exception:\n    pool.terminate()\n    raise\n"
    "return res.get()",  # (parmap) terminate only when the submit raised
])
def test_read_or_waited_for_first(body):
    assert mp411(body) == []
