"""`cli.batch._alongside_workers`: this process checks files from the front while a forked worker claims
chunks from the back; every file is checked once, and the results come in the files' order.

The run forks, so it happens in a program of its own (`run_in_session`), not in the pytest process: a fork of
pytest under pytest-xdist hangs (its execnet threads), and `_alongside_workers` freezes the collector of the
process it runs in. The program prints what the test asserts on."""
import json
import sys
import textwrap

import pytest

from helpers import run_in_session

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")

PROGRAM = textwrap.dedent("""
    import json
    import os
    import time

    import mpguard.cli.batch as batch


    def fake(job):
        time.sleep(0.002)  # (a file takes a moment: the worker gets its share)
        return job[0], [os.getpid()], {}, 0


    batch.check_one = fake
    todo = [(i,) for i in range(101)]  # (not a multiple of CHUNK)
    out = list(batch._alongside_workers(todo, 2, batch._fork_context()))
    print(json.dumps({"here": os.getpid(), "paths": [path for path, *_ in out],
                      "pids": [items[0] for _, items, *_ in out]}))
""")


def test_every_job_once_in_order_on_both_processes():
    done = run_in_session([sys.executable, "-c", PROGRAM], timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["paths"] == list(range(101))
    pids, here = seen["pids"], seen["here"]
    assert pids[0] == here and pids[-1] != here  # (the front here, the back on the worker)
    # this process's files come first, then the worker's: one switch
    assert sum(1 for a, b in zip(pids, pids[1:]) if a != b) == 1
