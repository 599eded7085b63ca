"""MP423 through a logging handler's own lock (semantic/emit_locks.py, rules/emit_locks.py; cpython #81610): a
thread logs through a logger whose project handler holds a lock of its own across a blocking call in emit(), the
process forks while the thread runs, and the child logs through the same logger. logging re-creates only each
Handler's `self.lock` in a forked child, so the child's copy of the handler's own lock stays held. Shapes: the
handler in another module and the fork in a pool made one call below, an RLock held across a `.wait()`. Near misses:
an emit that takes no lock of its own (only logging's, re-created), a lock released before the wait, a thread or a
child that logs through another logger or below the logger's level, a thread joined first, a spawn context, a
handler that registers an at-fork hook. Proven under fork, spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, codes, run_program

from mpguard.semantic.emit_locks import held_across_wait
from test_semantic_crossmodule import findings, project

HANDLERS = """
    import logging
    import threading
    import time


    class ShippingHandler(logging.Handler):
        def __init__(self, pause=0.0):
            super().__init__()
            self._outbox_lock = threading.RLock()
            self._outbox = []
            self.pause = pause
            self.inside = threading.Event()
            self.resume = threading.Event()

        def emit(self, record):
            with self._outbox_lock:
                self._outbox.append(self.format(record))
                self.inside.set()
                self.resume.wait(self.pause)
            EXTRA
"""

SERVICE = """
    import logging
    import multiprocessing
    import threading

    from kit.handlers import ShippingHandler

    log = logging.getLogger("jobs")


    def ping():
        log.THREAD_LEVEL("still alive")


    def work(n):
        log.CHILD_LEVEL("work %d", n)
        return n * n


    def watch():
        beat = threading.Thread(target=ping, daemon=True)
        beat.start()
        return beat


    def crunch():
        with CTX.Pool(2) as pool:
            return pool.map(work, range(4))


    def main():
        handler = ShippingHandler(pause=3.0)
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        beat = watch()
        handler.inside.wait(5)
        JOIN
        print(crunch())


    if __name__ == "__main__":
        main()
"""


def files(extra="pass", thread="info", child="warning", ctx="multiprocessing", join="pass", handlers=HANDLERS):
    main = textwrap.dedent(SERVICE).replace("THREAD_LEVEL", thread).replace("CHILD_LEVEL", child) \
        .replace("CTX", ctx).replace("JOIN", join)
    return {"kit/__init__.py": "", "kit/handlers.py": textwrap.dedent(handlers).replace("EXTRA", extra),
            "main.py": main}


def mp423(tmp_path, **changes) -> list:
    root = project(tmp_path, files(**changes))
    return [f.start.row for f in findings(root / "main.py") if f.code == "MP423"]


def test_a_handler_of_another_module_and_a_pool_one_call_below(tmp_path):
    assert mp423(tmp_path) == [27]


SAME_MODULE = """
    import logging
    import multiprocessing as mp
    import threading
    import time

    audit = logging.getLogger("audit")


    class SpoolHandler(logging.Handler):
        def __init__(self):
            super().__init__()
            self._spool = threading.Lock()
            self.rows = []

        def emit(self, record):
            with self._spool:
                self.rows.append(record.getMessage())
                time.sleep(1.0)
            AFTER


    def report():
        audit.error("nightly report")


    def child(q):
        audit.CHILD("child %s", "up")
        q.put(1)


    if __name__ == "__main__":
        audit.addHandler(SpoolHandler())
        audit.setLevel(logging.WARNING)
        t = threading.Thread(target=report)
        t.start()
        q = mp.Queue()
        p = mp.Process(target=child, args=(q,))
        p.start()
        q.get()
        p.join()
        t.join()
"""


def test_a_handler_of_the_module_and_a_process_in_the_main_block():
    assert "MP423" in codes(SAME_MODULE.replace("AFTER", "pass").replace("CHILD", "error"))


def test_a_lock_released_before_the_wait_or_a_child_below_the_level_is_silent():
    released = SAME_MODULE.replace("                time.sleep(1.0)\n            AFTER", "            time.sleep(1.0)")
    assert "time.sleep(1.0)" in released and "MP423" not in codes(released.replace("CHILD", "error"))
    assert "MP423" not in codes(SAME_MODULE.replace("AFTER", "pass").replace("CHILD", "info"))


@pytest.mark.parametrize("changes", [
    {"handlers": HANDLERS.replace("with self._outbox_lock:", "if True:")},  # only logging's own lock
    {"thread": "debug"},                                                     # the thread's record is dropped
    {"child": "debug"},                                                      # the child's record is dropped
    {"join": "beat.join()"},                                                 # joined before the fork
    {"ctx": 'multiprocessing.get_context("spawn")'},                        # no fork
    {"extra": "os.register_at_fork(after_in_child=self._outbox.clear)"},    # a fork-aware handler
])
def test_near_misses_are_silent(tmp_path, changes):
    if "extra" in changes:
        changes["handlers"] = HANDLERS.replace("import logging", "import logging\n    import os")
    assert not mp423(tmp_path, **changes)


def test_the_lock_must_be_the_handlers_own_made_once():
    src = textwrap.dedent("""
        import threading
        import time

        SHARED = threading.Lock()

        class A:
            def __init__(self):
                self._lock = threading.Lock()
            def emit(self, record):
                with self._lock:
                    time.sleep(1)

        class Rebound(A):
            def __init__(self):
                self._lock = threading.Lock()
            def emit(self, record):
                with self._lock:
                    time.sleep(1)
            def reset(self):
                self._lock = threading.Lock()

        class Module:
            def __init__(self):
                self.n = 0
            def emit(self, record):
                with SHARED:
                    time.sleep(1)
    """)
    tree = ast.parse(src)
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    qualify = lambda node: ast.unparse(node) if ast.unparse(node) in ("threading.Lock", "time.sleep") else None  # noqa: E731
    assert held_across_wait(classes["A"], qualify, "emit").attribute == "_lock"
    assert held_across_wait(classes["Rebound"], qualify, "emit") is None
    assert held_across_wait(classes["Module"], qualify, "emit") is None


PROOF = """
    import logging
    import multiprocessing
    import threading
    import time

    log = logging.getLogger("proof")


    class OwnLockHandler(logging.Handler):
        def __init__(self):
            super().__init__()
            self._own = threading.Lock()
            self.inside = threading.Event()

        def emit(self, record):
            with self._own:
                self.inside.set()
                time.sleep(3)


    HANDLER = OwnLockHandler()


    def child(out):
        ok = HANDLER._own.acquire(timeout=2)
        out.put("child took the lock" if ok else "child found it held")


    if __name__ == "__main__":
        log.addHandler(HANDLER)
        log.setLevel(logging.INFO)
        t = threading.Thread(target=log.info, args=("busy",))
        t.start()
        HANDLER.inside.wait(5)
        out = multiprocessing.Queue()
        p = multiprocessing.Process(target=child, args=(out,))
        p.start()
        print(out.get(), flush=True)
        p.join()
        t.join()
"""


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    """logging re-creates a handler's `self.lock` in a forked child, not a lock the handler made itself: forked while
    a thread is inside emit(), the child finds it held (a timeout in the child: no hang)."""
    path = tmp_path / "proof.py"
    path.write_text(textwrap.dedent(PROOF))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, False, "", "child found it held" if method == "fork" else "child took the lock")
