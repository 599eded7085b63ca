"""Near misses of the sweep after names re-exported by a package __init__ were followed (session 20, nilearn
0.14.1 in docs/sweep.md): the examples call the library through its packages' re-exports, which reached
helpers mpguard had not judged through before.

- `SecondLevelModel.fit()`, `non_parametric_inference()` (nilearn/glm/second_level) call `mean_img()`,
  `run_glm()`, `permuted_ols()` of other modules, whose joblib workers are loky's: fresh interpreters that never
  re-import the script. The summary kept loky's method for a function that makes the `Parallel` itself, not for
  one that calls such a function of yet another module (MP101 at import).
- `load_img(img)` returns `check_niimg(img, ...)`, which gives a generator only under `if return_iterator:`
  (default False). `check_niimg` is defined below `load_img`, so its returns were read later, all of them,
  whatever the call passed (MP203 of a joblib task's argument)."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, run_program, skip_without

from test_semantic_crossmodule import findings, project

# --- MP101: a helper of a helper whose pool never re-imports the script ------------------------------------------

SEARCH = {
    "kit/__init__.py": "",
    "kit/stats/__init__.py": """
        from kit.stats.search import search_forked, search_light, search_processes

        __all__ = ["search_forked", "search_light", "search_processes"]
    """,
    "kit/stats/search.py": """
        import multiprocessing

        from joblib import Parallel, delayed


        def score(x):
            return x * 2


        def search_light(items, n_jobs=2):
            return Parallel(n_jobs=n_jobs)(delayed(score)(x) for x in items)


        def search_processes(items, n_jobs=2):
            return Parallel(n_jobs=n_jobs, backend="multiprocessing")(delayed(score)(x) for x in items)


        def search_forked(items):
            with multiprocessing.get_context("fork").Pool(2) as pool:
                return pool.map(score, items)
    """,
    "kit/model.py": """
        import multiprocessing

        from kit.stats import search_forked, search_light, search_processes


        class Model:
            def fit(self, items):
                self.scores_ = search_light(items)
                return self


        def infer(items):
            return search_light(items)


        def infer_forked(items):
            return search_forked(items) + search_light(items)


        def infer_processes(items):
            return search_processes(items)


        def infer_mixed(items):
            with multiprocessing.Pool(2) as pool:
                return pool.map(abs, items) + search_light(items)
    """,
}


@pytest.mark.parametrize("call,found", [
    ("infer([1, 2, 3])", False),                  # loky, one module further
    ("Model().fit([1, 2, 3]).scores_", False),
    ("infer_forked([1, 2, 3])", False),           # a fork context and loky: nothing re-imports the script
    ("infer_processes([1, 2, 3])", True),         # joblib's multiprocessing backend: the default method
    ("infer_mixed([1, 2, 3])", True),             # a Pool of the default method next to loky's
])
def test_a_helper_calling_another_modules_loky_helper(tmp_path, call, found):
    root = project(tmp_path, {**SEARCH, "main.py": f"""
        from kit.model import Model, infer, infer_forked, infer_mixed, infer_processes

        print({call})
    """})
    assert bool(findings(root / "main.py", "MP101")) is found


def test_the_same_call_in_a_script_of_the_helper_module_itself(tmp_path):
    """A function of the script calling the loky helper of a package is judged alike (rules/guard)."""
    root = project(tmp_path, {**SEARCH, "main.py": """
        from kit.stats import search_light, search_processes


        def run(items):
            return search_light(items)


        def run_processes(items):
            return search_processes(items)


        print(CALL)
    """})
    path = root / "main.py"
    text = path.read_text()
    path.write_text(text.replace("CALL", "run([1, 2])"))
    assert not findings(path, "MP101")
    path.write_text(text.replace("CALL", "run_processes([1, 2])"))
    assert findings(path, "MP101")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_loky_helper_of_a_helper_at_import(tmp_path, method):
    skip_without("joblib")
    root = project(tmp_path, {**SEARCH, "main.py": """
        from kit.model import Model, infer

        print(infer([1, 2, 3]), Model().fit([4]).scores_)
    """})
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert_outcome(out, False, "", "[2, 4, 6] [8]")


# --- MP203: a function returns a call of one defined below it, whose generator only some arguments reach ----------

LOADER = """
    from joblib import Parallel, delayed


    def load(path):
        return check(path, RETURNED)


    def check(path, ensure=None, as_iterator=False):
        if isinstance(path, (list, tuple)):
            if as_iterator:
                return (p for p in path)
            return list(path)
        if as_iterator:
            return (path[:i] for i in range(len(path)))
        return path


    def size(x):
        return len(x)


    def run(paths):
        images = [load(p) for p in paths]
        return Parallel(n_jobs=2)(delayed(size)(i) for i in images)


    if __name__ == "__main__":
        print(run(["ab", "c"]))
"""


@pytest.mark.parametrize("returned,found", [
    ("ensure=1", False), ("", False), ("as_iterator=False", False), ("None, False", False),
    ("as_iterator=True", True), ("None, True", True),
])
def test_the_returns_a_call_reaches_of_a_function_defined_below(returned, found):
    src = textwrap.dedent(LOADER).replace(", RETURNED", f", {returned}" if returned else "")
    assert ("MP203" in codes(src)) is found


def test_the_same_function_defined_above_is_judged_alike():
    src = textwrap.dedent(LOADER).replace(", RETURNED", "")
    loader = src[src.index("def load"):src.index("def check")]
    above = src.replace(loader, "").replace("def size", loader + "def size")
    assert "MP203" not in codes(above)
    assert "MP203" in codes(above.replace("return check(path)", "return check(path, as_iterator=True)"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_loader(tmp_path, method):
    skip_without("joblib")
    path = tmp_path / "loader.py"
    path.write_text(textwrap.dedent(LOADER).replace(", RETURNED", ""))
    out = run_program(path, method, timeout=120, cwd=tmp_path)
    assert_outcome(out, False, "", "[2, 1]")
