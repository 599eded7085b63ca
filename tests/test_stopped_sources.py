"""MP417: join() of a child whose work loop can no longer end, because the joining function already stopped what the
child waits on: the threads that alone fed the queue it waits on with an untimed get() (NVlabs/GA3C PR 23,
fresh_reports19 ga3c23), or the manager whose proxy it calls first on every turn of a loop whose broad handler starts
the turn again (brickbots/PiFinder PR 476, fresh_reports19 pifinder476). Programs of other shapes than the corpus's
(a feeder that is a method stopped by a plain attribute, a Worker whose get() is in a helper method; a
multiprocessing.Manager() dict proxy reached through a helper of the same module) and their near misses; proven
under fork, spawn and forkserver (a hang: the run is killed with its process group after a timeout)."""
import os
import subprocess
import sys
import textwrap

import pytest
from helpers import RUNNER_SITE, found, runtime_proofs_or_skip, run_in_session

STARVED = """
import multiprocessing as mp
import threading
import time


class Worker(mp.Process):
    def __init__(self, total):
        super().__init__()
        self.inbox = mp.Queue()
        self.total = total

    def next_job(self):
        return self.inbox.get()

    def run(self):
        while True:
            job = self.next_job()
            with self.total.get_lock():
                self.total.value += job


class Hub:
    def __init__(self, n):
        self.total = mp.Value("i", 0)
        self.workers = [Worker(self.total) for _ in range(n)]
        self.running = True

    def dispatch(self):
        job = 0
        while self.running:
            for w in self.workers:
                w.inbox.put(1)
            job += 1
            time.sleep(0.01)

    def serve(self):
        for w in self.workers:
            w.start()
        feeder = threading.Thread(target=self.dispatch)
        feeder.start()
        while self.total.value < 6:
            time.sleep(0.01)
        self.running = False
        feeder.join()
        for w in self.workers:
            w.join()
        return self.total.value


if __name__ == "__main__":
    print("RESULT=%s" % (Hub(2).serve() >= 6))
"""

STARVED_STOPPED = """
import multiprocessing as mp
import threading
import time


class Worker(mp.Process):
    def __init__(self, total):
        super().__init__()
        self.inbox = mp.Queue()
        self.total = total

    def next_job(self):
        return self.inbox.get()

    def run(self):
        while True:
            job = self.next_job()
            if job is None:
                return
            with self.total.get_lock():
                self.total.value += job


class Hub:
    def __init__(self, n):
        self.total = mp.Value("i", 0)
        self.workers = [Worker(self.total) for _ in range(n)]
        self.running = True

    def dispatch(self):
        job = 0
        while self.running:
            for w in self.workers:
                w.inbox.put(1)
            job += 1
            time.sleep(0.01)

    def serve(self):
        for w in self.workers:
            w.start()
        feeder = threading.Thread(target=self.dispatch)
        feeder.start()
        while self.total.value < 6:
            time.sleep(0.01)
        self.running = False
        feeder.join()
        for w in self.workers:
            w.inbox.put(None)
        for w in self.workers:
            w.join()
        return self.total.value


if __name__ == "__main__":
    print("RESULT=%s" % (Hub(2).serve() >= 6))
"""

SPINNING = """
import multiprocessing as mp
import time


def archive(board):
    time.sleep(0.3)  # write the session report
    return len(board)


def heartbeat(board):
    board.update(alive=True)


def poller(board, inbox):
    while True:
        try:
            while True:
                heartbeat(board)
                board["beats"] = board.get("beats", 0) + 1
                msg = inbox.get(timeout=0.05)
                if msg == "quit":
                    return
        except Exception:
            time.sleep(0.01)


def main():
    mgr = mp.Manager()
    board = mgr.dict()
    inbox = mp.Queue()
    p = mp.Process(target=poller, args=(board, inbox))
    p.start()
    while board.get("beats", 0) < 3:
        time.sleep(0.01)
    beats = archive(board)
    mgr.shutdown()
    archive({})
    inbox.put("quit")
    p.join()
    print("RESULT=done")


if __name__ == "__main__":
    main()
"""

SPINNING_JOINED_FIRST = """
import multiprocessing as mp
import time


def archive(board):
    time.sleep(0.3)  # write the session report
    return len(board)


def heartbeat(board):
    board.update(alive=True)


def poller(board, inbox):
    while True:
        try:
            while True:
                heartbeat(board)
                board["beats"] = board.get("beats", 0) + 1
                msg = inbox.get(timeout=0.05)
                if msg == "quit":
                    return
        except Exception:
            time.sleep(0.01)


def main():
    mgr = mp.Manager()
    board = mgr.dict()
    inbox = mp.Queue()
    p = mp.Process(target=poller, args=(board, inbox))
    p.start()
    while board.get("beats", 0) < 3:
        time.sleep(0.01)
    beats = archive(board)
    inbox.put("quit")
    p.join()
    mgr.shutdown()
    print("RESULT=done")


if __name__ == "__main__":
    main()
"""

# get() with a timeout and a look at the flag: the child leaves once the feed stops
STARVED_TIMED = STARVED.replace("return self.inbox.get()", "return self.inbox.get(timeout=0.05)")
# the stop message put right after the shutdown reaches the child while it waits in its turn: not said (a race)
SPINNING_STOP_AT_ONCE = SPINNING.replace("    mgr.shutdown()\n    archive({})\n", "    mgr.shutdown()\n")
# a handler that leaves on connection errors (the PR's fix)
SPINNING_LEAVES = SPINNING.replace("        except Exception:", "        except (EOFError, OSError):\n            return\n"
                                   "        except Exception:")
# the parent ends the child itself
SPINNING_TERMINATED = SPINNING.replace("    p.join()", "    p.terminate()\n    p.join()")
# the feeder is joined with a timeout: it may still feed
STARVED_FEEDER_TIMED = STARVED.replace("feeder.join()", "feeder.join(5)")
# the parent itself also puts on the queue (a sentinel the child ignores here, but the feed is not known to stop)
STARVED_PARENT_PUTS = STARVED.replace("        for w in self.workers:\n            w.join()",
                                      "        for w in self.workers:\n            w.inbox.put(0)\n"
                                      "        for w in self.workers:\n            w.join()")


def test_starved_child_is_found():
    hits = found(STARVED, "MP417")
    assert [f.start.row for f in hits] == [47]
    assert "self.inbox.get()" in hits[0].message and "line 45" in hits[0].message


def test_spinning_child_is_found():
    hits = found(SPINNING, "MP417")
    assert [f.start.row for f in hits] == [40]
    assert "mgr.shutdown()" in hits[0].message and "board.update(alive=True)" in hits[0].message


@pytest.mark.parametrize("program", [STARVED_STOPPED, STARVED_TIMED, STARVED_FEEDER_TIMED, STARVED_PARENT_PUTS,
                                     SPINNING_JOINED_FIRST, SPINNING_STOP_AT_ONCE, SPINNING_LEAVES,
                                     SPINNING_TERMINATED],
                         ids=["stopped", "timed", "feeder-timed", "parent-puts", "joined-first", "stop-at-once",
                              "leaves", "terminated"])
def test_near_misses_are_silent(program):
    assert found(program, "MP417") == []


def test_flag_set_before_the_feed_stops_is_silent():
    program = STARVED.replace("while True:\n            job = self.next_job()",
                              "while self.total.value >= 0:\n            job = self.next_job()")
    assert len(found(program, "MP417")) == 1  # (a flag nobody sets: still said)
    program = program.replace("self.running = False\n", "self.total.value = -1\n        self.running = False\n")
    assert found(program, "MP417") == []


def _run(path, method, timeout):
    """(hung, (exit status, stdout, stderr)), the program run in its own session: a hang is killed with its group."""
    runtime_proofs_or_skip()
    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env, cwd=path.parent)
        out, err = proc.stdout, proc.stderr
        return False, (proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        return True, (None, "", "")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, program in (("starved", STARVED), ("spinning", SPINNING)):
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(program))
        hung, _ = _run(path, method, timeout=8)  # (must hang: a slow run passes too, so the bound is short)
        assert hung, name
    for name, program, printed in (("stopped", STARVED_STOPPED, "RESULT=True"),
                                   ("joined_first", SPINNING_JOINED_FIRST, "RESULT=done")):
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(program))
        hung, (status, out, err) = _run(path, method, timeout=120)
        assert not hung and status == 0 and printed in out, err
