"""MP416 for a JoinableQueue: a worker process that can raise between taking an item and its `task_done()` (a helper
of the module whose own code raises, outside any `try`), while the parent waits in the queue's `join()`: the
exception ends the worker, its item is never marked done, and the join waits forever (fresh_realistic8 losoto173:
a nested Process subclass keeping the queue in a field). Here a target function given the queue. Near misses: the
worker catches the error, the item is marked done in a `finally` around the call, the helper never raises, the
parent asks whether the worker is alive. Proven under fork, spawn and forkserver (a watchdog armed before the join,
after the worker ended, says the hang)."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
    import multiprocessing
    import os
    import threading

    LIMIT = 2


    def check_size(n):
        if n > LIMIT:
            raise ValueError("too large: %d" % n)
        return n * 10


    def worker(tasks, results):
        while True:
            n = tasks.get()
            if n is None:
                tasks.task_done()
                return
            results.put(check_size(n))
            tasks.task_done()


    def arm_watchdog():
        timer = threading.Timer(2.0, lambda: (print("HUNG", flush=True), os._exit(3)))
        timer.daemon = True
        timer.start()


    def main():
        tasks = multiprocessing.JoinableQueue()
        results = multiprocessing.Queue()
        proc = multiprocessing.Process(target=worker, args=(tasks, results))
        proc.start()
        for n in (1, 2, 3):
            tasks.put(n)
        tasks.put(None)
        proc.join()
        arm_watchdog()
        tasks.join()
        print("RESULT=%s" % [results.get() for _ in range(3)])


    if __name__ == "__main__":
        main()
"""

CAUGHT = PROGRAM.replace("            results.put(check_size(n))\n",
                         "            try:\n                results.put(check_size(n))\n"
                         "            except ValueError:\n                results.put(None)\n")


def test_a_worker_that_can_raise_before_task_done():
    got = [f for f in found(PROGRAM, "MP416") if "task_done" in f.message]  # (and `results.get()`'s, which waits too)
    assert len(got) == 1 and "`tasks.join()`" in got[0].message and "check_size" in got[0].message
    assert got[0].start.row == 41 and set(got[0].start_methods) == {"fork", "spawn", "forkserver"}


NEAR_MISSES = {
    "caught": (CAUGHT, "", ""),
    "done in finally": (PROGRAM, "            results.put(check_size(n))\n            tasks.task_done()\n",
                        "            try:\n                results.put(check_size(n))\n"
                        "            finally:\n                tasks.task_done()\n"),
    "never raises": (PROGRAM, 'raise ValueError("too large: %d" % n)', "n = LIMIT"),
    "asks liveness": (PROGRAM, "        tasks.join()\n", "        if not proc.is_alive():\n            tasks.join()\n"),
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_are_silent(name):
    program, old, new = NEAR_MISSES[name]
    assert old in program
    assert [f for f in found(program.replace(old, new), "MP416") if "task_done" in f.message] == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for program, hangs in ((PROGRAM, True), (CAUGHT, False)):
        path = tmp_path / "tasks.py"
        path.write_text(textwrap.dedent(program))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        if hangs:
            assert out.returncode == 3 and "HUNG" in out.stdout and "ValueError" in out.stderr, (out.stdout, out.stderr)
        else:
            assert_outcome(out, False, "", "RESULT=[10, 20, None]")
