"""The protocols Python calls methods through, for objects of another project module's classes: calling an
object runs its class's `__call__` (PyEMD #31, fresh_reports15 pyemd31: `eemd = EEMD(); eemd(s)` at module level
opens EEMD's pool), a `with C(...) as x:` statement calls `C.__enter__` also when it returns `self` (tvm PR #6083,
fresh_reports15 tvm6083: the executor is made in `__enter__`, the registry filled in `main()` is read by its
tasks), and a dataclass's field left to a lambda default is pickled with each instance (aqueduct PR #36,
fresh_reports15 aqueduct36: `handle_condition: Callable = lambda task: True`). Near misses: the call under the
main guard, a class whose `__call__` starts nothing, registration at import, a module-level default, the field
given by the call. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

SMOOTH = """
    from concurrent.futures import ProcessPoolExecutor


    def _half(x):
        return x / 2


    class Smoother:
        def __init__(self, workers=2):
            self.workers = workers

        def __call__(self, values):
            with ProcessPoolExecutor(self.workers) as pool:
                return list(pool.map(_half, values))


    class Plain:
        def __init__(self, workers=2):
            self.workers = workers

        def run(self, values):
            with ProcessPoolExecutor(self.workers) as pool:
                return list(pool.map(_half, values))

        def __call__(self, values):
            return [_half(v) for v in values]
"""

CALL_UNGUARDED = """
    from kit.smooth import Smoother

    smooth = Smoother(workers=2)
    out = smooth([2, 4, 6])
    print("RESULT=%s" % out)
"""

CALL_GUARDED = """
    from kit.smooth import Smoother


    def main():
        smooth = Smoother(workers=2)
        print("RESULT=%s" % smooth([2, 4, 6]))


    if __name__ == "__main__":
        main()
"""

CALL_PLAIN = CALL_UNGUARDED.replace("Smoother", "Plain")

REGISTRY = """
    _TABLE = {}


    def register(name, fn):
        _TABLE[name] = fn
        return fn


    def lookup(name):
        return _TABLE[name]
"""

JOBS = """
    from .registry import lookup


    def run_job(name, x):
        return lookup(name)(x)
"""

SESSION = """
    from concurrent.futures import ProcessPoolExecutor

    from kit.jobs import run_job
    from kit.registry import register


    def cube(x):
        return x ** 3


    class Session:
        def __init__(self, workers=2):
            self.workers = workers
            self._ex = None

        def __enter__(self):
            self._ex = ProcessPoolExecutor(self.workers)
            return self

        def __exit__(self, *exc):
            self._ex.shutdown()

        def run_all(self, name, xs):
            return [f.result() for f in [self._ex.submit(run_job, name, x) for x in xs]]


    if __name__ == "__main__":
        register("cube", cube)
        with Session() as session:
            print("RESULT=%s" % session.run_all("cube", [1, 2]))
"""

SESSION_AT_IMPORT = SESSION.replace("        return x ** 3\n", "        return x ** 3\n\n\n    register(\"cube\", cube)\n") \
    .replace("        register(\"cube\", cube)\n        with", "        with")

STEPS = """
    from dataclasses import dataclass, field
    from typing import Callable


    def keep_all(item):
        return True


    @dataclass
    class Stage:
        name: str
        accept: Callable = lambda item: item is not None
        limit: int = 10


    @dataclass
    class SafeStage:
        name: str
        accept: Callable = keep_all
        tags: list = field(default_factory=list)
"""

STAGE = """
    import multiprocessing as mp

    from kit.steps import Stage


    def work(stage, q):
        q.put(stage.name if stage.accept(1) else "")


    if __name__ == "__main__":
        q = mp.Queue()
        p = mp.Process(target=work, args=(Stage("load"), q))
        p.start()
        print("RESULT=%s" % q.get())
        p.join()
"""

PROGRAMS = {  # name -> (text, fails under spawn/forkserver)
    "call_unguarded.py": (CALL_UNGUARDED, True),
    "call_guarded.py": (CALL_GUARDED, False),
    "call_plain.py": (CALL_PLAIN, False),
    "session.py": (SESSION, True),
    "session_at_import.py": (SESSION_AT_IMPORT, False),
    "stage.py": (STAGE, True),
    "stage_given.py": (STAGE.replace('Stage("load")', 'Stage("load", print)'), False),
    "stage_safe.py": (STAGE.replace("import Stage\n", "import SafeStage as Stage\n"), False),
}


def tree(tmp_path):
    files = {"kit/__init__.py": "", "kit/smooth.py": SMOOTH, "kit/registry.py": REGISTRY, "kit/jobs.py": JOBS,
             "kit/steps.py": STEPS}
    files.update((name, text) for name, (text, _fails) in PROGRAMS.items())
    return project(tmp_path, files)


def reported(root, name) -> list:
    return sorted((f.code, f.start.row, tuple(sorted(f.start_methods))) for f in findings(root / name))


def test_calling_an_object_of_another_modules_class_runs_its_call(tmp_path):
    assert reported(tree(tmp_path), "call_unguarded.py") == [("MP101", 5, ("forkserver", "spawn"))]


@pytest.mark.parametrize("name", ["call_guarded.py", "call_plain.py"])
def test_a_guarded_call_or_a_call_that_starts_nothing(tmp_path, name):
    assert reported(tree(tmp_path), name) == []


def test_a_with_statement_calls_enter_that_returns_itself(tmp_path):
    assert reported(tree(tmp_path), "session.py") == [("MP302", 29, ("forkserver", "spawn"))]


def test_a_with_statement_after_registration_at_import(tmp_path):
    assert reported(tree(tmp_path), "session_at_import.py") == []


def test_a_lambda_default_of_another_modules_dataclass(tmp_path):
    hits = [f for f in findings(tree(tmp_path) / "stage.py") if f.code == "MP203"]
    assert [f.start.row for f in hits] == [13] and "field `accept` is a lambda" in hits[0].message
    assert "Stage.<lambda>" in hits[0].message  # (the class body's lambda, looked up by its qualname)


@pytest.mark.parametrize("name", ["stage_given.py", "stage_safe.py"])
def test_the_field_given_or_a_module_level_default(tmp_path, name):
    assert reported(tree(tmp_path), name) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = tree(tmp_path)
    for name, (_text, fails) in PROGRAMS.items():
        out = run_program(root / name, method, timeout=60, cwd=root)
        if fails and method != "fork":
            # the unguarded call: the re-imported script's pool breaks (BrokenProcessPool on every version; 3.14's
            # forkserver preloads the script, whose pool stops it with the bootstrapping error, and the parent's
            # connection to it is reset); the registry: KeyError in the worker; the stage: PicklingError (3.14:
            # "Can't pickle ... not found as ...")
            assert out.returncode != 0 and any(w in out.stderr for w in ("BrokenProcessPool", "KeyError: 'cube'",
                                                                          "Stage.<lambda>", "bootstrapping phase")), \
                (name, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
