"""MP201's fixes for a Process target bound to an object whose class stores a threading lock (session 22): the
multiprocessing lock, and the `__getstate__` that leaves the lock out (fixes/pickled_state), only when the fields
they handle are the only ones pickle refuses. coloredlogs #1 (fresh_reports11
coloredlogs1_spinner_targets_bound_method): the Logger also keeps `self.stream = sys.stdout`, so the lock fix left
the spawned start failing on the stream (and changed the helper module a hazard-free sibling imports). Near miss:
the same class without the stream still gets the lock fix, and the fixed program runs clean under fork, spawn and
forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import apply_edits, parses

SRC = """
    import multiprocessing
    import sys
    import threading


    class Spinner:
        def __init__(self, label):
            self.label = label
            self.lock = threading.Lock()
            STREAM

        def spin(self, turns):
            with self.lock:
                print(self.label * turns)

        def start(self):
            proc = multiprocessing.Process(target=self.spin, args=(3,))
            proc.start()
            proc.join(30)
            return proc.exitcode


    if __name__ == "__main__":
        sys.exit(Spinner("-").start())
"""


def source(stream: bool) -> str:
    return textwrap.dedent(SRC).replace("STREAM", "self.stream = sys.stdout" if stream else "pass")


def test_no_lock_fix_when_another_field_is_refused_too():
    [finding] = found(source(True), "MP201")
    assert finding.fix is None  # neither the multiprocessing lock nor a __getstate__ leaving the lock alone out


def test_the_lock_alone_gets_the_fix():
    [finding] = found(source(False), "MP201")
    out = apply_edits(source(False), finding.fix.edits)
    assert parses(out) and "self.lock = multiprocessing.Lock()" in out
    assert found(out, "MP201") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "spinner.py"
    [finding] = found(source(False), "MP201")
    path.write_text(apply_edits(source(False), finding.fix.edits))
    after = run_program(path, method, timeout=120, cwd=tmp_path)
    assert after.returncode == 0 and "---" in after.stdout, after.stderr
