"""MP423 through an object of another project module's class whose method leaves a thread running, when the
object is not named by an import (semantic/thread_leavers.factories, rules/thread_order): a module-level
`STATS = Stats()` of the imported class (the value flow names `STATS.start_flusher()` as
`kit.stats.Stats.start_flusher`; fresh_realistic5 exporter_fork_while_stats_flushing, cpython #96971), and the object
a module function returns, a singleton made on first use (`usage.tracker().start()`: parsl #2343) or made on each call.
The forked child calls a method of the same object (`STATS.add()`, `usage.tracker().record()`), which takes the lock
the thread holds. Near misses: the thread ended by a method that joins it, a child that never reaches the module,
a spawn context, a factory that may return something else. Proven under fork, spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.semantic.thread_leavers import factories
from test_semantic_crossmodule import findings, project

RECORDER = """
    import threading
    import time


    class Recorder:
        def __init__(self):
            self._lock = threading.Lock()
            self._busy = threading.Event()
            self._thread = None
            self.counts = {}

        def bump(self, key):
            if not self._lock.acquire(timeout=3):
                return False
            try:
                self.counts[key] = self.counts.get(key, 0) + 1
            finally:
                self._lock.release()
            return True

        def _sweep(self):
            while True:
                with self._lock:
                    self._busy.set()
                    time.sleep(0.5)
                time.sleep(0.001)

        def begin(self):
            self._thread = threading.Thread(target=self._sweep, daemon=True)
            self._thread.start()
            self._busy.wait(5)

        def finish(self):
            self._thread.join(0.1)


    _SHARED = None


    def shared():
        global _SHARED
        if _SHARED is None:
            _SHARED = Recorder()
        return _SHARED


    def fresh():
        return Recorder()
"""

# the object as a module-level instance of the imported class
GLOBAL = """
    import multiprocessing
    import sys

    from kit.recorder import Recorder

    METER = Recorder()


    def job(out):
        out.put("child counted" if CHILD else "child found it held")


    def spread():
        out = CTX.Queue()
        p = CTX.Process(target=job, args=(out,))
        p.start()
        print(out.get(), flush=True)
        p.join()


    class Service:
        def warm(self):
            METER.begin()

        def run(self):
            AFTER
            spread()


    if __name__ == "__main__":
        service = Service()
        service.warm()
        service.run()
"""

# the object the module's accessor returns, a singleton made on first use
ACCESSOR = """
    import multiprocessing
    import sys

    from kit import recorder


    def job(out):
        out.put("child counted" if CHILD else "child found it held")


    def boot():
        recorder.shared().begin()
        AFTER
        out = CTX.Queue()
        p = CTX.Process(target=job, args=(out,))
        p.start()
        print(out.get(), flush=True)
        p.join()


    if __name__ == "__main__":
        boot()
"""


def files(main, child="METER.bump('jobs')", after="pass", ctx="multiprocessing"):
    text = textwrap.dedent(main).replace("CHILD", child).replace("AFTER", after).replace("CTX", ctx)
    return {"kit/__init__.py": "", "kit/recorder.py": textwrap.dedent(RECORDER), "main.py": text}


def mp423(tmp_path, main, **changes) -> list:
    root = project(tmp_path, files(main, **changes))
    return [f.start.row for f in findings(root / "main.py") if f.code == "MP423"]


def test_a_module_level_instance_of_an_imported_class(tmp_path):
    """`METER.begin()` in a method the main block calls first, the fork one call below the next method."""
    assert mp423(tmp_path, GLOBAL) == [17]


def test_a_singleton_returned_by_the_modules_accessor(tmp_path):
    assert mp423(tmp_path, ACCESSOR, child="recorder.shared().bump('jobs')") == [17]


def test_an_object_made_on_each_call_of_a_factory(tmp_path):
    """`recorder.fresh().begin()`: the thread runs at the fork whichever object it belongs to; the child reaches
    the module through another object of its class."""
    main = ACCESSOR.replace("recorder.shared().begin()", "recorder.fresh().begin()")
    assert mp423(tmp_path, main, child="recorder.shared().bump('jobs')") == [17]


@pytest.mark.parametrize("main, changes", [
    (GLOBAL, {"after": "METER.finish()"}),                                  # joined before the fork
    (GLOBAL, {"child": "True"}),                                            # the child never uses the module
    (GLOBAL, {"ctx": 'multiprocessing.get_context("spawn")'}),              # no fork
    (ACCESSOR, {"child": "recorder.shared().bump('jobs')", "after": "recorder.shared().finish()"}),
    (ACCESSOR, {"child": "True"}),
    (ACCESSOR, {"child": "recorder.shared().bump('jobs')", "ctx": 'multiprocessing.get_context("forkserver")'}),
])
def test_near_misses_are_silent(tmp_path, main, changes):
    assert not mp423(tmp_path, main, **changes)


def test_factories_are_functions_returning_only_an_instance_of_one_class():
    tree = ast.parse(textwrap.dedent("""
        class A:
            pass

        class B:
            pass

        _ONE = None
        _MANY = None
        _LOOPED = None

        def one():
            global _ONE
            if _ONE is None:
                _ONE = A()
            return _ONE

        def made():
            return B()

        def either(flag):
            return A() if flag else B()

        def given(a=None):
            if a is None:
                a = A()
            return a

        def two(flag):
            if flag:
                return A()
            return B()

        def maybe():
            return _MANY

        def set_many(value):
            global _MANY
            _MANY = value

        def looped():
            global _LOOPED
            for _LOOPED in (A(), B()):
                pass
            return _LOOPED

        def nothing():
            A()
    """))
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    assert factories(tree, classes) == {"one": "A", "made": "B"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("main, child", [(GLOBAL, "METER.bump('jobs')"), (ACCESSOR, "recorder.shared().bump('jobs')")])
def test_runtime(tmp_path, method, main, child):
    """The forked child's copy of the object (the module global, or the accessor's singleton: the same object in
    the parent and the forked child) has its lock held by a thread that does not exist there; spawn and forkserver
    children import the module anew and make their own (a short timeout in the child: no hang)."""
    root = project(tmp_path, files(main, child=child))
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, False, "", "child found it held" if method == "fork" else "child counted")


SAMPLER = """
    import threading
    import time

    LOCK = threading.Lock()


    class Sampler(threading.Thread):
        def __init__(self, pause=0.5):
            super().__init__(daemon=True)
            self.pause = pause
            self.busy = threading.Event()

        def run(self):
            while True:
                with LOCK:
                    self.busy.set()
                    time.sleep(self.pause)
                time.sleep(0.001)


    class Once(threading.Thread):
        def run(self):
            print("sampled once")


    def begin():
        sampler = Sampler()
        sampler.start()
        sampler.busy.wait(5)
        return sampler


    def begin_once():
        Once().start()


    def begin_joined():
        sampler = Sampler()
        sampler.start()
        sampler.join(0.1)


    def peek():
        if not LOCK.acquire(timeout=2):
            return "child found it held"
        LOCK.release()
        return "child took the lock"
"""

DAEMON = """
    import multiprocessing

    from kit import sampler


    def serve(out):
        out.put(sampler.peek())


    class Daemon:
        def __init__(self):
            self.out = multiprocessing.Queue()

        def detach(self):
            p = multiprocessing.Process(target=serve, args=(self.out,))
            p.start()
            print(self.out.get(), flush=True)
            p.join()


    def main():
        STARTER
        Daemon().detach()


    if __name__ == "__main__":
        main()
"""


def sampler_files(starter="sampler.begin()"):
    return {"kit/__init__.py": "", "kit/sampler.py": textwrap.dedent(SAMPLER),
            "main.py": textwrap.dedent(DAEMON).replace("STARTER", starter)}


def test_a_thread_subclass_started_by_another_modules_function(tmp_path):
    """`sampler.begin()` makes a `Sampler` (a Thread subclass with its own looping run()), starts it and returns it
    (atop #345's `gpustats.probe()`); the daemon process forked one call below runs the module's code."""
    root = project(tmp_path, sampler_files())
    # the lock the subclass's run() holds is known (the child takes kit.sampler.LOCK), so the finding is MP305's, the
    # more precise of the two (rules/state: a child whose target is another module's function takes its locks)
    assert [(f.code, f.start.row) for f in findings(root / "main.py") if f.code in ("MP305", "MP423")] \
        == [("MP305", 17)]


@pytest.mark.parametrize("starter", ["sampler.begin_once()", "sampler.begin_joined()", "pass"])
def test_a_short_lived_or_joined_subclass_is_silent(tmp_path, starter):
    root = project(tmp_path, sampler_files(starter))
    assert not [f for f in findings(root / "main.py") if f.code == "MP423"]


def test_leavers_know_thread_subclasses():
    from mpguard.semantic.servers import module_imports
    from mpguard.semantic.thread_leavers import leavers
    tree = ast.parse(textwrap.dedent(SAMPLER))
    found = leavers(tree, module_imports(tree, "kit.sampler").qualify, module="kit.sampler")["leaves"]
    assert "begin" in found and "begin_once" not in found and "begin_joined" not in found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_of_the_subclass(tmp_path, method):
    root = project(tmp_path, sampler_files())
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, False, "", "child found it held" if method == "fork" else "child took the lock")
