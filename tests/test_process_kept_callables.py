"""A Process subclass that keeps a constructor argument in `self` is pickled with it by start() under spawn and
forkserver: a lambda, a nested function or a local class kept there fails by name (spacetime-crawler4py's
`Node(get_app(config))`, whose get_app() defines the App class locally; fresh_reports3
crossmodule_spacetime_get_app_local_class). Before, only refused objects (locks, files) were judged there.
Proven below under fork, spawn and forkserver; a module-level class or function kept is fine."""
import textwrap

import pytest
from helpers import run_program
from mpguard.linter.analyze import analyze

PROGRAM = textwrap.dedent("""
    import multiprocessing


    class Node(multiprocessing.Process):
        def __init__(self, appcls):
            super().__init__()
            self.appcls = appcls

        def run(self):
            self.appcls()


    class Plain:
        pass


    def get_app():
        class App:
            pass
        return App


    if __name__ == "__main__":
        node = Node(VALUE)
        node.start()
        node.join()
        print("RESULT=%d" % node.exitcode)
""")
VALUES = {"lambda: 1": True, "get_app()": True, "Plain": False, "dict": False}


@pytest.mark.parametrize("value", sorted(VALUES))
def test_a_kept_callable_pickle_cannot_find(value):
    found = [(f.code, sorted(f.start_methods)) for f in analyze(PROGRAM.replace("VALUE", value), "case.py").findings]
    assert found == ([("MP201", ["forkserver", "spawn"])] if VALUES[value] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("value", ["get_app()", "Plain"])
def test_runtime(tmp_path, value, method):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("VALUE", value))
    out = run_program(path, method, timeout=60)
    fails = VALUES[value] and method != "fork"
    if fails:
        # 3.13 says "Can't get local object 'get_app.<locals>.App'", 3.14 "<class '__main__.get_app.<locals>.App'>"
        assert out.returncode != 0 and "local object" in out.stderr and "get_app.<locals>.App" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=0" in out.stdout, out.stderr
