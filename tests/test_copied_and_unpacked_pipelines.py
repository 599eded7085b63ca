"""MP203 for a lambda in a pipeline of another module (openai/CLIP PR #151, fresh_reports14
clip151_embed_gallery_lambda_preprocess): torchvision's `Compose.__init__` copies its list
(`self.transforms = list(transforms)`), which keeps the items, lambda included; `clip.load()` returns
`(model, _transform(n_px))` and the caller unpacks it (`model, preprocess = clip.load(...)`): item 1 is the
pipeline. Spawned children refuse the lambda (`Can't pickle local object '_transform.<locals>.<lambda>'`).
Near misses: the named converter of the fix, item 0 of the tuple (the model), a constructor that keeps only the
list's length. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

STEPS = """
    class Chain:
        def __init__(self, steps):
            self.steps = tuple(steps)

        def __call__(self, value):
            for step in self.steps:
                value = step(value)
            return value


    class Counted:
        def __init__(self, steps):
            self.size = len(steps)

        def __call__(self, value):
            return value


    class Scale:
        def __init__(self, factor):
            self.factor = factor

        def __call__(self, value):
            return value * self.factor
"""

RECIPES = """
    from .steps import Chain, Counted, Scale


    class Scorer:
        def __init__(self, bias):
            self.bias = bias

        def score(self, value):
            return value + self.bias


    def _plus_one(value):
        return value + 1


    def _pipeline(factor):
        return Chain([Scale(factor), lambda value: value + 1])


    def _named_pipeline(factor):
        return Chain([Scale(factor), _plus_one])


    def _counted_pipeline(factor):
        return Counted([Scale(factor), lambda value: value + 1])


    def build(factor=2):
        scorer = Scorer(0.5)
        return scorer, _pipeline(factor)


    def build_named(factor=2):
        return Scorer(0.5), _named_pipeline(factor)


    def build_counted(factor=2):
        return Scorer(0.5), _counted_pipeline(factor)
"""

MAIN = """
    import multiprocessing

    from pipes_kit import recipes


    def apply(prepare, values, out):
        out.put([prepare(v) for v in values])


    class Batch:
        def __init__(self, values, prepare):
            self.values = values
            self.prepare = prepare


    def run_batch(batch, out):
        out.put([batch.prepare(v) for v in batch.values])


    def main():
        scorer, prepare = recipes.BUILD()
        out = multiprocessing.Queue()
        worker = multiprocessing.Process(target=run_batch, args=(Batch([1, 2, 3], GIVEN), out))
        worker.start()
        got = out.get(timeout=30)
        worker.join()
        print("RESULT=%s" % got)


    if __name__ == "__main__":
        main()
"""

LOCAL_LAMBDA = """
    import multiprocessing

    from pipes_kit.steps import Chain, Scale


    def run(chain, out):
        out.put(chain(3))


    if __name__ == "__main__":
        out = multiprocessing.Queue()
        chain = Chain([Scale(2), lambda value: value - 1])
        worker = multiprocessing.Process(target=run, args=(chain, out))
        worker.start()
        print("RESULT=%s" % out.get(timeout=30))
        worker.join()
"""


def program(build="build", given="prepare"):
    return MAIN.replace("BUILD", build).replace("GIVEN", given)


def files(main, local=LOCAL_LAMBDA):
    return {"pipes_kit/__init__.py": "", "pipes_kit/steps.py": STEPS, "pipes_kit/recipes.py": RECIPES,
            "main.py": main, "local.py": local}


def test_the_pipeline_unpacked_from_another_modules_tuple(tmp_path):
    root = project(tmp_path, files(program()))
    [finding] = findings(root / "main.py", "MP203")
    assert finding.start.row == 24
    assert "item 1 of the tuple pipes_kit.recipes.build() returns" in finding.message
    assert "_pipeline.<locals>.<lambda>" in finding.message


def test_a_copied_list_of_another_modules_class(tmp_path):
    root = project(tmp_path, files(program()))
    [finding] = findings(root / "local.py", "MP203")
    assert "Chain (from pipes_kit.steps), built with a lambda" in finding.message


@pytest.mark.parametrize("build, given", [("build_named", "prepare"), ("build", "scorer.score"),
                                          ("build_counted", "prepare")])
def test_near_misses(tmp_path, build, given):
    root = project(tmp_path, files(program(build, given)))
    assert findings(root / "main.py", "MP203") == []


def test_a_constructor_keeping_only_the_length(tmp_path):
    local = LOCAL_LAMBDA.replace("import Chain, Scale", "import Counted, Scale").replace("Chain([", "Counted([")
    root = project(tmp_path, files(program(), local))
    assert findings(root / "local.py", "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    cases = [("a", program(), "main.py", True), ("b", program(), "local.py", True),
             ("c", program("build_named"), "main.py", False), ("d", program("build", "scorer.score"), "main.py", False),
             ("e", program("build_counted"), "main.py", False)]
    for name, main, script, fails in cases:
        root = project(tmp_path / name, files(main))
        out = run_program(root / script, method, timeout=60, cwd=root)
        if fails and method != "fork":
            assert out.returncode != 0 and ("Can't pickle" in out.stderr or "Can't get local object" in out.stderr
                                            or "attribute lookup <lambda>" in out.stderr), (name, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
