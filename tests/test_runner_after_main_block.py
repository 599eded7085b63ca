"""MP401 when the first set_start_method() runs in the main block and the second in a hook the test runner calls:
`unittest.main()` runs setUpModule, setUpClass and the tests, so whatever the main block does before it runs
first (rules/call_order.runner_starts); and a helper of another module that sets the method, called in the main
block, takes its place among the direct calls (fresh_reports12 cvise389: `harness.configure()`, then
`unittest.main()`, whose setUpModule calls `set_start_method("forkserver")`: RuntimeError: context has already been
set). Near misses: `force=True`, a hook that asks first, the helper and the runner in two branches of one `if`, a
helper called after the runner returns. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

BOOTSTRAP = """
    import multiprocessing
    import os


    def prepare():
        # one start method for every platform the suite runs on
        multiprocessing.set_start_method(os.environ.get("SUITE_METHOD", "spawn"))
"""

SUITE = """
    import multiprocessing
    import sys
    import unittest

    from suitekit import bootstrap


    def double(v, out):
        out.put(v * 2)


    HOOK


    class PipelineTests(unittest.TestCase):
        def test_double(self):
            out = multiprocessing.Queue()
            p = multiprocessing.Process(target=double, args=(21, out))
            p.start()
            self.assertEqual(out.get(timeout=20), 42)
            p.join(timeout=20)


    if __name__ == "__main__":
        MAIN
"""

MODULE_HOOK = "def setUpModule():\n        multiprocessing.set_start_method(\"forkserver\")"
FORCED_HOOK = "def setUpModule():\n        multiprocessing.set_start_method(\"forkserver\", force=True)"
ASKING_HOOK = ("def setUpModule():\n        if multiprocessing.get_start_method(allow_none=True) is None:\n"
               "            multiprocessing.set_start_method(\"forkserver\")")
CLASS_HOOK = ("class Slow(unittest.TestCase):\n        @classmethod\n        def setUpClass(cls):\n"
              "            multiprocessing.set_start_method(\"forkserver\")\n\n        def test_nothing(self):\n"
              "            pass")
RUN = "result = unittest.main(exit=False).result\n        sys.exit(0 if result.wasSuccessful() else 1)"
PREPARED = "bootstrap.prepare()\n        " + RUN
BRANCHES = ("if len(sys.argv) > 1 and sys.argv[1] == 'prepare':\n            bootstrap.prepare()\n"
            "        else:\n            " + RUN.replace("\n        ", "\n            "))
AFTER = "result = unittest.main(exit=False).result\n        bootstrap.prepare()\n" \
        "        sys.exit(0 if result.wasSuccessful() else 1)"

# (hook, main block) -> is the second set_start_method() there (True) or not (False)
CASES = {
    (MODULE_HOOK, PREPARED): True,
    (CLASS_HOOK, PREPARED): True,
    (FORCED_HOOK, PREPARED): False,
    (ASKING_HOOK, PREPARED): False,
    (MODULE_HOOK, BRANCHES): False,
}


def _root(tmp_path, hook, main):
    return project(tmp_path, {"suitekit/__init__.py": "", "suitekit/bootstrap.py": BOOTSTRAP,
                              "test_pipeline.py": SUITE.replace("HOOK", hook).replace("MAIN", main)})


def _line(root, text):
    source = (root / "test_pipeline.py").read_text()
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line and "force" not in line)


@pytest.mark.parametrize("hook, main", sorted(CASES))
def test_the_main_block_runs_before_the_runners_hooks(tmp_path, hook, main):
    root = _root(tmp_path, hook, main)
    got = [f.start.row for f in findings(root / "test_pipeline.py", "MP401")]
    assert got == ([_line(root, 'set_start_method("forkserver")')] if CASES[(hook, main)] else [])


def test_a_helper_called_after_the_runner_is_not_before_it(tmp_path):
    root = _root(tmp_path, MODULE_HOOK, AFTER)
    assert [f.start.row for f in findings(root / "test_pipeline.py", "MP401")] == []


def test_a_helper_of_another_module_before_a_direct_call_in_the_main_block(tmp_path):
    root = project(tmp_path, {"suitekit/__init__.py": "", "suitekit/bootstrap.py": BOOTSTRAP, "tool.py": """
        import multiprocessing

        from suitekit import bootstrap


        if __name__ == "__main__":
            bootstrap.prepare()
            multiprocessing.set_start_method("forkserver")
    """})
    got = findings(root / "tool.py", "MP401")
    assert [f.start.row for f in got] == [9] and "bootstrap.prepare()" in got[0].message


def test_same_module_helper_before_unittest_main(tmp_path):
    src = textwrap.dedent(SUITE.replace("HOOK", MODULE_HOOK).replace("MAIN", PREPARED)).replace(
        "from suitekit import bootstrap", "class bootstrap:\n    @staticmethod\n    def prepare():\n"
        "        multiprocessing.set_start_method('spawn')")
    root = project(tmp_path, {"test_pipeline.py": src})
    assert len(findings(root / "test_pipeline.py", "MP401")) == 1


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("hook, main", sorted(CASES))
def test_runtime(tmp_path, method, hook, main):
    root = _root(tmp_path, hook, main)
    out = run_program(root / "test_pipeline.py", method, cwd=root, timeout=120)
    if CASES[(hook, main)]:
        assert "context has already been set" in out.stderr and out.returncode != 0, out.stderr
    else:
        assert out.returncode == 0, out.stderr
