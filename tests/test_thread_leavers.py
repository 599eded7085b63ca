"""MP423 when the thread's start or the fork is some calls away (issue 12; semantic/thread_leavers.py,
rules/thread_order.py): a runtime object of another module whose method starts a thread two calls deep
(`RUNTIME.parallel_sum()` -> `self.ensure_started()` -> `self._thread.start()`: tangos #281), a fork one call below
the function that started the thread (domain-scan #157), a thread started in `setUpClass` through another module's
constructor before a test method forks (mempalace #1431). Near misses stay silent: a thread joined before the fork
(in the starting function, in the caller, in setUp), a short-lived target, a spawn context, the thread started
after the fork. Proven under fork, spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, codes, run_program

from mpguard.semantic.servers import module_imports
from mpguard.semantic.thread_leavers import leavers
from test_semantic_crossmodule import findings, project

RUNTIME = """
    import threading
    import time

    LOCK = threading.Lock()
    BUSY = threading.Event()


    class Runtime:
        def __init__(self):
            self._thread = None

        def _spin(self):
            while True:
                with LOCK:
                    BUSY.set()
                    time.sleep(0.25)
                time.sleep(0.001)

        def ensure_started(self):
            if self._thread is None:
                self._thread = threading.Thread(target=self._spin, daemon=True)
                self._thread.start()
                BUSY.wait(5)
            ENDING

        def compute(self, values):
            self.ensure_started()
            return sum(values)


    RUNTIME = Runtime()
"""

MAIN = """
    import multiprocessing
    import sys

    IMPORTS


    def child(out):
        CHILD


    def launch():
        out = CTX.Queue()
        procs = [CTX.Process(target=child, args=(out,)) for _ in range(2)]
        for p in procs:
            p.start()
        print(out.get(), flush=True)
        for p in procs:
            p.join()


    def main():
        BEFORE
        launch()
        AFTER


    if __name__ == "__main__":
        main()
"""


TAKES_LOCK = """ok = LOCK.acquire(timeout=3)
    out.put("child acquired" if ok else "child found it held")"""


def files(before="RUNTIME.compute(range(5))", after="pass", ending="pass", ctx="multiprocessing", child=TAKES_LOCK):
    main = textwrap.dedent(MAIN).replace("IMPORTS", "from kit.runtime import LOCK, RUNTIME") \
        .replace("BEFORE", before).replace("AFTER", after).replace("CTX", ctx).replace("CHILD", child)
    return {"kit/__init__.py": "", "kit/runtime.py": textwrap.dedent(RUNTIME).replace("ENDING", ending),
            "main.py": main}


def mp423(tmp_path, **changes) -> list:
    root = project(tmp_path, files(**changes))
    return [f for f in findings(root / "main.py") if f.code == "MP423"]


def test_leavers_of_a_module_follow_methods_and_instances():
    tree = ast.parse(textwrap.dedent(RUNTIME).replace("ENDING", "pass"))
    found = leavers(tree, _qualify(tree), module="kit.runtime")["leaves"]
    assert found["RUNTIME.compute"][1] == "kit.runtime"
    assert {"Runtime.ensure_started", "Runtime.compute", "RUNTIME.compute", "RUNTIME.ensure_started"} <= set(found)
    assert "Runtime._spin" not in found and "Runtime" not in found


def _qualify(tree):
    return module_imports(tree, "kit.runtime").qualify


def test_leavers_drop_a_joined_or_short_lived_thread():
    src = textwrap.dedent("""
        import threading

        def quick():
            return 1

        def loop():
            while True:
                pass

        def short():
            threading.Thread(target=quick).start()

        def joined():
            t = threading.Thread(target=loop)
            t.start()
            t.join()

        def left():
            t = threading.Thread(target=loop)
            t.start()

        def calls_left_then_joins(t):
            left()
            t.join()

        class Pool:
            def __init__(self):
                self.threads = [threading.Thread(target=loop) for _ in range(2)]

            def start(self):
                for t in self.threads:
                    t.start()

        class Maker:
            def __init__(self):
                left()
    """)
    tree = ast.parse(src)
    found = leavers(tree, _qualify(tree))
    assert set(found["leaves"]) == {"left", "Maker.__init__", "Maker"}
    assert {"joined", "calls_left_then_joins"} <= set(found["ends"]) and "left" not in found["ends"]


def test_a_call_of_what_joins_ends_the_thread():
    """`svc.start()` then `svc.stop()` whose body joins: not running at the fork (nor is one left by a function
    that calls stop() after)."""
    src = textwrap.dedent("""
        import multiprocessing
        import threading
        import time

        def spin():
            while True:
                time.sleep(0.1)

        class Service:
            def start(self):
                self.worker = threading.Thread(target=spin, daemon=True)
                self.worker.start()

            def stop(self):
                self.worker.join(0.1)

        def main():
            svc = Service()
            svc.start()
            STOP
            multiprocessing.Process(target=spin).start()

        if __name__ == "__main__":
            main()
    """)
    assert "MP423" in codes(src.replace("STOP", "pass"))
    assert "MP423" not in codes(src.replace("STOP", "svc.stop()"))


def test_a_thread_two_calls_deep_in_another_modules_object(tmp_path):
    found = mp423(tmp_path)
    assert [f.start.row for f in found] == [17]  # (`p.start()` in launch(), one call below main())


@pytest.mark.parametrize("changes", [
    {"ending": "self._thread.join(0.1)"},                      # joined where it is started
    {"before": "RUNTIME.compute(range(5))\n    RUNTIME._thread.join()"},  # joined before the fork, in the caller
    {"before": "pass", "after": "RUNTIME.compute(range(5))"},  # started after the fork
    {"ctx": 'multiprocessing.get_context("spawn")'},           # no fork
    {"ctx": 'multiprocessing.get_context("forkserver")'},
    # the child never uses the module whose thread runs (opentargets data_pipeline #472's fix: the workers return
    # their log lines); a thread of another module is judged only for a child that reaches that module
    {"child": 'out.put("child acquired")'},
])
def test_near_misses_are_silent(tmp_path, changes):
    assert not mp423(tmp_path, **changes)


SAME_MODULE = """
    import multiprocessing
    import threading
    import time

    def spin():
        while True:
            time.sleep(0.1)

    def scan(n):
        with multiprocessing.Pool(n) as pool:
            return pool.map(abs, range(n))

    def main():
        warmer = threading.Thread(target=spin, daemon=True)
        warmer.start()
        JOIN
        scan(2)

    if __name__ == "__main__":
        main()
"""


def test_a_fork_one_call_below_the_start():
    assert "MP423" in codes(SAME_MODULE.replace("JOIN", "pass"))


def test_a_fork_one_call_below_the_start_after_a_join_is_silent():
    assert "MP423" not in codes(SAME_MODULE.replace("JOIN", "warmer.join()"))


def test_a_fork_below_a_function_called_twice_is_not_judged():
    """Which call of scan() runs first is not known (rules/call_order.lifted): said nothing."""
    assert "MP423" not in codes(SAME_MODULE.replace("JOIN", "pass").replace("scan(2)", "scan(2)\n    scan(3)"))


TESTS = """
    import multiprocessing
    import threading
    import time
    import unittest

    def spin():
        while True:
            time.sleep(0.1)

    class Service:
        def __init__(self):
            self.worker = threading.Thread(target=spin, daemon=True)
            self.worker.start()

    def child():
        pass

    class TestService(unittest.TestCase):
        @classmethod
        def setUpClass(cls):
            cls.service = Service()

        SETUP

        def test_fork(self):
            proc = multiprocessing.get_context("fork").Process(target=child)
            proc.start()
            proc.join()

    if __name__ == "__main__":
        unittest.main()
"""


def test_a_thread_started_in_setupclass_through_a_constructor():
    assert "MP423" in codes(TESTS.replace("SETUP", "pass"))


def test_a_thread_started_in_another_class_or_after_the_test_is_silent():
    """Which class the runner takes first is not known; tearDownClass runs after the tests."""
    hook = "@classmethod\n        def setUpClass(cls):\n            cls.service = Service()"
    mine = "class TestService(unittest.TestCase):\n        " + hook
    other = TESTS.replace("SETUP", "pass").replace(
        mine, "class TestOther(unittest.TestCase):\n        " + hook + "\n\n    class TestService(unittest.TestCase):")
    assert "class TestOther" in other and "MP423" not in codes(other)
    later = TESTS.replace("SETUP", "pass").replace("def setUpClass(cls):", "def tearDownClass(cls):")
    assert "MP423" not in codes(later)


def test_a_thread_joined_in_setup_is_silent():
    assert "MP423" not in codes(TESTS.replace("SETUP", "def setUp(self):\n            self.service.worker.join()"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    """The forked child finds the runtime's lock held by a thread that does not exist there; spawn and forkserver
    children import the module anew (a short timeout in the child: no hang)."""
    root = project(tmp_path, files())
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, False, "", "child found it held" if method == "fork" else "child acquired")


def test_calls_inside_a_lambda_are_read_without_error():
    """A lambda is a function of the facts too (its body an expression): its calls have no local instances."""
    src = SAME_MODULE.replace("JOIN", "pass") \
        .replace("scan(2)", "run = lambda: print(len(str(scan)))\n    run()\n    scan(2)")
    assert "MP002" not in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_of_the_child_that_never_uses_the_module(tmp_path, method):
    """The near miss that stays silent: the runtime's thread runs at the fork, but the child never takes its lock."""
    root = project(tmp_path, files(child='out.put("child acquired")'))
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, False, "", "child acquired")
