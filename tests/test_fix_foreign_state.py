"""The copyreg fix for an object of another project module's class that keeps a threading lock (modin #711's
Engine with its `_pool_lock`, rl-agents #74's RawEpisodeMonitor; fresh_reports9): the sending module registers a
pickling function that leaves the lock out and builds a new one in the process that unpickles the object, and the
pickler then takes the class as picklable. Near misses: a class keeping another refused field (an open file), a
class with bases. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings, project

ENGINE = """
    import threading


    class Engine:
        def __init__(self, url):
            self.url = url
            self._pool_lock = threading.RLock()
            EXTRA

        def connect(self):
            with self._pool_lock:
                return self.url.upper()
"""

MAIN = """
    import functools
    import sys
    from multiprocessing import Pool

    from kit.engine import Engine


    def read_chunk(con, offset):
        return con.connect(), offset


    def main():
        task = functools.partial(read_chunk, Engine("db://x"))
        with Pool(2) as pool:
            parts = pool.map(task, [0, 1])
        print("RESULT=%s" % parts)
        return 0 if parts == [("DB://X", 0), ("DB://X", 1)] else 3


    if __name__ == "__main__":
        sys.exit(main())
"""

HOLDER = """
    import multiprocessing as mp
    import sys

    from kit.engine import Engine


    class Job:
        def __init__(self):
            self.engine = Engine("db://y")


    def run(job, out):
        out.put(job.engine.connect())


    if __name__ == "__main__":
        q = mp.Queue()
        p = mp.Process(target=run, args=(Job(), q))
        p.start()
        got = q.get(timeout=30)
        p.join()
        print("RESULT=%s" % got)
        sys.exit(0 if got == "DB://Y" else 3)
"""


def root_with(tmp_path, main=MAIN, extra="pass"):
    return project(tmp_path, {"kit/__init__.py": "", "kit/engine.py": ENGINE.replace("EXTRA", extra),
                              "main.py": main})


def fixed(root, code):
    found = findings(root / "main.py", code)
    assert found
    if found[0].fix is None:
        return None
    out = apply_edits((root / "main.py").read_text(), found[0].fix.edits)
    assert parses(out)
    return out


def test_the_class_gets_a_reducer_without_its_lock(tmp_path):
    root = root_with(tmp_path)
    out = fixed(root, "MP201")
    assert "from kit.engine import Engine\nimport copyreg\nimport threading\n" in out
    assert '    state.pop("_pool_lock", None)\n    return _rebuild_Engine, (type(obj), state)\n' in out
    assert "    obj._pool_lock = threading.RLock()\n" in out
    assert "\ncopyreg.pickle(Engine, _reduce_Engine)\n" in out
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP201") == []


def test_a_class_of_this_module_holding_the_object(tmp_path):
    root = root_with(tmp_path, HOLDER)
    out = fixed(root, "MP203")
    assert "\ncopyreg.pickle(Engine, _reduce_Engine)\n" in out
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP203") == []


def test_no_fix_when_the_class_keeps_another_refused_field(tmp_path):
    root = root_with(tmp_path, extra="self.log = open(url.replace('://', '_') + '.log', 'a')")
    out = fixed(root, "MP201")
    assert out is None or "copyreg" not in out


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("main, code", [(MAIN, "MP201"), (HOLDER, "MP203")], ids=["pool", "process"])
def test_runtime(tmp_path, method, main, code):
    root = root_with(tmp_path, main)
    before = run_program(root / "main.py", method, timeout=60, cwd=root)
    if not (main is HOLDER and method == "fork"):  # a forked Process gets its args without pickle
        assert before.returncode != 0 and "pickle" in before.stderr
    (root / "main.py").write_text(fixed(root, code))
    after = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert after.returncode == 0 and "RESULT=" in after.stdout, after.stderr
