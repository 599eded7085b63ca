"""MP302 for another project module's class-level container that the class's `__init__` fills in the parent and a
pool task reads (pyctcdecode #65, fresh_reports17 pyctcdecode65: `model_container[self._model_key] = lm` in
`__init__`, `decode_batch(pool, ...)` mapping `functools.partial(self._decode_logits, ...)` over the pool it is
given). A spawned or forkserver worker imports the class's module afresh and finds the container empty (KeyError);
a forked worker has the parent's. Shapes: the bound method mapped here, a partial of it, the class's own method
handed the pool (by keyword), the object from a factory of its module, `type(self).attr`. Near misses: a
fork-context pool, an initializer, a task that fills the container itself, a constant class attribute, a read of
the instance's own attribute. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

REGISTRY = """
    import functools
    import uuid


    class Scorer:
        weights = {}

        def __init__(self, weight):
            self.token = uuid.uuid4().hex
            type(self).weights[self.token] = weight

        def score(self, value, offset=0):
            return Scorer.weights[self.token] * value + offset

        def score_all(self, executor, values):
            scored = functools.partial(self.score, offset=1)
            return list(executor.map(scored, values))


    def make_scorer(weight):
        return Scorer(weight)
"""

DIRECT = """
    import multiprocessing

    from lib.registry import Scorer


    def main():
        scorer = Scorer(3)
        with multiprocessing.Pool(2) as pool:
            print("RESULT=%s" % pool.map(scorer.score, [1, 2]))


    if __name__ == "__main__":
        main()
"""

THROUGH_METHOD = """
    from concurrent.futures import ProcessPoolExecutor

    from lib import registry


    class Job:
        def __init__(self, scorer):
            self.scorer = scorer

        def executor(self):
            return ProcessPoolExecutor(max_workers=2)

        def run(self, values):
            with self.executor() as ex:
                return self.scorer.score_all(executor=ex, values=values)


    if __name__ == "__main__":
        print("RESULT=%s" % Job(registry.make_scorer(5)).run([1, 2]))
"""


def _root(tmp_path, registry=REGISTRY, direct=DIRECT, through=THROUGH_METHOD):
    return project(tmp_path, {"lib/__init__.py": "", "lib/registry.py": registry, "direct.py": direct,
                              "through.py": through})


def test_bound_method_mapped_here(tmp_path):
    root = _root(tmp_path)
    (finding,) = findings(root / "direct.py", "MP302")
    assert finding.start.row == 10 and finding.start_methods == frozenset({"spawn", "forkserver"})
    assert "`Scorer.weights`" in finding.message and "`Scorer.score`" in finding.message
    assert finding.related_file.path.endswith("registry.py") and finding.related_file.line == 11


def test_partial_of_a_bound_method_in_the_method_given_the_pool_by_keyword(tmp_path):
    root = _root(tmp_path)
    (finding,) = findings(root / "through.py", "MP302")
    assert finding.start.row == 16 and finding.start_methods == frozenset({"spawn", "forkserver"})


@pytest.mark.parametrize("change", ["fork pool", "initializer", "task fills", "constant class attribute",
                                    "own attribute"])
def test_near_misses(tmp_path, change):
    registry, direct, through = REGISTRY, DIRECT, THROUGH_METHOD
    if change == "fork pool":
        direct = direct.replace("multiprocessing.Pool(2)", 'multiprocessing.get_context("fork").Pool(2)')
        through = through.replace("ProcessPoolExecutor(max_workers=2)", "ProcessPoolExecutor(max_workers=2, "
                                  'mp_context=__import__("multiprocessing").get_context("fork"))')
    elif change == "initializer":
        direct = direct.replace("multiprocessing.Pool(2)", "multiprocessing.Pool(2, initializer=print)")
        through = through.replace("max_workers=2)", "max_workers=2, initializer=print)")
    elif change == "task fills":
        registry = registry.replace("return Scorer.weights[self.token]",
                                    "Scorer.weights.setdefault(self.token, 1)\n            return Scorer.weights[self.token]")
    elif change == "constant class attribute":
        registry = registry.replace("weights = {}", "weights = {}\n        scale = 2")
        registry = registry.replace("return Scorer.weights[self.token]", "return Scorer.scale")
    else:
        registry = registry.replace("return Scorer.weights[self.token]", "return self.weight")
        registry = registry.replace("self.token = uuid.uuid4().hex", "self.token = uuid.uuid4().hex\n"
                                    "            self.weight = weight")
    root = _root(tmp_path, registry, direct, through)
    assert findings(root / "direct.py", "MP302") == []
    assert findings(root / "through.py", "MP302") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = _root(tmp_path / "x")
    fixed = _root(tmp_path / "y", direct=DIRECT.replace("multiprocessing.Pool(2)",
                                                        'multiprocessing.get_context("fork").Pool(2)'),
                  through=THROUGH_METHOD.replace("ProcessPoolExecutor(max_workers=2)", "ProcessPoolExecutor("
                                                 'max_workers=2, mp_context=__import__("multiprocessing")'
                                                 '.get_context("fork"))'))
    for name, expected in (("direct.py", "RESULT=[3, 6]"), ("through.py", "RESULT=[6, 11]")):
        out = run_program(root / name, method, cwd=root)
        if method == "fork":
            assert expected in out.stdout, out.stderr
        else:  # (3.10's executor may report the worker's failure as a broken pool)
            assert out.returncode != 0 and ("KeyError" in out.stderr or "BrokenProcessPool" in out.stderr), out.stderr
        out = run_program(fixed / name, method, cwd=fixed)
        assert expected in out.stdout, out.stderr
