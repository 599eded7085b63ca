"""A module object (what an `import` statement binds) kept on an object is refused by plain pickle: TypeError: cannot
pickle 'module' object (the catalog's builtins.module; dill and cloudpickle pickle it by reference). CosmoHammer #10
(fresh_libs12 cosmohammer10): a likelihood keeping `backend=math`, its bound method mapped over a stdlib Pool. Here
another shape: a codec object of another module that stores the module it imported (`self.codec = json`), sent as a
Pool.apply_async argument, and one whose constructor default is a module. Near misses: a function of the module
stored instead, a caller passing another value for the default, and a multiprocess (dill) pool. Proven under fork,
spawn and forkserver."""
import pytest
from helpers import run_program, skip_without

from test_semantic_crossmodule import findings, project

CODECS = """
    import json
    import math
    from json import dumps


    class ModuleCodec:
        def __init__(self, indent):
            self.indent = indent
            self.codec = json

        def encode(self, value):
            return self.codec.dumps(value, indent=self.indent)


    class FunctionCodec:
        def __init__(self, indent):
            self.indent = indent
            self.dump = dumps

        def encode(self, value):
            return self.dump(value, indent=self.indent)


    class Rounder:
        def __init__(self, digits, backend=math):
            self.digits = digits
            self.backend = backend

        def apply(self, value):
            return round(self.backend.floor(value * 10 ** self.digits) / 10 ** self.digits, self.digits)
"""

SCRIPT = """
    import {pool_module}

    from kit.codecs import FunctionCodec, ModuleCodec, Rounder


    def run(obj, value):
        return obj.{method}(value)


    def main():
        obj = {made}
        with {pool_module}.Pool(2) as pool:
            print("RESULT=%s" % pool.apply_async(run, (obj, 1.25)).get(timeout=30))


    if __name__ == "__main__":
        main()
"""

HAZARDS = [("ModuleCodec(2)", "encode"), ("Rounder(1)", "apply")]
NEAR_MISSES = [("FunctionCodec(2)", "encode"), ("Rounder(1, backend=abs)", "apply")]


def _project(tmp_path, made, method, pool_module="multiprocessing"):
    script = SCRIPT.format(made=made, method=method, pool_module=pool_module)
    if made.startswith("Rounder(1, backend=abs)"):  # (abs has no floor: a stand-in object that has one)
        script = script.replace("backend=abs", "backend=Floor()").replace(
            "def run(", "class Floor:\n        def floor(self, x):\n            return x // 1\n\n\n    def run(")
    return project(tmp_path, {"kit/__init__.py": "", "kit/codecs.py": CODECS, "main.py": script}) / "main.py"


@pytest.mark.parametrize("made, method", HAZARDS)
def test_a_module_kept_on_the_object_is_refused_by_pickle(tmp_path, made, method):
    (finding,) = findings(_project(tmp_path, made, method), "MP203")
    assert "cannot pickle 'module' object" in finding.message and "module" in finding.message


@pytest.mark.parametrize("made, method", NEAR_MISSES)
def test_a_function_or_a_given_value_is_fine(tmp_path, made, method):
    assert not findings(_project(tmp_path, made, method))


@pytest.mark.parametrize("made, method", HAZARDS)
def test_dill_pickles_the_module_by_reference(tmp_path, made, method):
    assert not findings(_project(tmp_path, made, method, "multiprocess"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for i, (made, name) in enumerate(HAZARDS):
        out = run_program(_project(tmp_path / f"bad{i}", made, name), method)
        assert out.returncode != 0 and "cannot pickle 'module' object" in out.stderr, out.stderr
    for i, (made, name) in enumerate(NEAR_MISSES):
        out = run_program(_project(tmp_path / f"ok{i}", made, name), method)
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_dill(tmp_path, method):
    skip_without("multiprocess")
    out = run_program(_project(tmp_path, *HAZARDS[0], "multiprocess"), method)
    assert out.returncode == 0 and "RESULT=1.25" in out.stdout, out.stderr
