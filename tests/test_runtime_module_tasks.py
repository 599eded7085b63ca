"""MP302 for a pool task read off a module the parent built from a file at run time (Arelle #961, fresh_realistic6
arelle_plugin_loaded_from_folder): `importlib.util.module_from_spec` makes a module no child that starts a fresh
interpreter can import by its name, so a function of it pickles in the parent and fails to unpickle in a spawn or
forkserver worker (ModuleNotFoundError, then BrokenProcessPool). Near misses: the folder put on sys.path (spawn
hands sys.path to the child), a pool whose initializer loads the module in each worker, an explicit fork
context, and a task of the program's own module. Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import project

PLUGIN = """
    def score(word):
        return len(word) * 10


    def shout(word):
        return word.upper()
"""

HOOKS = """
    import importlib.util
    import os
    import sys
    from concurrent.futures import ProcessPoolExecutor

    HERE = os.path.dirname(os.path.abspath(__file__))


    class HookTable:
        def __init__(self):
            self.handlers = {}

        def install(self, folder, module_name, names):
            location = os.path.join(folder, module_name + ".py")
            spec = importlib.util.spec_from_file_location(module_name, location)
            loaded = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = loaded
            spec.loader.exec_module(loaded)
            for name in names:
                self.handlers[name] = getattr(loaded, name)


    def apply_all(table, words):
        out = []
        with ProcessPoolExecutor(max_workers=2) as pool:
            for name in sorted(table.handlers):
                out.extend(pool.map(table.handlers[name], words))
        return out


    def main():
        table = HookTable()
        table.install(os.path.join(HERE, "extensions"), "wordplug", ["score"])
        print("RESULT=%s" % apply_all(table, ["ab", "cde"]))


    if __name__ == "__main__":
        main()
"""

ATTRIBUTE = """
    import importlib.util
    import os
    import sys
    from concurrent.futures import ProcessPoolExecutor

    HERE = os.path.dirname(os.path.abspath(__file__))


    def load(name):
        spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, "extensions", name + ".py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module


    if __name__ == "__main__":
        plugin = load("wordplug")
        with ProcessPoolExecutor(2) as pool:
            print("RESULT=%s" % list(pool.map(plugin.shout, ["ab", "cd"])))
"""


def on_path(src: str) -> str:
    """The folder put on sys.path first: a spawned worker gets the parent's sys.path and imports the module."""
    return src.replace("HERE = os.path.dirname(os.path.abspath(__file__))\n",
                       "HERE = os.path.dirname(os.path.abspath(__file__))\n"
                       "    sys.path.insert(0, os.path.join(HERE, \"extensions\"))\n")


def fork_context(src: str) -> str:
    return src.replace("ProcessPoolExecutor(max_workers=2)", "ProcessPoolExecutor(max_workers=2, mp_context="
                       "__import__('multiprocessing').get_context('fork'))") \
        .replace("ProcessPoolExecutor(2)", "ProcessPoolExecutor(2, mp_context=__import__('multiprocessing')"
                 ".get_context('fork'))")


INITIALIZED = """
    import importlib.util
    import os
    import sys
    from concurrent.futures import ProcessPoolExecutor

    HERE = os.path.dirname(os.path.abspath(__file__))


    def load(name):
        spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, "extensions", name + ".py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module


    if __name__ == "__main__":
        plugin = load("wordplug")
        with ProcessPoolExecutor(2, initializer=load, initargs=("wordplug",)) as pool:
            print("RESULT=%s" % list(pool.map(plugin.shout, ["ab", "cd"])))
"""

OWN_TASK = """
    import importlib.util
    import os
    import sys
    from concurrent.futures import ProcessPoolExecutor

    HERE = os.path.dirname(os.path.abspath(__file__))


    def load(name):
        spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, "extensions", name + ".py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


    def shout(word):
        return load("wordplug").shout(word)


    if __name__ == "__main__":
        plugin = load("wordplug")
        with ProcessPoolExecutor(2) as pool:
            print("RESULT=%s" % list(pool.map(shout, ["ab", plugin.__name__])))
"""


@pytest.mark.parametrize("program", [HOOKS, ATTRIBUTE])
def test_task_read_off_a_built_module(program):
    (finding,) = found(program, "MP302")
    assert "built from a file at run time" in finding.message and "ModuleNotFoundError" in finding.message
    assert set(finding.start_methods) == {"spawn", "forkserver"}


@pytest.mark.parametrize("program", [on_path(HOOKS), on_path(ATTRIBUTE), fork_context(HOOKS), INITIALIZED, OWN_TASK])
def test_near_misses(program):
    assert found(program, "MP302") == []


def test_a_member_as_data_is_not_judged():
    # (only a task is judged: a member handed as an argument may be data, not a function)
    program = ATTRIBUTE.replace("pool.map(plugin.shout, [\"ab\", \"cd\"])", "pool.map(str, [plugin.shout])")
    assert found(program, "MP302") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    files = {"extensions/wordplug.py": PLUGIN}
    bad = project(tmp_path / "bad", {**files, "hooks.py": HOOKS, "attribute.py": ATTRIBUTE})
    good = project(tmp_path / "good", {**files, "hooks.py": on_path(HOOKS), "initialized.py": INITIALIZED,
                                       "own.py": OWN_TASK})
    for name in ("hooks.py", "attribute.py"):
        out = run_program(bad / name, method, cwd=bad)
        if method == "fork":
            assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr
        else:
            assert out.returncode != 0 and ("No module named 'wordplug'" in out.stderr
                                            or "BrokenProcessPool" in out.stderr), out.stderr
    for name in ("hooks.py", "initialized.py", "own.py"):
        out = run_program(good / name, method, cwd=good)
        assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
