"""MP414 for an executor whose task can end its worker process (os._exit, os.abort, os.kill of its own pid: reached
directly, through the module's functions or a table of them, in this module or another) and that gets more work
afterwards, with no handler for BrokenProcessPool (chancy #95, fresh_reports19 chancy95: `REGISTRY[func_name]` in
another module reaches `os._exit`, and the executor kept in `self.pool` gets the next job's submit). Near misses:
`sys.exit()` in the task (the worker catches SystemExit and goes on), a handler that makes a new executor, an
executor made per job. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

LOOP = """
    import os
    import sys
    from concurrent.futures import ProcessPoolExecutor


    def resize(n):
        return n * 2


    def crash(n):
        if n < 0:
            os.abort()
        return n


    HANDLERS = {"resize": resize, "crash": crash}


    def handle(kind, n):
        return HANDLERS[kind](n)


    def main():
        ex = ProcessPoolExecutor(1)
        done = []
        for kind, n in [("resize", 1), ("crash", -1), ("resize", 2)]:
            fut = ex.submit(handle, kind, n)
            if fut.exception() is None:
                done.append(fut.result())
        ex.shutdown()
        print("RESULT=%s" % done)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""

SYS_EXIT = LOOP.replace("os.abort()", "sys.exit(134)")
REBUILT = LOOP.replace("from concurrent.futures import ProcessPoolExecutor",
                       "from concurrent.futures import ProcessPoolExecutor\n"
                       "    from concurrent.futures.process import BrokenProcessPool") \
    .replace("            fut = ex.submit(handle, kind, n)\n",
             "            try:\n                fut = ex.submit(handle, kind, n)\n"
             "            except BrokenProcessPool:\n                ex = ProcessPoolExecutor(1)\n"
             "                fut = ex.submit(handle, kind, n)\n")
PER_JOB = LOOP.replace("        ex = ProcessPoolExecutor(1)\n", "") \
    .replace("            fut = ex.submit(handle, kind, n)\n",
             "            with ProcessPoolExecutor(1) as ex:\n                fut = ex.submit(handle, kind, n)\n"
             "                fut.exception()\n") \
    .replace("        ex.shutdown()\n", "")

ACTIONS = """
    import os
    import signal


    def ping(arg):
        return arg


    def die(arg):
        os.kill(os.getpid(), signal.SIGKILL)


    ACTIONS = {"ping": ping, "die": die}


    def call(name, arg):
        action = ACTIONS.get(name)
        return action(arg) if action is not None else None
"""

DISPATCHER = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from svc import actions


    class Dispatcher:
        def __init__(self):
            self._ex = ProcessPoolExecutor(1)
            self.failed = 0

        def send(self, name, arg):
            fut = self._ex.submit(actions.call, name, arg)
            if fut.exception() is not None:
                self.failed += 1
            return fut

        def close(self):
            self._ex.shutdown()


    def main():
        d = Dispatcher()
        for name in ["ping", "die", "ping"]:
            d.send(name, 1)
        d.close()
        print("RESULT=%s" % d.failed)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""

CASES = {"loop": (LOOP, True), "sys.exit": (SYS_EXIT, False), "rebuilt": (REBUILT, False),
         "per job": (PER_JOB, False), "dispatcher": (DISPATCHER, True),
         "dispatcher caught": (DISPATCHER.replace("            d.send(name, 1)\n",
                                                  "            try:\n                d.send(name, 1)\n"
                                                  "            except Exception:\n                d = Dispatcher()\n"),
                               False)}


def _root(tmp_path, src):
    return project(tmp_path, {"svc/__init__.py": "", "svc/actions.py": ACTIONS, "main.py": src})


@pytest.mark.parametrize("name", sorted(CASES))
def test_findings(tmp_path, name):
    src, hazard = CASES[name]
    got = findings(_root(tmp_path, src) / "main.py", "MP414")
    assert len(got) == (1 if hazard else 0), got
    if hazard:
        line = textwrap.dedent(src).splitlines()[got[0].start.row - 1]
        assert ".submit(" in line and "BrokenProcessPool" in got[0].message
    if name == "dispatcher":
        assert "die() calls os.kill()" in got[0].message and got[0].related_file.line == 11
        assert "`self._ex` (made once, in __init__)" in got[0].message
    if name == "loop":
        assert "crash() calls os.abort()" in got[0].message and [p.row for p, _ in got[0].related] == [13]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, method, name):
    src, hazard = CASES[name]
    out = run_program(_root(tmp_path, src) / "main.py", method)
    if hazard:
        assert out.returncode != 0 and "BrokenProcessPool" in out.stderr, out.stdout + out.stderr
    else:
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stdout + out.stderr
