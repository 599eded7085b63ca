"""MP410's reordering fix through methods (plaso #399, fresh_reports8 plaso399_foreman_joins_before_drain):
`foreman.wait_for_workers()` joins the workers before `foreman.collect(n)` reads what they wrote; the call that
leads to the join moves after the one that leads to the read. Methods are followed by name only when one class
of the module alone defines that name. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings

PROGRAM = """
    import multiprocessing as mp
    import sys


    def work(wid, q):
        for i in range(3000):
            q.put((wid, i, "x" * 64))


    class Foreman:
        def __init__(self):
            self.q = mp.Queue()
            self.procs = []

        def start(self, n):
            for wid in range(n):
                p = mp.Process(target=work, args=(wid, self.q))
                p.start()
                self.procs.append(p)

        def wait_for_workers(self):
            for p in self.procs:
                p.join()

        def collect(self, expected):
            return [self.q.get() for _ in range(expected)]
    EXTRA

    if __name__ == "__main__":
        foreman = Foreman()
        foreman.start(2)
        foreman.wait_for_workers()
        events = foreman.collect(6000)
        print("RESULT=%d" % len(events))
        sys.exit(0 if len(events) == 6000 else 3)
"""


def write(tmp_path, extra=""):
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(PROGRAM).replace("EXTRA", textwrap.dedent(extra)))
    return path


def fixed(path):
    [finding] = findings(path, "MP410")
    if finding.fix is None:
        return None
    out = apply_edits(path.read_text(), finding.fix.edits)
    assert parses(out)
    return out


def test_the_joining_method_call_moves_after_the_reading_one(tmp_path):
    out = fixed(write(tmp_path))
    assert "    events = foreman.collect(6000)\n    foreman.wait_for_workers()\n" in out


def test_no_fix_when_two_classes_define_the_method(tmp_path):
    other = """

    class Other:
        def wait_for_workers(self):
            pass
    """
    assert fixed(write(tmp_path, other)) is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    # (not run before the fix: it deadlocks, and a timed-out run would leave its blocked workers behind)
    path = write(tmp_path)
    path.write_text(fixed(path))
    after = run_program(path, method, timeout=60)
    assert after.returncode == 0 and "RESULT=6000" in after.stdout, after.stderr
