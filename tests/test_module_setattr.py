"""A module's global replaced at run time by `setattr(module, name, value)` (or `module.name = value`), in another
project module's function given the module object (appmap-python #202, fresh_reports19 appmap202: the agent's
`instrument(geometry, [...])` installs proxies whose `__reduce_ex__` raises) or in this module's own code on a module
it imports (semantic/module_setattr). What is later read as `module.name` and handed to a pool is that object,
judged by pickle's algorithm for its class (semantic/refusing_state: an own pickling method that only raises).
Near misses: a proxy that pickles as a name lookup, the replacement after the pool ran, another name replaced,
names the analysis cannot read. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

HOOKS = """
    import functools
    import importlib


    def _lookup(module, name):
        return getattr(importlib.import_module(module), name)


    class Traced:
        def __init__(self, func):
            self.func = func
            functools.update_wrapper(self, func)

        def __call__(self, *args):
            return self.func(*args)

        def __reduce__(self):
            raise TypeError("a Traced hook cannot be pickled")


    class Named:
        def __init__(self, func):
            self.func = func

        def __call__(self, *args):
            return self.func(*args)

        def __reduce__(self):
            return _lookup, (self.func.__module__, self.func.__name__)


    def hook(mod, attr, kind=Traced):
        setattr(mod, attr, Traced(getattr(mod, attr)))


    def hook_named(mod, attr):
        setattr(mod, attr, Named(getattr(mod, attr)))


    def hook_all(target, attrs):
        for attr in attrs:
            target.__dict__[attr] = Traced(getattr(target, attr))
"""

JOBS = """
    def score(x):
        return x * 3


    def weight(x):
        return x + 1
"""

MAIN = """
    import os
    import sys
    from multiprocessing import Pool

    import pipeline.jobs as jobs
    from pipeline.hooks import hook, hook_named

    HOOKS


    def run(values):
        table = [jobs.score]
        with Pool(2) as pool:
            results = [pool.apply_async(fn, (v,)) for fn in table for v in values]
            return [r.get(timeout=60) for r in results]


    def main():
        INSTALL
        got = run([1, 2])
        print("RESULT=%s" % got)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""

OWN = """
    import sys
    from multiprocessing import Pool

    from pipeline import jobs
    from pipeline.hooks import Traced

    jobs.score = Traced(jobs.score)


    def main():
        with Pool(2) as pool:
            print("RESULT=%s" % pool.map(jobs.score, [1, 2]))
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""

CASES = {  # name -> (what main() installs, fails)
    "keywords": ('hook(mod=jobs, attr="score")', True),
    "positional": ('hook(jobs, "score")', True),
    "named proxy": ('hook_named(jobs, "score")', False),
    "other name": ('hook(jobs, "weight")', False),
    "unknown name": ('hook(jobs, os.environ.get("HOOKED", "weight"))', False),
}


def _project(tmp_path, install, main=MAIN):
    return project(tmp_path, {"pipeline/__init__.py": "", "pipeline/hooks.py": HOOKS, "pipeline/jobs.py": JOBS,
                              "main.py": main.replace("INSTALL", install).replace("HOOKS", "")})


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_global_replaced_by_another_modules_function(tmp_path, name):
    install, fails = CASES[name]
    got = findings(_project(tmp_path, install) / "main.py", "MP201")
    assert len(got) == (1 if fails else 0), got
    if fails:
        assert "`jobs.score`, which pipeline.hooks.hook()" in got[0].message and "Traced.__reduce__" in got[0].message
        assert got[0].error == "TypeError: a Traced hook cannot be pickled"


INLINE = """
    import sys
    from multiprocessing import Pool

    from pipeline import jobs
    from pipeline.hooks import hook


    def main():
        with Pool(2) as pool:
            print("RESULT=%s" % pool.map(jobs.score, [1, 2]))
        hook(jobs, "score")  # (traced from now on: the pool is done)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""


def test_replaced_after_the_pool_ran(tmp_path):
    """`jobs.score` read and pickled before hook() runs, in the same function: the pool gets the function. (Had the
    function been read first and pickled after the replacement, pickle would refuse it as "not the same object as
    pipeline.jobs.score": a hazard of its own, not modelled, so not said.)"""
    root = project(tmp_path, {"pipeline/__init__.py": "", "pipeline/hooks.py": HOOKS,
                                            "pipeline/jobs.py": JOBS, "main.py": INLINE})
    assert findings(root / "main.py", "MP201") == []


def test_a_dict_of_a_module_object_is_not_read_as_setattr(tmp_path):
    """`target.__dict__[attr] = ...` is not followed (hook_all): silent, not guessed."""
    root = _project(tmp_path, 'hook_all(jobs, ["score"])')
    assert findings(root / "main.py", "MP201") == []


def test_replaced_by_this_modules_own_code(tmp_path):
    root = project(tmp_path, {"pipeline/__init__.py": "", "pipeline/hooks.py": HOOKS, "pipeline/jobs.py": JOBS,
                              "main.py": OWN})
    [got] = findings(root / "main.py", "MP201")
    assert "`jobs.score`, which this module (line 8)" in got.message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES) + ["own", "inline"])
def test_runtime(tmp_path, method, name):
    files = {"pipeline/__init__.py": "", "pipeline/hooks.py": HOOKS, "pipeline/jobs.py": JOBS}
    root = project(tmp_path, {**files, "main.py": OWN if name == "own" else INLINE}) if name in ("own", "inline") \
        else _project(tmp_path, CASES[name][0])
    fails = name == "own" or name in CASES and CASES[name][1]
    said = bool(findings(root / "main.py", "MP201"))
    out = run_program(root / "main.py", method, cwd=root)
    assert said == fails
    if fails:
        assert out.returncode != 0 and "a Traced hook cannot be pickled" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr
