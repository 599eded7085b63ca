"""General models found missing by fresh_realistic6's blind programs, each with a hazard-free near miss and proven by
running it under fork, spawn and forkserver:

- an exception class of another project module, raised by that module's function in a task, that the task itself
  catches by a base class the other module shows (`except BaseValidationError:` around `structure(...)` raising
  `ForbiddenExtraKeysError(BaseValidationError)`, cattrs #666): it never leaves the task, so MP208 is not reported;
  caught by an unrelated class, it still is;
- a class-body statement that calls a class (or function) of another project module that starts processes
  (`model = PowderModel(peaks)` in a unittest TestCase body, whose `__init__` starts a Pool; xrayutilities #121): it
  runs when the class statement does, at import, so a re-importing child starts processes while bootstrapping
  (MP101); built in `setUpClass`, it does not;
- an item of another project module's global container added by that module's function that the parent calls
  (`registry.register("scaled", ScaledModel)` running `_MODELS[name] = cls`, or `.update()`), read by the child through
  that module's function (`registry.resolve(arch)`; vLLM #9233): a re-importing child has the import-time registry
  (MP302 at the parent's call); registered again by the pool's initializer, it is not lost;
- an item written into a container the function was given (`args["log"] = open(...)` in `run_pipeline(args)`,
  MIDAS #112): from that write on the parameter holds the item too, so the open file inside the pool task arguments
  built from it is refused by pickle under every start method (MP203); the path stored instead pickles."""
import sys

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

STRUCTURE = """
    class BaseValidationError(Exception):
        pass


    class ForbiddenExtraKeysError(BaseValidationError):
        def __init__(self, message, cl, extra_fields):
            self.cl = cl
            self.extra_fields = extra_fields
            super().__init__(message or f"extra fields for {cl}: {sorted(extra_fields)}")


    def structure(record, allowed):
        extra = set(record) - set(allowed)
        if extra:
            raise ForbiddenExtraKeysError("", "Line", extra)
        return dict(record)
"""

TASK = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from kit import structure as s


    def transform(record):
        try:
            return s.structure(record, ("sku", "qty"))
        except HANDLER as exc:
            return ("rejected", str(exc))


    def main():
        records = [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 2, "coupon": "X"}]
        with ProcessPoolExecutor(max_workers=2) as executor:
            results = list(executor.map(transform, records))
        rejected = sum(1 for r in results if isinstance(r, tuple))
        print("RESULT=%d" % rejected)
        sys.exit(0 if rejected == 1 else 3)


    if __name__ == "__main__":
        main()
"""

# the handler around the call in the task -> does the error still leave the task
HANDLERS = {"s.BaseValidationError": False, "s.ForbiddenExtraKeysError": False, "(KeyError, ValueError)": True}


def _task(tmp_path, handler):
    return project(tmp_path, {"kit/__init__.py": "", "kit/structure.py": STRUCTURE,
                              "main.py": TASK.replace("HANDLER", handler)})


@pytest.mark.parametrize("handler", sorted(HANDLERS))
def test_another_modules_error_caught_in_the_task_by_its_base(tmp_path, handler):
    got = findings(_task(tmp_path, handler) / "main.py", "MP208")
    assert bool(got) is HANDLERS[handler], [f.message for f in got]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("handler", sorted(HANDLERS))
def test_runtime_error_caught_in_the_task(tmp_path, handler, method):
    root = _task(tmp_path, handler)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if HANDLERS[handler]:  # the error reaches the executor, which cannot rebuild it
        assert out.returncode != 0 and "BrokenProcessPool" in out.stderr, out.stderr
    else:
        assert out.returncode == 0, out.stderr


PROBE = """
    import multiprocessing


    def _work():
        pass


    class Probe:
        def __init__(self):
            proc = multiprocessing.Process(target=_work)
            proc.start()
            proc.join()
            self.exitcode = proc.exitcode
"""

SUITE = """
    import sys
    import unittest

    from kit.probe import Probe


    class ProbeTest(unittest.TestCase):
        BUILD

        def test_child_ran(self):
            self.assertEqual(self.probe.exitcode, 0)


    if __name__ == "__main__":
        result = unittest.main(exit=False, verbosity=0).result
        sys.exit(0 if result.wasSuccessful() else 3)
"""

# how the TestCase gets its probe -> does it start a process at import
BUILDS = {"probe = Probe()": True,
          "probe = None\n\n    @classmethod\n    def setUpClass(cls):\n        cls.probe = Probe()": False}


def _suite(tmp_path, build):
    return project(tmp_path, {"kit/__init__.py": "", "kit/probe.py": PROBE,
                              "main.py": SUITE.replace("BUILD", build)})


@pytest.mark.parametrize("build", sorted(BUILDS))
def test_a_class_body_calls_another_modules_spawning_class(tmp_path, build):
    got = findings(_suite(tmp_path, build) / "main.py", "MP101")
    assert [f.start.row for f in got] == ([9] if BUILDS[build] else []), [f.message for f in got]
    assert all(f.start_methods == {"spawn", "forkserver"} for f in got)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("build", sorted(BUILDS))
def test_runtime_class_body_spawning_call(tmp_path, build, method):
    root = _suite(tmp_path, build)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if BUILDS[build] and method != "fork":  # the re-imported class body starts a process while bootstrapping
        # (3.14's forkserver preloads __main__ in the server: the error is raised there, the exit status differs)
        preloaded = method == "forkserver" and sys.version_info >= (3, 14)
        assert (out.returncode != 0 if preloaded else out.returncode == 3) and "bootstrapping phase" in out.stderr, \
            out.stderr
    else:
        assert out.returncode == 0, out.stderr


REGISTRY = """
    _MODELS = {"linear": 1.0}


    def register(name, scale):
        WRITE


    def resolve(name):
        return _MODELS[name]
"""

LAUNCH = """
    import multiprocessing
    import sys

    from kit import registry


    def load_plugins():
        registry.register("scaled", 3.0)


    def inspect(arch):
        return registry.resolve(arch) * 2


    def main():
        registry.register("scaled", 3.0)
        with multiprocessing.Pool(2POOL) as pool:
            try:
                out = pool.map(inspect, ["linear", "scaled"])
            except KeyError:
                out = None
        print("RESULT=%s" % out)
        sys.exit(0 if out == [2.0, 6.0] else 3)


    if __name__ == "__main__":
        main()
"""

# (how register() writes the registry, the pool's extra arguments) -> is the registration lost to spawned workers
REGISTRATIONS = {("_MODELS[name] = scale", ""): True, ("_MODELS.update({name: scale})", ""): True,
                 ("_MODELS[name] = scale", ", initializer=load_plugins"): False}


def _registry(tmp_path, write, pool):
    return project(tmp_path, {"kit/__init__.py": "", "kit/registry.py": REGISTRY.replace("WRITE", write),
                              "main.py": LAUNCH.replace("POOL", pool)})


@pytest.mark.parametrize("write, pool", sorted(REGISTRATIONS))
def test_another_modules_registry_filled_by_the_parent(tmp_path, write, pool):
    got = findings(_registry(tmp_path, write, pool) / "main.py", "MP302")
    assert [f.start.row for f in got] == ([17] if REGISTRATIONS[(write, pool)] else []), [f.message for f in got]
    assert all(f.start_methods == {"spawn", "forkserver"} for f in got)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("write, pool", sorted(REGISTRATIONS))
def test_runtime_registry_filled_by_the_parent(tmp_path, write, pool, method):
    root = _registry(tmp_path, write, pool)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    lost = REGISTRATIONS[(write, pool)] and method != "fork"
    assert out.returncode == (3 if lost else 0), out.stderr


PIPELINE = """
    import multiprocessing
    import os
    import sys
    import tempfile


    def species_pileup(species, args):
        return species, len(args["reads"][species])


    def run_pipeline(args):
        args["log"] = STORED
        with multiprocessing.Pool(2) as pool:
            try:
                results = pool.starmap(species_pileup, [(sp, args) for sp in sorted(args["reads"])])
            except TypeError as exc:
                print("refused:", exc, file=sys.stderr)
                return None
        return dict(results)


    def main():
        args = {"reads": {"a": "ACGT", "b": "AC"}, "outdir": tempfile.mkdtemp()}
        got = run_pipeline(args)
        print("RESULT=%s" % got)
        sys.exit(0 if got == {"a": 4, "b": 2} else 3)


    if __name__ == "__main__":
        main()
"""

# what run_pipeline() stores in the caller's dict -> does the task argument hold what pickle refuses
STORES = {'open(os.path.join(args["outdir"], "log.txt"), "w")': True, 'os.path.join(args["outdir"], "log.txt")': False}


@pytest.mark.parametrize("stored", sorted(STORES))
def test_an_item_written_into_the_callers_dict(tmp_path, stored):
    root = project(tmp_path, {"main.py": PIPELINE.replace("STORED", stored)})
    got = findings(root / "main.py", "MP203")
    assert [f.start.row for f in got] == ([16] if STORES[stored] else []), [f.message for f in got]
    assert all(f.start_methods == {"fork", "spawn", "forkserver"} for f in got)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("stored", sorted(STORES))
def test_runtime_item_written_into_the_callers_dict(tmp_path, stored, method):
    root = project(tmp_path, {"main.py": PIPELINE.replace("STORED", stored)})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if STORES[stored]:
        assert out.returncode == 3 and "cannot pickle" in out.stderr, out.stderr
    else:
        assert out.returncode == 0, out.stderr
