"""MP208 for an exception raised by the method of a worker object a pool's initializer builds as a module global
(processpool-python #5, fresh_reports14 processpool5_job_error_holds_lambda): `ProcessPool(worker_class, n)` hands
the class to `ProcessPoolExecutor(initializer=_init, initargs=(worker_class,))`, `_init` binds `_worker =
worker_class()`, and each task returns `_worker.run(...)`; the class's `run` raises an exception pickle cannot send
back. Found in one module (the class given in initargs, or called by name in the initializer) and across modules
(the helper's summary names the parameter and the method). Near misses: the task catches and re-raises a plain
error, the method raises a plain error, a class passed that the task never calls. Proven under fork, spawn and
forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

STAGE = """
    from multiprocessing import Pool

    _stage = None


    def _prepare(stage_type, scale):
        global _stage
        _stage = stage_type(scale)


    def _apply(item):
        return _stage.transform(item)


    class StageRunner:
        def __init__(self, stage_type, scale=2, processes=2):
            self.pool = Pool(processes, initializer=_prepare, initargs=(stage_type, scale))

        def run(self, items):
            try:
                return self.pool.map(_apply, items)
            finally:
                self.pool.close()
                self.pool.join()
"""

STAGE_CAUGHT = STAGE.replace("""        return _stage.transform(item)""", """        try:
            return _stage.transform(item)
        except Exception as error:
            raise RuntimeError(f"{type(error).__name__}: {error}") from None""")

CALLER = """
    import sys
    import threading

    from kit.stages import StageRunner


    class ResizeError(Exception):
        def __init__(self, message):
            super().__init__(message)
            self.guard = threading.Lock()


    class Resize:
        def __init__(self, scale):
            self.scale = scale

        def transform(self, item):
            if item < 0:
                raise ResizeError(f"negative size {item}")
            return item * self.scale


    if __name__ == "__main__":
        try:
            print("RESULT=%s" % StageRunner(Resize).run([1, -2, 3]))
        except Exception as error:
            print("FAILED", type(error).__name__, error, file=sys.stderr)
            sys.exit(1)
"""

PLAIN_ERROR = CALLER.replace("raise ResizeError(", "raise ValueError(")

SAME_MODULE = """
    import threading
    from concurrent.futures import ProcessPoolExecutor

    _codec = None


    class CodecError(Exception):
        def __init__(self, message, position):
            super().__init__(message)
            self.position = position
            self.lock = threading.Lock()


    class Codec:
        def decode(self, data):
            if not data.isascii():
                raise CodecError("not ascii", 0)
            return data.lower()


    def _start():
        global _codec
        _codec = Codec()


    def decode(data):
        return _codec.decode(data)


    if __name__ == "__main__":
        with ProcessPoolExecutor(2, initializer=_start) as pool:
            print("RESULT=%s" % pool.submit(decode, "Ab\u00e9").result(timeout=30))
"""


def test_across_modules_at_the_raise(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/stages.py": STAGE, "main.py": CALLER})
    (finding,) = findings(root / "main.py", "MP208")
    assert finding.start.row == 20 and "Resize.transform()" in finding.message and "_thread.lock" in finding.message


@pytest.mark.parametrize("stage, caller", [(STAGE_CAUGHT, CALLER), (STAGE, PLAIN_ERROR),
                                           (STAGE.replace("_stage.transform(item)", "item"), CALLER)])
def test_across_modules_near_misses(tmp_path, stage, caller):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/stages.py": stage, "main.py": caller})
    assert findings(root / "main.py", "MP208") == []


def test_same_module():
    (finding,) = found(SAME_MODULE, "MP208")
    assert "Codec.decode()" in finding.message and finding.start.row == 18


def test_same_module_near_miss():
    program = SAME_MODULE.replace("""        return _codec.decode(data)""", """        try:
            return _codec.decode(data)
        except CodecError as error:
            raise ValueError(str(error)) from None""")
    assert found(program, "MP208") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    bad = project(tmp_path / "bad", {"kit/__init__.py": "", "kit/stages.py": STAGE, "main.py": CALLER,
                                     "same.py": SAME_MODULE})
    good = project(tmp_path / "good", {"kit/__init__.py": "", "kit/stages.py": STAGE_CAUGHT, "main.py": CALLER,
                                       "plain.py": PLAIN_ERROR})
    for name in ("main.py", "same.py"):
        out = run_program(bad / name, method, cwd=bad)
        assert out.returncode != 0 and "cannot pickle '_thread.lock' object" in out.stderr, (name, out.stderr)
    out = run_program(good / "main.py", method, cwd=good)  # the task's RuntimeError reaches the parent
    assert out.returncode != 0 and "RuntimeError" in out.stderr and "ResizeError: negative size" in out.stderr, \
        out.stderr
    out = run_program(good / "plain.py", method, cwd=good)
    assert out.returncode != 0 and "ValueError" in out.stderr and "negative size" in out.stderr, out.stderr
