"""set_start_method() in a TestCase's setUp(): unittest calls setUp() before each test, so with two tests the
second call raises `RuntimeError: context has already been set` (observed: the session-11 battery's i2, "FAILED
(errors=1)" under fork); the `force=True` fix runs clean. One test, or a setUpClass, is fine."""
import os
import sys
import textwrap
from pathlib import Path

import pytest

from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze
from helpers import runtime_proofs_or_skip, run_in_session

RUNNER_SITE = Path(__file__).parent / "corpus" / "runner_site"

PROGRAM = textwrap.dedent("""
    import multiprocessing as mp
    import unittest


    def work(x):
        return x


    class T(unittest.TestCase):
        def setUp(self):
            mp.set_start_method("spawn")

        def test_a(self):
            with mp.Pool(2) as pool:
                self.assertEqual(pool.map(work, [1]), [1])

        def SECOND(self):
            with mp.Pool(2) as pool:
                self.assertEqual(pool.map(work, [2]), [2])


    if __name__ == "__main__":
        unittest.main()
""")


@pytest.mark.parametrize("second, expected", [("test_b", [("MP401", 12)]), ("helper_b", [])])
def test_set_up_runs_before_each_test(second, expected):
    found = [(f.code, f.start.row) for f in analyze(PROGRAM.replace("SECOND", second), "case.py").findings]
    assert found == expected


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    runtime_proofs_or_skip()
    source = PROGRAM.replace("SECOND", "test_b")
    fixed = fix_all(source, lambda text: analyze(text, "case.py").findings, unsafe=True)[0]
    assert 'set_start_method("spawn", force=True)' in fixed
    env = {**os.environ, "PYTHONPATH": str(RUNNER_SITE), "MP_DEFAULT_METHOD": method}
    for text, ok in ((source, False), (fixed, True)):
        path = tmp_path / "test_prog.py"
        path.write_text(text)
        out = run_in_session([sys.executable, str(path)], text=True, timeout=120, env=env,
                             cwd=tmp_path)
        assert (out.returncode == 0) is ok, out.stderr
