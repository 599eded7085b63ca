"""A first set_start_method() under a test that every run of the program passes (rules/constant_tests):
`if self.parallel > 1 and sys.platform != "win32":` where `__init__` copies `parallel` and the only construction
is `Runner(parallel=2)` (or leaves the default 2). A later set_start_method(), or the import of a helper whose
module body calls it (django/channels #1921), then raises RuntimeError: context has already been set (MP401).
Near misses: a construction that passes 1, one that passes a value read at run time, an attribute stored again
elsewhere, a subclass, and the later call under force=True."""
import textwrap

import pytest
from helpers import methods, rows, run_program

from test_semantic_crossmodule import findings, project

RUNNER = """
import multiprocessing
import sys


class Runner:
    def __init__(self, parallel=2):
        self.parallel = parallel

    def setup(self):
        if TEST:
            multiprocessing.set_start_method("fork")

    def run(self):
        self.setup()
        multiprocessing.set_start_method("spawn")
        return "done"


if __name__ == "__main__":
    print("RESULT=" + CONSTRUCT.run())
"""


def _runner(test="self.parallel > 1", construct="Runner(parallel=2)", extra=""):
    return RUNNER.replace("TEST", test).replace("CONSTRUCT", construct) + textwrap.dedent(extra)


@pytest.mark.parametrize("test", ["self.parallel > 1", "self.parallel > 1 and sys.platform != 'win32'",
                                  "self.parallel", "not self.parallel == 1", "1 < self.parallel",
                                  "self.parallel is not None"])
@pytest.mark.parametrize("construct", ["Runner(parallel=2)", "Runner()", "Runner(4)"])
def test_the_first_call_runs_on_every_run(test, construct):
    src = _runner(test, construct)
    assert rows(src, "MP401") == [16]
    assert methods(src, "MP401") == {"fork", "spawn", "forkserver"}


def test_a_parameter_of_a_function_every_call_passes_a_constant():
    src = """
        import multiprocessing


        def setup(workers):
            if workers > 1:
                multiprocessing.set_start_method("fork")


        def main():
            setup(4)
            multiprocessing.set_start_method("spawn")


        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP401") == [12]


@pytest.mark.parametrize("construct", ["Runner(parallel=1)", "Runner(parallel=int(sys.argv[1]))",
                                       "Runner(*sys.argv[1:])", "Runner(**{'parallel': 1})"])
def test_not_when_a_construction_may_fail_the_test(construct):
    assert rows(_runner(construct=construct), "MP401") == []


def test_not_when_one_of_two_constructions_fails_the_test():
    src = _runner(extra="""
        def serial_runner():
            return Runner(parallel=1)
    """)
    assert rows(src, "MP401") == []


@pytest.mark.parametrize("extra", [
    """
    def tune(runner):
        runner.parallel = 1
    """,
    """
    class SerialRunner(Runner):
        pass
    """,
    """
    def tune(runner, name):
        setattr(runner, name, 1)
    """,
])
def test_not_when_the_attribute_may_hold_something_else(extra):
    assert rows(_runner(extra=extra), "MP401") == []


def test_not_for_a_test_of_something_else():
    assert rows(_runner(test="self.parallel > 1 and len(sys.argv) > 1"), "MP401") == []
    assert rows(_runner(test="self.parallel > 1 or len(sys.argv) > 1"), "MP401") == []


def test_not_when_the_later_call_forces():
    src = _runner().replace('set_start_method("spawn")', 'set_start_method("spawn", force=True)')
    assert rows(src, "MP401") == []


HELPER = """
import multiprocessing

SETTING


def serve(port, ready):
    ready.set()


def start_server(port):
    ready = multiprocessing.Event()
    proc = multiprocessing.Process(target=serve, args=(port, ready))
    proc.start()
    proc.join()
    return ready.is_set()
"""

TESTRUNNER = """
import multiprocessing
import sys


class ParallelTestRunner:
    def __init__(self, parallel=2):
        self.parallel = parallel

    def setup_test_environment(self):
        if self.parallel > 1 and sys.platform != "win32":
            multiprocessing.set_start_method("fork")

    def load_tests(self):
        from kit.livetest import start_server

        return [start_server]

    def run_tests(self):
        self.setup_test_environment()
        return [case(8081) for case in self.load_tests()]


if __name__ == "__main__":
    print("RESULT=%s" % ParallelTestRunner(parallel=PARALLEL).run_tests())
"""

SETTINGS = {"import_sets": 'multiprocessing.set_start_method("fork")',
            "own_context": 'multiprocessing = multiprocessing.get_context("fork")'}


def _channels(tmp_path, kind, parallel=2):
    return project(tmp_path, {"kit/__init__.py": "", "kit/livetest.py": HELPER.replace("SETTING", SETTINGS[kind]),
                              "main.py": TESTRUNNER.replace("PARALLEL", str(parallel))})


@pytest.mark.parametrize("kind", sorted(SETTINGS))
@pytest.mark.parametrize("parallel", [1, 2])
def test_a_helper_imported_after_a_method_sets_the_start_method(tmp_path, kind, parallel):
    got = findings(_channels(tmp_path, kind, parallel) / "main.py", "MP401")
    assert [f.start.row for f in got] == ([15] if kind == "import_sets" and parallel == 2 else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kind", sorted(SETTINGS))
@pytest.mark.parametrize("parallel", [1, 2])
def test_runtime_helper_imported_after_the_start_method_is_set(tmp_path, kind, parallel, method):
    root = _channels(tmp_path, kind, parallel)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if kind == "import_sets" and parallel == 2:
        assert out.returncode != 0 and "context has already been set" in out.stderr
    else:
        assert out.returncode == 0 and "RESULT=[True]" in out.stdout, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("construct", ["Runner(parallel=2)", "Runner(parallel=1)"])
def test_runtime_second_call_in_the_same_module(tmp_path, construct, method):
    path = tmp_path / "main.py"
    path.write_text(_runner(construct=construct))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    if construct == "Runner(parallel=2)":
        assert out.returncode != 0 and "context has already been set" in out.stderr
    else:
        assert out.returncode == 0 and "RESULT=done" in out.stdout, out.stderr
