"""A constructor default of another project module's class that names a lambda bound at that module's top
(`identity = lambda x: x`, CloserLookFewShot #80's data/dataset.py, fresh_reports8 closerlook): an object made by a
call that leaves the parameter out stores that lambda, which pickle looks up as `<lambda>` in that module and
cannot find. Judged for the call that makes the object (also one made inside another class's constructor of that
module, alone or in a list comprehension, with `**extra` a dict the constructor picks by whether a parameter left
to its default `None` is None: SetDataset's `extra = {} if target_transform is None else {...}`). Near misses: the call gives the parameter (by position, by keyword),
unpacks `**options` (whether the default applies is not known), or the default is a `def`. Proven under fork,
spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

DATASET = """
    identity = lambda x: x


    def keep(x):
        return x


    class Sub:
        def __init__(self, label, target_transform=identity):
            self.label = label
            self.target_transform = target_transform


    class Episodes:
        def __init__(self, n):
            self.subs = [Sub(i) for i in range(n)]


    class Single:
        def __init__(self, n):
            self.sub = Sub(n)


    class Given:
        def __init__(self, n):
            self.subs = [Sub(i, keep) for i in range(n)]


    class Picked:
        def __init__(self, n, target_transform=None):
            extra = {} if target_transform is None else {"target_transform": target_transform}
            self.subs = [Sub(i, **extra) for i in range(n)]
"""

MAIN = """
    import multiprocessing

    from kit.dataset import Episodes, Given, Picked, Single, Sub, keep


    def work(data):
        print("got", type(data).__name__)


    if __name__ == "__main__":
        options = {"target_transform": keep}
        data = MAKE
        p = multiprocessing.Process(target=work, args=(data,))
        p.start()
        p.join()
        print("EXIT=%d" % p.exitcode)
"""


def build(tmp_path, make, dataset=DATASET):
    return project(tmp_path, {"kit/__init__.py": "", "kit/dataset.py": dataset, "main.py": MAIN.replace("MAKE", make)})


@pytest.mark.parametrize("make", ["Sub(1)", "Episodes(2)", "Single(2)", "Picked(2)"])
def test_a_default_left_to_another_modules_lambda_is_reported(tmp_path, make):
    (finding,) = findings(build(tmp_path, make) / "main.py", "MP203")
    # pickle names the module it looked in: "attribute lookup <lambda> on kit.dataset failed" up to 3.13,
    # "it's not found as kit.dataset.<lambda>" on 3.14
    assert ".target_transform is a lambda" in finding.message
    assert "on kit.dataset failed" in finding.message or "not found as kit.dataset.<lambda>" in finding.message
    assert finding.start_methods == frozenset({"spawn", "forkserver"})


@pytest.mark.parametrize("make", ["Sub(1, keep)", "Sub(1, target_transform=keep)", "Sub(1, **options)",
                                  "Given(2)", "Picked(2, target_transform=keep)", "Picked(2, None)"])
def test_a_call_that_gives_the_parameter_or_unpacks_is_silent(tmp_path, make):
    assert findings(build(tmp_path, make) / "main.py", "MP203") == []


def test_a_default_that_is_a_def_is_silent(tmp_path):
    dataset = DATASET.replace("identity = lambda x: x", "def identity(x):\n        return x")
    assert findings(build(tmp_path, "Episodes(2)", dataset) / "main.py", "MP203") == []


@pytest.mark.parametrize("change", ["extra.update(options)", "extra = {}"])
def test_a_spread_dict_changed_or_bound_again_is_silent(tmp_path, change):
    """(its keys are then not the literal's)"""
    dataset = DATASET.replace("            self.subs = [Sub(i, **extra) for i in range(n)]",
                              f"            {change}\n            self.subs = [Sub(i, **extra) for i in range(n)]")
    dataset = dataset.replace("def __init__(self, n, target_transform=None):",
                              "def __init__(self, n, target_transform=None, options=None):")
    assert findings(build(tmp_path, "Picked(2)", dataset) / "main.py", "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("make", ["Sub(1)", "Episodes(2)", "Picked(2)", "Sub(1, target_transform=keep)", "Given(2)",
                                  "Picked(2, target_transform=keep)"])
def test_runtime(tmp_path, method, make):
    root = build(tmp_path, make)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    fails = method != "fork" and "keep" not in make and "Given" not in make
    if fails:
        assert "Can't pickle" in out.stderr and "lambda" in out.stderr, out.stderr
    else:
        assert "EXIT=0" in out.stdout, out.stderr
