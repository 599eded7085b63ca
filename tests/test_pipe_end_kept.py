"""MP418: the parent keeps its copy of the pipe end a child was given and reads the other end until EOFError, which
only comes once every copy of the sending end is closed (fresh_reports22 dramatiq707: `Pipe(duplex=False)` in a
start loop, the read in another method). Other shapes here: a duplex `Pipe()` read in the same function by a
`try` around the loop, a one-way pipe read by a helper that returns from its EOFError handler. Near misses: the
parent closes or deletes its copy, stores it, the loop has another way out, the read runs after the function that
holds the end returned, the child is given the reading end. Proven under fork, spawn and forkserver (a watchdog
armed after the child exited says the hang)."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

COLLECT = """
    import multiprocessing
    import os
    import threading


    def produce(conn, n):
        for i in range(n):
            conn.send(i * i)
        conn.close()


    def arm_watchdog():
        timer = threading.Timer(2.0, lambda: (print("HUNG", flush=True), os._exit(3)))
        timer.daemon = True
        timer.start()


    def collect(n):
        parent_end, child_end = multiprocessing.Pipe()
        worker = multiprocessing.Process(target=produce, args=(child_end, n))
        worker.start()
        CLOSE
        worker.join()
        arm_watchdog()
        got = []
        try:
            while True:
                got.append(parent_end.recv())
        except EOFError:
            pass
        return got


    if __name__ == "__main__":
        print("RESULT=%s" % collect(3))
"""

DRAIN = """
    import multiprocessing


    def emit(conn, jobs):
        for job in jobs:
            conn.send_bytes(job.encode())


    def drain(conn):
        lines = []
        while True:
            try:
                lines.append(conn.recv_bytes())
            except (EOFError, OSError):
                return lines


    def run_all(jobs):
        receiver, sender = multiprocessing.Pipe(duplex=False)
        p = multiprocessing.Process(target=emit, args=(sender, jobs))
        p.start()
        out = drain(receiver)
        p.join()
        return out


    if __name__ == "__main__":
        print(run_all(["a", "b"]))
"""


def test_duplex_pipe_read_in_the_same_function():
    got = found(COLLECT.replace("CLOSE", "pass"), "MP418")
    assert len(got) == 1 and "`child_end`" in got[0].message and got[0].start.row == 22
    assert set(got[0].start_methods) == {"fork", "spawn", "forkserver"}


def test_one_way_pipe_read_by_a_helper():
    got = found(DRAIN, "MP418")
    assert len(got) == 1 and "`sender`" in got[0].message


MODULE_LEVEL = """
    import multiprocessing


    def produce(conn):
        conn.send("ready")


    if __name__ == "__main__":
        inbox, outbox = multiprocessing.Pipe(False)
        child = multiprocessing.Process(target=produce, args=(outbox,))
        child.start()
        CLOSE
        while True:
            try:
                print(inbox.recv())
            except EOFError:
                break
        child.join()
"""


def test_the_module_level_of_a_script():
    got = found(MODULE_LEVEL.replace("CLOSE", "pass"), "MP418")
    assert len(got) == 1 and "`outbox`" in got[0].message
    assert found(MODULE_LEVEL.replace("CLOSE", "outbox.close()"), "MP418") == []
    closed_elsewhere = MODULE_LEVEL.replace("CLOSE", "pass").replace(
        'def produce(conn):', 'def done():\n        outbox.close()\n\n\n    def produce(conn):')
    assert found(closed_elsewhere, "MP418") == []


NEAR_MISSES = {
    "closed": (COLLECT, "CLOSE", "child_end.close()"),
    "deleted": (COLLECT, "CLOSE", "del child_end"),
    "stored": (COLLECT, "CLOSE", "KEPT.append(child_end)"),
    "bound again": (COLLECT, "CLOSE", "child_end = None"),
    "sentinel": (COLLECT, "got.append(parent_end.recv())",
                 "item = parent_end.recv()\n                if item is None:\n                    break\n"
                 "                got.append(item)"),
    "alive test": (COLLECT, "while True:", "while worker.is_alive():"),
    "counted reads": (COLLECT, "while True:\n                got.append(parent_end.recv())",
                      "for _ in range(n):\n                got.append(parent_end.recv())"),
    "read after return": (DRAIN, "out = drain(receiver)\n        p.join()\n        return out",
                          "return receiver\n\n\n    def later(jobs):\n        return drain(run_all(jobs))"),
    "child reads": (DRAIN, "args=(sender, jobs)", "args=(receiver, jobs)"),
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_are_silent(name):
    program, old, new = NEAR_MISSES[name]
    changed = program.replace(old, new)
    assert changed != program
    assert found(changed.replace("CLOSE", "pass"), "MP418") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for close, hangs in (("pass", True), ("child_end.close()", False)):
        path = tmp_path / "collect.py"
        path.write_text(textwrap.dedent(COLLECT.replace("CLOSE", close)))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        if hangs:
            assert out.returncode == 3 and "HUNG" in out.stdout, (out.stdout, out.stderr)
        else:
            assert_outcome(out, False, "", "RESULT=[0, 1, 4]")
