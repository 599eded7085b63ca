"""A method that hands `self.<method>` to a process pool sends its object with it, as the caller's concrete class
made it: poli #59 (fresh_libs12 poli59): `AbstractBlackBox.__call__` (one module) submits `self._black_box`, and the
subclass of another module keeps a lambda; the program calls the object a helper function returns. Here a `run()`
method a base class defines (`ex.map(self.score, items)`) and a `__call__`, both inherited by subclasses of another
module; the subclass keeping a lambda fails. Near misses: a subclass keeping a named function, a subclass overriding
run() to work in the parent (reached from the base's __call__), and a base whose pool is a thread pool. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

RUNNER = """
    from concurrent.futures import {executor}


    class Runner:
        def __init__(self, workers=2):
            self.workers = workers

        def score(self, item):
            return item

        def run(self, items):
            with {executor}(self.workers) as ex:
                return list(ex.map(self.score, items))

        def __call__(self, items):
            return self.run(items)
"""

SCORERS = """
    from kit.runner import Runner


    def double(x):
        return 2 * x


    class LambdaScorer(Runner):
        def __init__(self, offset, **kwargs):
            super().__init__(**kwargs)
            self.shift = lambda x: x + offset

        def score(self, item):
            return self.shift(item)


    class NamedScorer(Runner):
        def __init__(self, offset, **kwargs):
            super().__init__(**kwargs)
            self.offset = offset
            self.shift = double

        def score(self, item):
            return self.shift(item) + self.offset


    class LocalScorer(LambdaScorer):
        def run(self, items):
            return [self.score(i) for i in items]
"""

SCRIPT = """
    import sys

    from kit.scorers import {cls}


    def build(offset):
        return {cls}(offset, workers=2)


    def main():
        scorer = build(3)
        print("RESULT=%s" % {call})


    if __name__ == "__main__":
        sys.exit(main())
"""

CALLS = ["scorer.run([1, 2, 3])", "scorer([1, 2, 3])"]


def _project(tmp_path, cls, call, executor="ProcessPoolExecutor"):
    return project(tmp_path, {"kit/__init__.py": "", "kit/runner.py": RUNNER.format(executor=executor),
                              "kit/scorers.py": SCORERS, "main.py": SCRIPT.format(cls=cls, call=call)}) / "main.py"


def test_an_inherited_method_mapping_self_score_sends_the_subclass_lambda(tmp_path):
    (finding,) = findings(_project(tmp_path, "LambdaScorer", CALLS[0]), "MP201")
    assert "LambdaScorer" in finding.message and "lambda" in finding.message and "kit.runner.Runner.run" in finding.message


def test_an_inherited_call_reaching_the_same_method(tmp_path):
    assert findings(_project(tmp_path, "LambdaScorer", CALLS[1]), "MP201")


@pytest.mark.parametrize("call", CALLS)
def test_a_named_function_kept_instead_is_fine(tmp_path, call):
    assert not findings(_project(tmp_path, "NamedScorer", call))


def test_a_subclass_running_in_process_is_fine(tmp_path):
    # (its own run() runs, in the parent: the base's __call__ calls it on the object)
    # (the script names a process pool itself, so that it is read whatever its imports give: linter/reach)
    path = _project(tmp_path, "LocalScorer", CALLS[1])
    path.write_text("from concurrent.futures import ProcessPoolExecutor\n" + path.read_text())
    assert not findings(path)


@pytest.mark.parametrize("call", CALLS)
def test_a_thread_pool_base_is_fine(tmp_path, call):
    assert not findings(_project(tmp_path, "LambdaScorer", call, "ThreadPoolExecutor"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for i, call in enumerate(CALLS):
        out = run_program(_project(tmp_path / f"bad{i}", "LambdaScorer", call), method)
        assert out.returncode != 0 and "LambdaScorer.__init__.<locals>.<lambda>" in out.stderr, out.stderr
        out = run_program(_project(tmp_path / f"ok{i}", "NamedScorer", call), method)
        assert out.returncode == 0 and "RESULT=[5, 7, 9]" in out.stdout, out.stderr
        out = run_program(_project(tmp_path / f"threads{i}", "LambdaScorer", call, "ThreadPoolExecutor"), method)
        assert out.returncode == 0 and "RESULT=[4, 5, 6]" in out.stdout, out.stderr
    out = run_program(_project(tmp_path / "local", "LocalScorer", CALLS[1]), method)
    assert out.returncode == 0 and "RESULT=[4, 5, 6]" in out.stdout, out.stderr
