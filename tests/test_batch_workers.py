"""`cli.batch._alongside_workers`: this process checks files from the front while a forked worker claims
chunks from the back; every file is checked once, and the results come in the files' order."""
import os
import sys
import time

import pytest

import mpguard.cli.batch as batch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


def test_every_job_once_in_order_on_both_processes(monkeypatch):
    def fake(job):
        time.sleep(0.002)  # (a file takes a moment: the worker gets its share)
        return job[0], [os.getpid()], {}, 0

    monkeypatch.setattr(batch, "check_one", fake)
    todo = [(i,) for i in range(101)]  # (not a multiple of CHUNK)
    out = list(batch._alongside_workers(todo, 2, batch._fork_context()))
    assert [path for path, *_ in out] == list(range(101))
    pids = [items[0] for _, items, *_ in out]
    assert pids[0] == os.getpid() and pids[-1] != os.getpid()  # (the front here, the back on the worker)
    # this process's files come first, then the worker's: one switch
    assert sum(1 for a, b in zip(pids, pids[1:]) if a != b) == 1
