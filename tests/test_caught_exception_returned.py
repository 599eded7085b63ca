"""`except ... as exc:` holds the exceptions the `try` body raises that the handler catches (semantic/caught): a
task returning `exc` sends it back with its attributes, and one keeping a thread lock fails to pickle (MP207,
`MaybeEncodingError`). Followed into a top-level function of another project module called in the `try`
(its `raise Cls(..., storage=storage)` made with the call's arguments). Silent for a handler of another class, a
raise an inner `try` catches, and a task that returns the error's text. Proven under fork, spawn and forkserver
(fresh_reports12 mars1990)."""
import textwrap

import pytest
from helpers import codes, run_program

from test_semantic_crossmodule import findings, project

SAME = """
    import threading
    from multiprocessing import Pool


    class Storage:
        def __init__(self):
            self._lock = threading.Lock()


    class ExecError(Exception):
        def __init__(self, message, storage=None):
            super().__init__(message)
            self.storage = storage


    class OtherError(Exception):
        pass


    def task(x):
        storage = Storage()
        try:
            BODY
            return ("ok", x)
        except HANDLER as exc:
            return ("error", RETURNED)


    if __name__ == "__main__":
        with Pool(2) as pool:
            print("RESULT=%s" % [r[0] for r in pool.map(task, [1, -1])])
"""

RAISE = 'if x < 0:\n            raise ExecError("negative", storage=storage)'


def _same(body=RAISE, handler="Exception", result="exc"):
    return textwrap.dedent(SAME).replace("BODY", body).replace("HANDLER", handler).replace("RETURNED", result)


@pytest.mark.parametrize("handler", ["Exception", "ExecError", "(ValueError, ExecError)", "BaseException"])
def test_the_caught_exception_is_returned(handler):
    assert "MP207" in codes(_same(handler=handler))


def test_near_misses_stay_silent():
    assert "MP207" not in codes(_same(handler="OtherError"))
    assert "MP207" not in codes(_same(result="str(exc)"))
    inner = 'try:\n            ' + RAISE.replace("\n", "\n    ") + '\n        except ExecError:\n            pass'
    assert "MP207" not in codes(_same(body=inner))


EXECUTION = """
    import threading


    class ChunkStorage:
        def __init__(self):
            self._lock = threading.Lock()


    class ExecutionError(Exception):
        def __init__(self, message, storage=None):
            super().__init__(message)
            self.storage = storage


    def run_operand(value, storage):
        if value < 0:
            raise ExecutionError("negative", storage=storage)
        return value * 2
"""

MAIN = """
    from multiprocessing import Pool

    from kit.execution import ChunkStorage, run_operand


    def task(value):
        storage = ChunkStorage()
        try:
            return ("ok", run_operand(value, storage))
        except Exception as exc:
            return ("error", RETURNED)


    if __name__ == "__main__":
        with Pool(2) as pool:
            print("RESULT=%s" % [r[0] for r in pool.map(task, [1, -1])])
"""


def _root(tmp_path, result="exc"):
    return project(tmp_path, {"kit/__init__.py": "", "kit/execution.py": EXECUTION,
                              "main.py": MAIN.replace("RETURNED", result)})


def test_raised_in_another_module(tmp_path):
    assert len(findings(_root(tmp_path) / "main.py", "MP207")) == 1


def test_the_text_of_the_error_is_silent(tmp_path):
    assert findings(_root(tmp_path, "type(exc).__name__") / "main.py", "MP207") == []


@pytest.mark.parametrize("result", ["exc", "type(exc).__name__"])
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method, result):
    root = _root(tmp_path, result)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if result == "exc":
        assert out.returncode != 0 and "MaybeEncodingError" in out.stderr and "_thread.lock" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=['ok', 'error']" in out.stdout, out.stderr
