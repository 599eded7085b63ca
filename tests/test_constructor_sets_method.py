"""A class of another project module whose `__init__` calls set_start_method() (`ModuleSummary.setting` keyed by the
class: its constructor call sets the method as a helper function's call would), built after the program's own
runtime set-up (another module's helper) already set it: the constructor's call raises `RuntimeError: context has
already been set` under every start method (pyftpdlib #648; fresh_realistic6 pyftpdlib_server_sets_start_method_again).
A call under a platform test alone (`if sys.platform != "win32":`) counts on those platforms only; one under another
condition, in a try that catches RuntimeError, with force=True, or in a method never called, is not judged.
Proven under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

RUNTIME = """
    import multiprocessing


    def configure(method="spawn"):
        multiprocessing.set_start_method(method)
"""

SERVER = """
    import multiprocessing
    import sys


    def _square(x):
        return x * x


    class Server:
        def __init__(self, workers=2):
            SET
            self.workers = workers

        def start(self):
            multiprocessing.set_start_method("spawn")

        def run(self, xs):
            with multiprocessing.Pool(self.workers) as pool:
                return pool.map(_square, xs)
"""

MAIN = """
    import multiprocessing

    from kit import runtime
    from kit.server import Server


    def main():
        FIRST
        server = Server()
        print("RESULT", server.run([1, 2, 3]))


    if __name__ == "__main__":
        main()
"""

PLATFORM = 'if sys.platform != "win32":\n                multiprocessing.set_start_method("fork")'


def files(setting, first='runtime.configure("spawn")'):
    return {"kit/__init__.py": "", "kit/runtime.py": RUNTIME, "kit/server.py": SERVER.replace("SET", setting),
            "main.py": MAIN.replace("FIRST", first)}


def mp401(tmp_path, setting, first='runtime.configure("spawn")') -> list:
    root = project(tmp_path, files(setting, first))
    return findings(root / "main.py", "MP401")


def test_a_constructor_that_sets_the_method_again(tmp_path):
    [finding] = mp401(tmp_path, 'multiprocessing.set_start_method("spawn")')
    assert finding.start.row == 5  # the import of kit.server
    assert "kit.server.Server() sets the start method" in finding.message
    assert finding.related_file.path.endswith("server.py") and finding.related_file.line == 12
    assert finding.start_methods == {"fork", "spawn", "forkserver"} and not finding.unreachable_on


def test_under_a_platform_test_alone_it_counts_there(tmp_path):
    [finding] = mp401(tmp_path, PLATFORM)
    assert finding.related_file.line == 13
    assert "windows" not in finding.extra_platforms and finding.unreachable_on == {"windows"}
    assert "MP403" not in {f.code for f in findings(tmp_path / "main.py")}  # (the helper checks the platform)


@pytest.mark.parametrize("setting", [
    'if workers > 1:\n                multiprocessing.set_start_method("spawn")',           # another condition
    'try:\n                multiprocessing.set_start_method("spawn")\n'
    '            except RuntimeError:\n                pass',                                # the error is caught
    'multiprocessing.set_start_method("spawn", force=True)',
    'if multiprocessing.get_start_method(allow_none=True) is None:\n'
    '                multiprocessing.set_start_method("spawn")',                            # asks first
    "pass",                                                                                 # only `start()` sets it
])
def test_near_misses(tmp_path, setting):
    assert mp401(tmp_path, setting) == []


def test_without_the_first_call_it_is_fine(tmp_path):
    assert mp401(tmp_path, 'multiprocessing.set_start_method("spawn")', first="pass") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("setting, fails", [(PLATFORM, True), ('multiprocessing.set_start_method("spawn")', True),
                                            ('multiprocessing.set_start_method("spawn", force=True)', False)])
def test_runtime(tmp_path, method, setting, fails):
    root = project(tmp_path, files(setting))
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, fails, "context has already been set", "RESULT [1, 4, 9]")
