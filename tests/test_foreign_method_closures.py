"""A nested function returned by a method of another project module's class is pickled by its qualified name
(`Class.method.<locals>.name`), which pickle cannot look up: a spawned or forkserver child never gets it. pyABC #286
(fresh_libs13 pyabc286): `ABCSMC._create_simulate_function` returns `simulate_one`, handed to the sampler's
`Process(args=...)`. Here another shape: a `Planner` of one module whose `make_step(scale)` (or a static method)
returns its nested `step`, passed through a parameter to a launcher of a third module that starts a Process with
it as the target's argument. Near misses: a method returning a module-level function, and a `functools.partial` of
one. Proven under fork (fine: nothing is pickled), spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

PLANNING = """
    import functools


    def _scaled(scale, x):
        return x * scale


    def _double(x):
        return x * 2


    class Planner:
        def __init__(self, offset):
            self.offset = offset

        def make_step(self, scale):
            offset = self.offset

            def step(x):
                return x * scale + offset

            return step

        @staticmethod
        def make_static(scale):
            def step(x):
                return x * scale
            return step

        def plain_step(self, scale):
            return _double

        def partial_step(self, scale):
            return functools.partial(_scaled, scale)
"""

LAUNCHER = """
    import multiprocessing


    def _run(fn, value, queue):
        queue.put(fn(value))


    def launch_all(fn, values):
        queue = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=_run, args=(fn, v, queue)) for v in values]
        for p in procs:
            p.start()
        got = [queue.get(timeout=30) for _ in procs]
        for p in procs:
            p.join()
        return got
"""

SCRIPT = """
    from kit.launcher import launch_all
    from kit.planning import Planner


    def main():
        planner = Planner(1)
        step = planner.{method}(2)
        print("RESULT=%d" % len(launch_all(step, [1, 2])))


    if __name__ == "__main__":
        main()
"""

HAZARDS = ["make_step", "make_static"]
NEAR_MISSES = ["plain_step", "partial_step"]


def _project(tmp_path, method):
    return project(tmp_path, {"kit/__init__.py": "", "kit/planning.py": PLANNING, "kit/launcher.py": LAUNCHER,
                              "main.py": SCRIPT.format(method=method)}) / "main.py"


@pytest.mark.parametrize("method", HAZARDS)
def test_a_closure_a_foreign_method_returns_is_found(tmp_path, method):
    found = findings(_project(tmp_path, method), "MP201")
    assert found, found
    assert any(f"Planner.{method}.<locals>.step" in f.message for f in found), found
    assert all("fork" not in f.start_methods and "spawn" in f.start_methods for f in found)


@pytest.mark.parametrize("method", NEAR_MISSES)
def test_a_module_function_or_a_partial_of_one_is_fine(tmp_path, method):
    assert not findings(_project(tmp_path, method), "MP201")


@pytest.mark.parametrize("start", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, start):
    for method in HAZARDS:
        out = run_program(_project(tmp_path / method, method), start)
        if start == "fork":
            assert out.returncode == 0 and "RESULT=2" in out.stdout, out.stderr
        else:
            assert out.returncode != 0 and ("local object" in out.stderr or "Can't get" in out.stderr), out.stderr
    for method in NEAR_MISSES:
        out = run_program(_project(tmp_path / method, method), start)
        assert out.returncode == 0 and "RESULT=2" in out.stdout, (method, out.stderr)
