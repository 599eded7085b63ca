"""MP305 through another project module's own lock (semantic/module_locks.py, rules/state._held_elsewhere): a helper
module's function leaves a thread running that takes the module's lock (`logsink.start_flusher()`), and a process
forked later runs code that calls a function of that module taking the same lock (`logsink.write()`): forked while
the thread holds it, the child's copy stays locked (qtile #2068; fresh_realistic7
qtile_test_server_fork_while_flusher_holds_lock). "Later" is the same function further down, or a function a common
caller runs first, or unittest's order (setUpClass before the test; semantic/test_runner.py). Near misses: the thread
started after the fork, in tearDownClass, or in another class's setUpClass (order not known); a thread taking another
lock. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.semantic.module_locks import module_locks
from mpguard.semantic.names import ImportMap
from test_semantic_crossmodule import findings, project

LOGSINK = """
    import sys
    import threading
    import time

    _LOCK = threading.Lock()
    _OTHER = threading.Lock()
    holding = threading.Event()


    def write(msg):
        with _LOCK:
            sys.stdout.write(msg + "\\n")
            sys.stdout.flush()


    def _flush_forever(delay):
        while True:
            with HELD:
                holding.set()
                time.sleep(delay)
            time.sleep(0.01)


    def start_flusher(delay=30.0):
        t = threading.Thread(target=_flush_forever, args=(delay,), daemon=True)
        t.start()
        holding.wait(5)
        return t
"""

SUITE = """
    import multiprocessing as mp
    import sys
    import unittest

    from kit import logsink


    def serve(name, ready):
        logsink.write(f"{name}: starting")
        ready.put(name)


    def fork_server():
        ready = mp.Queue()
        proc = mp.Process(target=serve, args=("srv", ready), daemon=True)
        proc.start()
        try:
            return ready.get(timeout=5)
        finally:
            proc.join(1)


    class ServerTests(unittest.TestCase):
        HOOK

        def test_server(self):
            BEFORE
            print("RESULT", fork_server())
            AFTER


    if __name__ == "__main__":
        result = unittest.main(exit=False).result
        sys.exit(0 if result.wasSuccessful() else 1)
"""

START = "logsink.start_flusher()"
SET_UP_CLASS = "@classmethod\n        def setUpClass(cls):\n            logsink.start_flusher()"
TEAR_DOWN_CLASS = "@classmethod\n        def tearDownClass(cls):\n            logsink.start_flusher(0.05)"


def files(hook="pass", before="pass", after="pass", held="_LOCK", extra=""):
    return {"kit/__init__.py": "", "kit/logsink.py": LOGSINK.replace("HELD", held),
            "test_server.py": SUITE.replace("HOOK", hook).replace("BEFORE", before).replace("AFTER", after) + extra}


def mp305(tmp_path, **kwargs):
    return findings(project(tmp_path, files(**kwargs)) / "test_server.py", "MP305")


def test_the_module_fact():
    import ast
    tree = ast.parse(textwrap.dedent(LOGSINK.replace("HELD", "_LOCK")))
    imports = ImportMap("kit")
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            imports.add(stmt)
    assert module_locks(tree, imports.qualify) == {
        "takes": {"write": ["_LOCK"], "_flush_forever": ["_LOCK"]}, "threads": {"start_flusher": ["_LOCK"]}}


@pytest.mark.parametrize("hook, before", [(SET_UP_CLASS, "pass"), ("pass", START)])
def test_a_thread_left_running_before_the_fork(tmp_path, hook, before):
    [finding] = mp305(tmp_path, hook=hook, before=before)
    src = textwrap.dedent(files()["test_server.py"])
    assert finding.start.row == next(i for i, line in enumerate(src.splitlines(), 1) if "proc.start()" in line)
    assert set(finding.start_methods) == {"fork"}
    assert "kit.logsink.start_flusher()" in finding.message and "kit.logsink._LOCK" in finding.message


OTHER_CLASS = """

class OtherTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        logsink.start_flusher()

    def test_other(self):
        pass
"""


@pytest.mark.parametrize("kwargs", [dict(after=START), dict(hook=TEAR_DOWN_CLASS), dict(hook=SET_UP_CLASS, held="_OTHER"),
                                    dict(extra=OTHER_CLASS)])
def test_near_misses(tmp_path, kwargs):
    assert mp305(tmp_path, **kwargs) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kwargs, hangs", [
    (dict(hook=SET_UP_CLASS), True), (dict(before=START), True),
    (dict(after=START), False), (dict(hook=SET_UP_CLASS, held="_OTHER"), False)])
def test_runtime(tmp_path, method, kwargs, hangs):
    root = project(tmp_path, files(**kwargs))
    out = run_program(root / "test_server.py", method, timeout=60, cwd=root)
    if hangs and method == "fork":  # the child blocks on the copied lock: no answer within 5 s
        assert out.returncode != 0 and "Empty" in out.stderr, out.stderr
    else:
        assert_outcome(out, False, None, "RESULT srv")


ONE_FILE = """
    import multiprocessing as mp
    import sys
    import threading
    import time
    import unittest

    LOCK = threading.Lock()


    def hold(seconds):
        with LOCK:
            time.sleep(seconds)


    def work(q):
        with LOCK:
            q.put("ok")


    class ForkTests(unittest.TestCase):
        @classmethod
        def HOOK(cls):
            thread = threading.Thread(target=hold, args=(SECONDS,), daemon=True)
            thread.start()
            time.sleep(0.2)
            JOIN

        def test_fork(self):
            q = mp.Queue()
            p = mp.Process(target=work, args=(q,), daemon=True)
            p.start()
            print("RESULT", q.get(timeout=5))
            p.join()


    if __name__ == "__main__":
        sys.exit(0 if unittest.main(exit=False).result.wasSuccessful() else 1)
"""


def one_file(hook="setUpClass", seconds="30", join="pass"):
    return ONE_FILE.replace("HOOK", hook).replace("SECONDS", seconds).replace("JOIN", join)


def test_one_module_thread_started_in_set_up_class():
    from helpers import found
    src = one_file()
    [finding] = found(src, "MP305")
    assert finding.start.row == next(i for i, line in enumerate(textwrap.dedent(src).splitlines(), 1)
                                     if "p.start()" in line)


@pytest.mark.parametrize("kwargs", [dict(hook="tearDownClass", seconds="0.3"), dict(seconds="0.3", join="thread.join()")])
def test_one_module_near_misses(kwargs):
    from helpers import found
    assert found(one_file(**kwargs), "MP305") == []  # started after the test; joined before it


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kwargs, hangs", [(dict(), True), (dict(seconds="0.3", join="thread.join()"), False)])
def test_one_module_runtime(tmp_path, method, kwargs, hangs):
    path = tmp_path / "test_fork.py"
    path.write_text(textwrap.dedent(one_file(**kwargs)))
    out = run_program(path, method, timeout=60)
    if hangs and method == "fork":
        assert out.returncode != 0 and "Empty" in out.stderr, out.stderr
    else:
        assert_outcome(out, False, None, "RESULT ok")
