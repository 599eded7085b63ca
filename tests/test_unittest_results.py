"""MP207 for a unittest result a pool task sends back with the test cases it ran (numba #682, fresh_reports8
numba682_result_keeps_failing_testcase): a result's `failures` and `errors` are (TestCase, traceback text) pairs,
and a test case that ran holds what its setUp and test methods stored in `self`; one holding a lock or a database
connection cannot be pickled, so a failing test makes the worker's reply fail. Near misses: the ids and texts
sent back instead of the test cases, a tearDown that lets go of the attribute, test cases with nothing refused,
and a suite of another module's tests (not known). Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import project

RUNNER = """
    import io
    import sqlite3
    import sys
    import unittest
    from concurrent.futures import ProcessPoolExecutor


    class InventoryTests(unittest.TestCase):
        def setUp(self):
            self.db = sqlite3.connect(":memory:")
            self.db.execute("create table items (name text, count int)")

        def test_insert(self):
            self.db.execute("insert into items values ('bolt', 3)")
            self.assertEqual(self.db.execute("select count(*) from items").fetchone()[0], 1)

        def test_broken_query(self):
            self.db.execute("select missing from items")


    def run_one(test_name):
        suite = unittest.TestLoader().loadTestsFromName(test_name, sys.modules[__name__])
        outcome = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
        return outcome.testsRun, outcome.errors


    def main():
        names = ["InventoryTests.test_insert", "InventoryTests.test_broken_query"]
        with ProcessPoolExecutor(2) as pool:
            reports = list(pool.map(run_one, names))
        print("RESULT=%d,%d" % (sum(r[0] for r in reports), sum(len(r[1]) for r in reports)))


    if __name__ == "__main__":
        main()
"""

DIRECT = """
    import threading
    import unittest
    from multiprocessing import Pool


    class CacheTests(unittest.TestCase):
        def setUp(self):
            self.guard = threading.RLock()

        def test_size(self):
            self.assertEqual(len([1, 2]), 3)


    def run_case(_):
        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(CacheTests).run(result)
        return result.failures


    if __name__ == "__main__":
        with Pool(2) as pool:
            print("RESULT=%s" % len(pool.map(run_case, [0])))
"""


def ids_only(src: str) -> str:
    return src.replace("return outcome.testsRun, outcome.errors",
                       "return outcome.testsRun, [(case.id(), text) for case, text in outcome.errors]")


def closed_in_teardown(src: str) -> str:
    return src.replace("""        def test_insert(self):""", """        def tearDown(self):
            self.db.close()
            self.db = None

        def test_insert(self):""")


def nothing_refused(src: str) -> str:
    return src.replace("self.guard = threading.RLock()", "self.guard = [1, 2]")


@pytest.mark.parametrize("program", [RUNNER, DIRECT])
def test_result_keeps_the_test_cases(program):
    (finding,) = found(program, "MP207")
    assert "a test case that ran" in finding.message


@pytest.mark.parametrize("program", [ids_only(RUNNER), closed_in_teardown(RUNNER), nothing_refused(DIRECT)])
def test_near_misses(program):
    assert found(program, "MP207") == []


def test_suite_of_another_module_is_not_known():
    program = RUNNER.replace("sys.modules[__name__]", "sys.modules['tests.inventory']")
    assert found(program, "MP207") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = project(tmp_path, {"runner.py": RUNNER, "direct.py": DIRECT, "ids.py": ids_only(RUNNER),
                              "teardown.py": closed_in_teardown(RUNNER), "plain.py": nothing_refused(DIRECT)})
    for name in ("runner.py", "direct.py"):
        out = run_program(root / name, method, cwd=root)
        # (the worker cannot pickle the reply: the executor gives the error itself, a Pool a MaybeEncodingError)
        assert out.returncode != 0 and ("cannot pickle 'sqlite3.Connection' object" in out.stderr
                                        or "cannot pickle '_thread.RLock' object" in out.stderr
                                        or "BrokenProcessPool" in out.stderr), (name, out.stderr)
    for name, printed in (("ids.py", "RESULT=2,1"), ("teardown.py", "RESULT=2,1"), ("plain.py", "RESULT=1")):
        out = run_program(root / name, method, cwd=root)
        assert out.returncode == 0 and printed in out.stdout, (name, out.stderr)
