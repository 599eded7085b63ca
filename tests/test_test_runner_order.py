"""unittest's implicit call order as a call sequence (semantic/test_runner.py): `unittest.main()` calls
setUpModule, then per class setUpClass, setUp, the test, tearDown, tearDownClass, then tearDownModule. A
set_start_method() in setUpModule and another in a fixture a test method builds: the second raises `RuntimeError:
context has already been set` (probflow #32; fresh_realistic7 probflow_tests_set_fork_twice). Two tests, or the
hooks of two classes, run in the runner's own order: not judged. Also `platform.system() in ("Darwin", "Linux")`
as a platform test (semantic/conditions). Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, rows, run_program

SUITE = """
    import multiprocessing as mp
    import platform
    import sys
    import unittest


    def square(v):
        return v * v


    def use_fork():
        if platform.system() in ("Darwin", "Linux"):
            mp.set_start_method("fork")


    FIRST


    class Fixture:
        def __init__(self, workers=2):
            if sys.version_info >= (3, 8):
                AGAIN
            self.workers = workers

        def run(self, values):
            with mp.Pool(self.workers) as pool:
                return pool.map(square, values)


    class GeneratorTests(unittest.TestCase):
        SECOND

        def test_batches(self):
            print("RESULT", Fixture().run([1, 2, 3]))


    if __name__ == "__main__":
        result = unittest.main(exit=False).result
        sys.exit(0 if result.wasSuccessful() and not result.skipped else 1)
"""

MODULE_SETUP = "def setUpModule():\n        use_fork()"
CLASS_SETUP = "@classmethod\n        def setUpClass(cls):\n            use_fork()"
SET_UP = "def setUp(self):\n            use_fork()"
TEAR_DOWN = "def tearDown(self):\n            use_fork()"
TEAR_DOWN_MODULE = "def tearDownModule():\n        use_fork()"


SET_AGAIN = 'mp.set_start_method("fork")  # again'
OWN_CONTEXT = 'self.ctx = mp.get_context("fork")  # again'


def suite(first="", second="pass", again=SET_AGAIN):
    return SUITE.replace("FIRST", first).replace("SECOND", second).replace("AGAIN", again)


def line_of(src, text):
    return next(i for i, line in enumerate(textwrap.dedent(src).splitlines(), 1) if text in line)


@pytest.mark.parametrize("first, second", [(MODULE_SETUP, "pass"), ("", CLASS_SETUP), ("", SET_UP)])
def test_a_hook_that_runs_first_fixes_the_method(first, second):
    src = suite(first, second)
    assert rows(src, "MP401") == [line_of(src, "# again")]


@pytest.mark.parametrize("first, second", [(TEAR_DOWN_MODULE, "pass"), ("", TEAR_DOWN)])
def test_a_hook_that_runs_after_the_test_sets_it_again(first, second):
    src = suite(first, second)
    assert rows(src, "MP401") == [line_of(src, 'mp.set_start_method("fork")')]  # use_fork's call, the second


@pytest.mark.parametrize("first, second, again", [
    ("", "pass", SET_AGAIN), (MODULE_SETUP, "pass", OWN_CONTEXT), ("", SET_UP, OWN_CONTEXT)])
def test_near_misses(first, second, again):
    # set once: by the fixture alone, or by a hook while the fixture asks for a context of its own
    assert rows(suite(first, second, again), "MP401") == []


def test_two_classes_are_not_ordered():
    src = suite() + textwrap.dedent("""
    class OtherTests(unittest.TestCase):
        @classmethod
        def setUpClass(cls):
            use_fork()

        def test_other(self):
            pass
    """)
    assert rows(src, "MP401") == []


def test_two_tests_of_one_class_are_not_ordered():
    src = suite("", "def test_first(self):\n            use_fork()")
    assert rows(src, "MP401") == []


def test_a_platform_literal_is_a_platform_test():
    src = """
        import multiprocessing as mp
        import platform

        def first():
            if platform.system() in ("Darwin", "Linux"):
                mp.set_start_method("fork")

        def second():
            mp.set_start_method("fork")

        if __name__ == "__main__":
            first()
            second()
    """
    assert rows(src, "MP401") == [10]
    # on Windows alone the first call runs and the second does not: nothing raises twice anywhere
    assert rows(src.replace('("Darwin", "Linux")', '("Windows",)').replace(
        '        mp.set_start_method("fork")\n\n        if', '        pass\n\n        if'), "MP401") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("first, second, again, fails", [
    (MODULE_SETUP, "pass", SET_AGAIN, True), ("", SET_UP, SET_AGAIN, True), ("", TEAR_DOWN, SET_AGAIN, True),
    ("", "pass", SET_AGAIN, False), (MODULE_SETUP, "pass", OWN_CONTEXT, False)])
def test_runtime(tmp_path, method, first, second, again, fails):
    path = tmp_path / "test_suite.py"
    path.write_text(textwrap.dedent(suite(first, second, again)))
    out = run_program(path, method, timeout=60)
    if fails:
        assert out.returncode != 0 and "context has already been set" in out.stderr, out.stderr
    else:
        assert_outcome(out, False, None, "RESULT [1, 4, 9]")


# MP302 across modules in the runner's order: a test's setUp fills another module's registry through its function,
# the test starts a process whose target (a function of that module) reads it; a spawned child re-imports the module
# and finds it empty (distributed-multi-agent-collaboration #7; fresh_reports10 dmac7_suite_registry_in_setup)
AGENTS = """
    AGENTS = {}


    def register(name, factory):
        AGENTS[name] = factory


    def run_agent(name, q):
        q.put((name, name in AGENTS))
"""

AGENT_SUITE = """
    import multiprocessing as mp
    import sys
    import unittest

    from kit import agents


    class AgentTests(unittest.TestCase):
        def HOOK(self):
            agents.register("echo", dict)

        def test_agent(self):
            q = mp.Queue()
            p = mp.Process(target=agents.run_agent, args=("echo", q))
            p.start()
            print("RESULT", q.get(timeout=10))
            p.join()


    if __name__ == "__main__":
        sys.exit(0 if unittest.main(exit=False).result.wasSuccessful() else 1)
"""


def agent_files(hook):
    return {"kit/__init__.py": "", "kit/agents.py": AGENTS, "test_agents.py": AGENT_SUITE.replace("HOOK", hook)}


@pytest.mark.parametrize("hook, found", [("setUp", True), ("tearDown", False), ("helper_not_called", False)])
def test_a_set_up_hook_writes_another_modules_global(tmp_path, hook, found):
    from test_semantic_crossmodule import findings, project
    got = findings(project(tmp_path, agent_files(hook)) / "test_agents.py", "MP302")
    assert [set(f.start_methods) for f in got] == ([{"spawn", "forkserver"}] if found else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_set_up_hook_runtime(tmp_path, method):
    from test_semantic_crossmodule import project
    root = project(tmp_path, agent_files("setUp"))
    out = run_program(root / "test_agents.py", method, timeout=60, cwd=root)
    assert_outcome(out, False, None, f"RESULT ('echo', {method == 'fork'})")
