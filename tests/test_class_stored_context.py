"""A start-method context a test class keeps on itself (semantic/class_stores): `cls._ctx =
multiprocessing.get_context(cls._method)` in setUpClass, or `_ctx = multiprocessing.get_context("spawn")` in the
class body, read as `self._ctx.Process(...)` by a method: a Queue of the default context handed to that spawn
Process is MP205 (a fork default: "A SemLock created in a fork context is being shared with a process in a spawn
context"). Silent when the Queue comes from `self._ctx`, when a subclass rebinds `_method` (its own setUpClass
stores another context), and when the module stores `._ctx` elsewhere too. Proven under fork, spawn and
forkserver (fresh_reports12 numba9192)."""
import sys
import textwrap

import pytest
from helpers import codes, run_program

SETUP = """
    import multiprocessing
    import os
    import unittest


    def child(q):
        q.put(os.getpid())


    class Mixin:
        _method = "spawn"
        CLASS_ATTRIBUTE

        @classmethod
        def setUpClass(cls):
            SETUP_CLASS

        def run_child(self):
            q = QUEUE
            proc = self._ctx.Process(target=child, args=(q,))
            proc.start()
            pid = q.get(timeout=10)
            proc.join(timeout=10)
            return pid


    class TestChild(Mixin, unittest.TestCase):
        EXTRA

        def test_child(self):
            self.assertNotEqual(self.run_child(), os.getpid())


    if __name__ == "__main__":
        unittest.main()
"""


def _src(queue="multiprocessing.Queue()", class_attribute="", setup="cls._ctx = multiprocessing.get_context(cls._method)",
         extra="pass"):
    return textwrap.dedent(SETUP).replace("CLASS_ATTRIBUTE", class_attribute or "pass").replace(
        "SETUP_CLASS", setup).replace("QUEUE", queue).replace("EXTRA", extra)


def test_set_up_class_context_with_a_default_queue():
    assert "MP205" in codes(_src())


def test_class_body_context_with_a_default_queue():
    assert "MP205" in codes(_src(class_attribute='_ctx = multiprocessing.get_context("spawn")', setup="pass"))


def test_the_queue_of_the_same_context_is_silent():
    assert "MP205" not in codes(_src(queue="self._ctx.Queue()"))
    assert "MP205" not in codes(_src(queue="self._ctx.Queue()", class_attribute='_ctx = multiprocessing.get_context'
                                     '("spawn")', setup="pass"))


def test_a_subclass_choosing_another_method_is_unknown():
    assert "MP205" not in codes(_src(extra='_method = "fork"'))


def test_another_store_of_the_attribute_is_unknown():
    assert "MP205" not in codes(_src(extra='def setUp(self):\n            self._ctx = multiprocessing.get_context()'))


@pytest.mark.parametrize("queue", ["multiprocessing.Queue()", "self._ctx.Queue()"])
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method, queue):
    path = tmp_path / "prog.py"
    path.write_text(_src(queue=queue))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    if method == "fork" and queue == "multiprocessing.Queue()":
        # 3.11+ refuses to pickle the SemLock in the parent; 3.10 sends it and the spawned child never answers
        refused = "SemLock created in a fork context" if sys.version_info >= (3, 11) else "Empty"
        assert out.returncode != 0 and refused in out.stderr, out.stderr
    else:
        assert out.returncode == 0, out.stderr
