"""MP101 through the object a factory function of another project module returns: `data_provider(args)` giving a
new `DataLoader(...)` whose `batches()` makes a Pool, called at import time, directly or through methods of a class
of the script (Time-Series-Library #9, fresh_reports20 tslib9_run_unguarded_experiment). The factory's every way
out returns a new object of one class of its module (resolve.project `_factory_method`, semantic/returns
`made_class_returned`), and the prefilter counts the factory's name as one the module gives processes through
(linter/reach `_factories`). Near misses: the call under the main guard, a factory that may return something else,
a method of the object that starts nothing. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

FEEDS = """
    import multiprocessing


    def fill(n):
        return n * n


    class Feeder:
        def __init__(self, size):
            self.size = size

        def pull(self):
            proc = multiprocessing.Process(target=fill, args=(self.size,))
            proc.start()
            proc.join()
            return proc.exitcode

        def describe(self):
            return "feeder of %d" % self.size


    def open_feeder(size):
        feeder = Feeder(size)
        return feeder


    def maybe_feeder(size):
        if size:
            return Feeder(size)
        return None
"""

DIRECT = """
    from kit import feeds

    source = feeds.FACTORY(3)
    print("RESULT=%s" % source.METHOD())
"""

THROUGH_CLASS = """
    from kit.feeds import open_feeder


    class Job:
        def __init__(self, size):
            self.size = size

        def _source(self):
            return open_feeder(self.size)

        def run(self):
            return self._source().pull()


    job = Job(3)
    print("RESULT=%s" % job.run())
"""

GUARDED = THROUGH_CLASS.replace("""    job = Job(3)
    print("RESULT=%s" % job.run())""", """    if __name__ == "__main__":
        job = Job(3)
        print("RESULT=%s" % job.run())""")


def mp101(tmp_path, script):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/feeds.py": FEEDS, "main.py": script})
    return findings(root / "main.py", "MP101")


def test_a_factorys_object_at_module_level(tmp_path):
    [finding] = mp101(tmp_path, DIRECT.replace("FACTORY", "open_feeder").replace("METHOD", "pull"))
    assert "`source.pull()` (from kit.feeds.Feeder)" in finding.message


def test_through_methods_of_a_class_of_the_script(tmp_path):
    [finding] = mp101(tmp_path, THROUGH_CLASS)
    assert "`job.run()`" in finding.message


@pytest.mark.parametrize("script", [GUARDED, DIRECT.replace("FACTORY", "maybe_feeder").replace("METHOD", "pull"),
                                    DIRECT.replace("FACTORY", "open_feeder").replace("METHOD", "describe")],
                         ids=["guarded", "maybe", "describe"])
def test_near_misses(tmp_path, script):
    assert mp101(tmp_path, script) == []


BOOTSTRAP = "bootstrapping phase"


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", ["class", "guarded"])
def test_runtime(tmp_path, method, name):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/feeds.py": FEEDS,
                              "main.py": THROUGH_CLASS if name == "class" else GUARDED})
    out = run_program(root / "main.py", method, cwd=root)
    if name == "class" and method == "spawn":  # the child re-imports main.py, which starts a process again
        assert BOOTSTRAP in out.stderr and "RESULT=1" in out.stdout, out.stderr
    elif name == "class" and method == "forkserver":
        # The server preloads main.py and fails the same way; on 3.14 (authkey challenge) the parent then dies of
        # ConnectionResetError instead of seeing the child's exit code 1.
        assert BOOTSTRAP in out.stderr and ("RESULT=1" in out.stdout or out.returncode != 0), out.stderr
    else:
        assert out.returncode == 0 and "RESULT=0" in out.stdout and BOOTSTRAP not in out.stderr, out.stderr
