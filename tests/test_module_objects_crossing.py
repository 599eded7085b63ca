"""Module objects crossing into a child: what `import` binds, `importlib.import_module(name)` and
`types.ModuleType(name)` make are refused by plain pickle (TypeError: cannot pickle 'module' object, the catalog's
builtins.module and its factories). dpbench PR #231 (fresh_libs13 dpbench231): a benchmark keeping the implementation
modules it loaded, handed whole to a spawn-context Process. Here other shapes: a plugin registry of another module
(made by its function) whose method fills a dict with `import_module` results, passed through a list, a loop and a helper's parameter into
`ctx.Process(args=...)`; plugins made by `types.ModuleType` handed to a Pool; an imported module given directly.
Near misses: the names instead of the modules, a module's function (pickled by reference), and a multiprocess (dill)
pool, which pickles importable modules by reference. Proven under fork, spawn and forkserver."""
import pytest
from helpers import check, run_program, skip_without

from test_semantic_crossmodule import findings, project

PLUGINS = """
    import importlib
    import types


    class Registry:
        def __init__(self, names):
            self.names = list(names)
            self.plugins = {}

        def load(self):
            for name in self.names:
                self.plugins[name] = importlib.import_module(name)
            return self


    def load_registry(names):
        return Registry(names).load()


    def make_plugin(name, source):
        plugin = types.ModuleType(name)
        exec(source, plugin.__dict__)
        return plugin
"""

SCRIPT = """
    import json
    import multiprocessing
    import {pool_module}

    from kit.plugins import load_registry, make_plugin


    def describe(payload):
        return str(type(payload).__name__)


    def child(payload, queue):
        queue.put(describe(payload))


    def launch(payload, ctx):
        queue = ctx.Queue()
        proc = ctx.Process(target=child, args=(payload, queue))
        proc.start()
        got = queue.get(timeout=30)
        proc.join()
        return got


    def main():
        ctx = multiprocessing.get_context("spawn")
        registries = [load_registry(["json", "csv"]), load_registry(["math"])]
        plugins = [make_plugin(n, "VALUE = 1") for n in ("first", "second")]
        results = []
        {body}
        print("RESULT=%d" % len(results))


    if __name__ == "__main__":
        main()
"""

HAZARDS = {
    "registry": "for registry in registries:\n            results.append(launch(registry, ctx))",
    "plugin_pool": "with {pool_module}.Pool(2) as pool:\n            results += pool.map(describe, plugins)",
    "imported": "results.append(launch(json, ctx))",
    "registry_pool": "with {pool_module}.Pool(2) as pool:\n            results += pool.map(describe, registries)",
}
NEAR_MISSES = {
    "names": "for registry in registries:\n            results.append(launch(sorted(registry.plugins), ctx))",
    "plugin_values": "with {pool_module}.Pool(2) as pool:\n"
                     "            results += pool.map(describe, [p.VALUE for p in plugins])",
    "function": "results.append(launch(json.dumps, ctx))",
}


def _project(tmp_path, body, pool_module="multiprocessing"):
    script = SCRIPT.format(pool_module=pool_module, body=body.format(pool_module=pool_module))
    return project(tmp_path, {"kit/__init__.py": "", "kit/plugins.py": PLUGINS, "main.py": script}) / "main.py"


@pytest.mark.parametrize("name", sorted(HAZARDS))
def test_a_module_object_crossing_is_refused(tmp_path, name):
    found = findings(_project(tmp_path, HAZARDS[name]), "MP203")
    assert found and all("cannot pickle 'module' object" in f.message for f in found), found
    assert all({"fork", "spawn", "forkserver"} <= set(f.start_methods) for f in found)


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_names_values_and_functions_cross(tmp_path, name):
    assert not findings(_project(tmp_path, NEAR_MISSES[name]))


def test_dill_pickles_imported_modules_by_reference(tmp_path):
    # (a `types.ModuleType` module is pickled by its name too, and a child cannot import it: not said, unsure)
    assert not findings(_project(tmp_path, HAZARDS["registry_pool"], "multiprocess"))


def test_one_file_forms():
    src = """
        import importlib
        import math
        import multiprocessing as mp
        import types
        from os import path

        def work(x):
            return x

        if __name__ == "__main__":
            ctx = mp.get_context("spawn")
            for value in (types.ModuleType("m"), importlib.import_module("json"), math):
                p = ctx.Process(target=work, args=(value,))
                p.start()
                p.join()
    """
    found = [f for f in check(src) if f.code == "MP203"]
    assert found and "cannot pickle 'module' object" in found[0].message
    quiet = """
        import math
        import multiprocessing as mp
        from os import path

        def work(x):
            return x

        if __name__ == "__main__":
            ctx = mp.get_context("spawn")
            for value in (math.floor, math.__name__, path.join("a", "b")):
                p = ctx.Process(target=work, args=(value,))
                p.start()
                p.join()
    """
    assert not [f for f in check(quiet) if f.code.startswith("MP2")]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, body in HAZARDS.items():
        out = run_program(_project(tmp_path / f"bad_{name}", body), method)
        assert out.returncode != 0 and "cannot pickle 'module' object" in out.stderr, (name, out.stderr)
    for name, body in NEAR_MISSES.items():
        out = run_program(_project(tmp_path / f"ok_{name}", body), method)
        assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_dill(tmp_path, method):
    skip_without("multiprocess")
    out = run_program(_project(tmp_path, HAZARDS["registry_pool"], "multiprocess"), method)
    assert out.returncode == 0 and "RESULT=2" in out.stdout, out.stderr
