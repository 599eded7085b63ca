"""A multiprocessing.Pool's bound-method initializer made in `__init__` pickles the object as it is inside `Pool(...)`:
the attributes stored after that statement (the pool itself, bound when the call returns) are not there yet
(triqler #8's fix, fresh_reports18 triqler8_posteriors_pool_bound_initializer: `self.pool = Pool(processes,
self.initWorker)` works under spawn). An attribute stored before it is pickled (the hazard stays found), and so is
the later state when the pool starts workers again (`maxtasksperchild`), in a loop, in a method that may run twice,
or after `self` was handed on. Proven under fork, spawn and forkserver (semantic/unset_attributes.py)."""
import textwrap

import pytest
from helpers import found, run_program

NEAR = """
    import multiprocessing as mp
    import threading

    _setting = None


    def _remember(setting):
        global _setting
        _setting = setting


    def square(x):
        return (_setting, x * x)


    class Crawler:
        def __init__(self, workers, setting):
            self.setting = setting
            self.workers = mp.Pool(processes=workers, initializer=self.prepare)
            self.guard = threading.Lock()

        def prepare(self):
            _remember(self.setting)

        def run(self, items):
            try:
                return self.workers.map(square, items)
            finally:
                self.workers.close()
                self.workers.join()


    if __name__ == "__main__":
        print("RESULT=%s" % Crawler(2, "deep").run([1, 2, 3]))
"""

BEFORE = NEAR.replace("""            self.workers = mp.Pool(processes=workers, initializer=self.prepare)
            self.guard = threading.Lock()""", """            self.guard = threading.Lock()
            self.workers = mp.Pool(processes=workers, initializer=self.prepare)""")

# Other shapes where the later state is (or may be) pickled: all stay found
REPOPULATING = NEAR.replace("mp.Pool(processes=workers, initializer=self.prepare)", "mp.Pool(workers, self.prepare, (), 1)")
IN_LOOP = NEAR.replace("""            self.workers = mp.Pool(processes=workers, initializer=self.prepare)
            self.guard = threading.Lock()""", """            for _ in range(2):
                self.workers = mp.Pool(processes=workers, initializer=self.prepare)
                self.guard = threading.Lock()""")
LATER_METHOD = NEAR.replace("""            self.workers = mp.Pool(processes=workers, initializer=self.prepare)
            self.guard = threading.Lock()""", """            self.open()

        def open(self):
            self.workers = mp.Pool(processes=workers, initializer=self.prepare)
            self.guard = threading.Lock()""")
HANDED_ON = NEAR.replace("""            self.setting = setting
""", """            self.setting = setting
            REGISTRY.append(self)
""").replace("_setting = None\n", "_setting = None\n    REGISTRY = []\n")
ELSEWHERE = NEAR + """

    def relock(crawler):
        crawler.guard = threading.Lock()
"""


def test_state_at_the_pool_call_leaves_later_attributes_out():
    assert found(NEAR, "MP201") == []


@pytest.mark.parametrize("program", [BEFORE, REPOPULATING, IN_LOOP, HANDED_ON, ELSEWHERE],
                         ids=["stored-before", "maxtasksperchild", "in-a-loop", "self-handed-on", "stored-elsewhere"])
def test_state_that_may_be_there_stays_found(program):
    assert len(found(program, "MP201")) == 1


def test_a_later_method_may_run_twice():
    program = LATER_METHOD.replace("def open(self):", "def open(self, workers=2):")
    assert len(found(program, "MP201")) == 1


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, program, fails in (("near.py", NEAR, False), ("before.py", BEFORE, method != "fork")):
        path = tmp_path / name
        path.write_text(textwrap.dedent(program))
        out = run_program(path, method)
        if fails:
            assert out.returncode != 0 and "cannot pickle '_thread.lock' object" in out.stderr, out.stderr
        else:
            assert out.returncode == 0 and "RESULT=[('deep', 1), ('deep', 4), ('deep', 9)]" in out.stdout, out.stderr
