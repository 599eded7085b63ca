"""A worker's consumer loop (`while True: item = tasks.get(); if item is None: break`, or `for item in
iter(tasks.get, None)`) turns once per item the parent puts into `tasks`: join-before-drain (MP410)
reads the bound instead of taking an unbounded `while` for more than a pipe holds
(rules/consumer_loops.py). The first test runs the programs: 1,000 small results fit in the pipe and the
join returns; 5,000 do not and the join hangs. Each result is a float: 9 bytes whatever its value, so the model
(which counts every item by the least pickle writes for its kind, rules/pickled_items) knows 5,000 of them, 25
bytes each on the pipe at least, fill it; of `item * 2` it could only say a byte (the item's kind is not known)."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import codes, rows, run_in_session

RUNNER = Path(__file__).parent / "fixtures" / "runner"

WORKERS = """
    import multiprocessing as mp

    def worker(tasks, results):
        {loop}
            results.put(float(item * 2))

    {helpers}
    if __name__ == "__main__":
        tasks, results = mp.Queue(), mp.Queue()
        procs = [mp.Process(target=worker, args=(tasks, results)) for _ in range(2)]
        for p in procs:
            p.start()
        {fill}
        for _ in procs:
            tasks.put(None)
        for p in procs:
            p.join()
        print(sum(results.get() for _ in range({count})))
"""
WHILE = "while True:\n            item = tasks.get()\n            if item is None:\n                break"
ITER = "for item in iter(tasks.get, None):"


FEED = "def feed(q, items):\n        for x in items:\n            q.put(x)\n"


def program(count=1000, loop=WHILE, fill=None, helpers=""):
    fill = fill or f"for i in range({count}):\n            tasks.put(i)"
    return textwrap.dedent(WORKERS.replace("{loop}", loop).replace("{fill}", fill).replace("{count}", str(count))
                           .replace("{helpers}", helpers))


@pytest.mark.parametrize("count, hangs", [(1000, False), (5000, True)])
def test_the_parent_feeds_a_known_number_of_small_items(tmp_path, count, hangs):
    source = program(count)
    path = tmp_path / "feed.py"
    path.write_text(source)
    env = {**os.environ, "PYTHONPATH": str(RUNNER), "MPGUARD_DEFAULT_METHOD": "fork"}
    hung, proc = _run(path, env, 8)
    status, out, err = proc
    assert hung or status == 0 and float(out) == count * (count - 1), err[-2000:]
    assert hung == hangs
    assert ("MP410" in codes(source)) == hangs


def test_the_iter_sentinel_loop_is_a_consumer_loop_too():
    assert "MP410" not in codes(program(1000, loop=ITER))
    assert rows(program(5000, loop=ITER), "MP410") == [19]


def test_a_queue_fed_through_a_helper_is_of_unknown_length():
    """`feed(tasks, range(100))`: the put is on the helper's parameter, its count is not read: as before."""
    assert "MP410" in codes(program(1000, fill="feed(tasks, range(100))", helpers=FEED))


def test_a_queue_fed_from_data_of_unknown_length_is_still_reported():
    assert "MP410" in codes(program(1000, fill="for line in open('input.txt'):\n            tasks.put(line)"))


def test_a_worker_that_feeds_its_own_queue_is_not_bounded_by_the_parent():
    source = program(10).replace("results.put(float(item * 2))",
                                 "results.put(float(item * 2))\n        tasks.put(item + 1)")
    assert "MP410" in codes(source)


def _run(path, env, timeout):
    """(hung, (exit status, stdout, stderr)) of a program run in its own session: a program that hangs is
    killed with every process it started (a deadlocked child would outlive the test)."""
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env)
        out, err = proc.stdout, proc.stderr
        return False, (proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        return True, (None, "", "")
