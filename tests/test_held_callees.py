"""MP305 through a lock another project module's code holds across a wait (semantic/module_locks "waits",
rules/held_callees.py; h5py #2584): a thread of the program calls a method or function of a helper module that
holds the module's lock while it sleeps or waits, a process is forked while the thread runs, and the child calls
code of that module taking the same lock. Shapes: a method of the module's class called on a new object, the thread
started in a method a common caller runs first; a module function holding an RLock across an Event's wait, the
thread started in the forking function. Near misses: a module the program imports takes the lock around every fork
(`os.register_at_fork(before=lock.acquire, after_in_child=lock.release)`, h5py's fix), the lock released before
the wait, a child that takes no lock of the module, a thread joined first, a spawn context. Proven under fork,
spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.semantic.lock_graph import lock_graph
from mpguard.semantic.module_locks import serialised_at_fork
from mpguard.semantic.names import ImportMap
from test_semantic_crossmodule import findings, project

STORE = """
    import threading
    import time

    _GATE = threading.LOCK()


    class Archive:
        def __init__(self, name):
            self.name = name

        def fetch(self, pause, inside=None):
            with _GATE:
                if inside is not None:
                    inside.set()
                time.sleep(pause)
            AFTER
            return self.name


    def drain(ready, done):
        with _GATE:
            ready.set()
            done.wait(3)


    def lookup(key):
        if not _GATE.acquire(timeout=2):
            return "child found it held"
        try:
            return "child took the lock"
        finally:
            _GATE.release()


    def size(key):
        return len(key)
"""

FORKSAFE = """
    import os

    from kit.store import _GATE

    if hasattr(os, "register_at_fork"):
        os.register_at_fork(before=_GATE.acquire, after_in_parent=_GATE.release, after_in_child=_GATE.release)
"""

# the thread in a method a common caller runs first, calling a method of the module's class
LOADER = """
    import multiprocessing
    import threading

    IMPORTS


    def child(out):
        out.put(CHILD)


    class Loader:
        def __init__(self):
            self.inside = threading.Event()
            self.threads = [threading.Thread(target=self._load, args=(n,)) for n in ("a", "b")]

        def _load(self, name):
            store.Archive(name).fetch(3.0, self.inside)

        def begin(self):
            for t in self.threads:
                t.start()
            self.inside.wait(5)

        def end(self):
            for t in self.threads:
                t.join()


    def spawn_child():
        out = CTX.Queue()
        p = CTX.Process(target=child, args=(out,))
        p.start()
        print(out.get(), flush=True)
        p.join()


    if __name__ == "__main__":
        loader = Loader()
        loader.begin()
        JOIN
        spawn_child()
        loader.end()
"""

# the thread started in the forking function, calling a module function
DIRECT = """
    import multiprocessing
    import threading

    from kit import store


    def child(out):
        out.put(store.lookup("k"))


    def main():
        ready, done = threading.Event(), threading.Event()
        t = threading.Thread(target=store.drain, args=(ready, done))
        t.start()
        ready.wait(5)
        out = multiprocessing.Queue()
        p = multiprocessing.Process(target=child, args=(out,))
        p.start()
        print(out.get(), flush=True)
        p.join()
        done.set()
        t.join()


    if __name__ == "__main__":
        main()
"""


def files(main=LOADER, imports="from kit import store", child='store.lookup("k")', join="pass",
          ctx="multiprocessing", after="pass", lock="Lock"):
    text = textwrap.dedent(main).replace("IMPORTS", imports).replace("CHILD", child).replace("JOIN", join) \
        .replace("CTX", ctx)
    return {"kit/__init__.py": "", "kit/store.py": textwrap.dedent(STORE).replace("AFTER", after)
            .replace("LOCK", lock), "kit/forksafe.py": textwrap.dedent(FORKSAFE), "main.py": text}


def mp305(tmp_path, **changes) -> list:
    root = project(tmp_path, files(**changes))
    return [f.start.row for f in findings(root / "main.py") if f.code == "MP305"]


def test_a_method_of_the_modules_class_in_threads_a_method_started(tmp_path):
    assert mp305(tmp_path) == [33]


def test_a_module_function_holding_an_rlock_across_a_wait(tmp_path):
    assert mp305(tmp_path, main=DIRECT, lock="RLock") == [19]


@pytest.mark.parametrize("changes", [
    {"imports": "from kit import store\nimport kit.forksafe"},  # taken around every fork (h5py's fix)
    {"child": 'store.size("k")'},                               # the child takes no lock of the module
    {"join": "loader.end()"},                                   # joined before the fork
    {"ctx": 'multiprocessing.get_context("spawn")'},            # no fork
])
def test_near_misses_are_silent(tmp_path, changes):
    assert not mp305(tmp_path, **changes)


def test_a_lock_released_before_the_wait_is_silent(tmp_path):
    made = files()
    store = made["kit/store.py"].replace("            time.sleep(pause)\n        pass\n", "        time.sleep(pause)\n")
    assert store != made["kit/store.py"]
    root = project(tmp_path, {**made, "kit/store.py": store})
    assert not [f for f in findings(root / "main.py") if f.code == "MP305"]


def test_the_fact_lists_the_locks_held_across_a_wait():
    tree = ast.parse(textwrap.dedent(STORE).replace("AFTER", "pass").replace("LOCK", "Lock"))
    fact = lock_graph(tree, _qualify(tree, "kit"))
    assert fact["waits"] == {"Archive.fetch": ["_GATE"], "drain": ["_GATE"]}
    assert "lookup" in fact["takes"] and "size" not in fact["takes"]
    safe = ast.parse(textwrap.dedent(FORKSAFE))
    assert serialised_at_fork(safe, _qualify(safe, "kit")) == ["kit.store._GATE"]


def _qualify(tree, package):
    imports = ImportMap(package)
    for stmt in ast.walk(tree):
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            imports.add(stmt)
    return imports.qualify


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("imports", ["from kit import store", "from kit import store\nimport kit.forksafe"])
def test_runtime(tmp_path, method, imports):
    """Forked while a thread sleeps inside the helper's lock, the child finds its copy held; with the at-fork hook
    the fork waits for the lock and the child gets it free; spawn and forkserver children import the module anew
    (a timeout in the child: no hang)."""
    root = project(tmp_path, files(imports=imports))
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    held = method == "fork" and "forksafe" not in imports
    assert_outcome(out, False, "", "child found it held" if held else "child took the lock")


NET = """
    import time


    class Link:
        def __init__(self, delay=3.0):
            self.delay = delay

        def ping(self):
            time.sleep(self.delay)  # a round trip
            return True
"""

SDK = """
    import os
    import threading
    from typing import Optional

    from kit.net import Link


    class Probe:
        def __init__(self, link: Link):
            self.link = link
            self._guard = threading.Lock()
            self.inside = threading.Event()
            HOOK

        def check(self):
            with self._guard:
                self.inside.set()
                return self.link.ping()

        def peek(self):
            if not self._guard.acquire(timeout=2):
                return "child found it held"
            self._guard.release()
            return "child took the lock"


    class Hub:
        def __init__(self):
            self.probe = Probe(Link())

        def report(self, msg):
            return self.probe.check()

        def status(self):
            return self.probe.peek()


    _HUB: Optional[Hub] = None


    def setup():
        global _HUB
        _HUB = Hub()


    def report(msg):
        return _HUB.report(msg) if _HUB is not None else False


    def status():
        return _HUB.status()


    def version():
        return "1.0"
"""

APP = """
    import multiprocessing
    import threading

    from kit import sdk


    def on_request():
        sdk.report("slow request")


    def batch(out):
        if sdk._HUB is None:
            sdk.setup()  # (a spawned child imports the module anew: its own hub)
        out.put(CHILD)


    def run_batch():
        out = multiprocessing.Queue()
        worker = multiprocessing.Process(target=batch, args=(out,))
        worker.start()
        print(out.get(), flush=True)
        worker.join()


    def main():
        sdk.setup()
        t = threading.Thread(target=on_request)
        t.start()
        sdk._HUB.probe.inside.wait(5)
        run_batch()
        t.join()


    if __name__ == "__main__":
        main()
"""


def sdk_files(hook="pass", child="sdk.status()"):
    return {"kit/__init__.py": "", "kit/net.py": textwrap.dedent(NET),
            "kit/sdk.py": textwrap.dedent(SDK).replace("HOOK", hook), "main.py": textwrap.dedent(APP).replace("CHILD", child)}


def test_an_instance_lock_reached_through_a_module_singleton_and_fields(tmp_path):
    """`sdk.report()` -> the global `_HUB` (bound only to a Hub) -> `self.probe` (a Probe made in Hub's constructor)
    -> `check()` holding `self._guard` across `self.link.ping()` (an annotated parameter's class, another module,
    which sleeps); the child's `sdk.status()` reaches `peek()`, which takes the same lock."""
    root = project(tmp_path, sdk_files())
    assert [f.start.row for f in findings(root / "main.py") if f.code == "MP305"] == [21]


@pytest.mark.parametrize("changes", [
    {"hook": "os.register_at_fork(after_in_child=self.inside.clear)"},  # a fork-aware class (sentry's fix)
    {"child": "sdk.version()"},                                          # the child takes no lock of the module
])
def test_instance_lock_near_misses_are_silent(tmp_path, changes):
    root = project(tmp_path, sdk_files(**changes))
    assert not [f for f in findings(root / "main.py") if f.code == "MP305"]


def test_a_lock_bound_again_is_not_the_instance_lock():
    tree = ast.parse(textwrap.dedent(SDK).replace("HOOK", "pass").replace(
        "    def peek(self):", "    def reset(self):\n        self._guard = threading.Lock()\n\n    def peek(self):"))
    fact = lock_graph(tree, _qualify(tree, "kit"))
    assert not any("Probe._guard" in locks for locks in fact["takes"].values())


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_of_the_instance_lock(tmp_path, method):
    root = project(tmp_path, sdk_files())
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, False, "", "child found it held" if method == "fork" else "child took the lock")


def test_a_lookup_under_the_lock_is_not_a_wait():
    """`d.get(key)`, `", ".join(parts)` and `self.cache.get(key, None)` hold the lock for an instant; a queue's
    `get()`, an Event's `wait(1)` and `time.sleep` wait."""
    tree = ast.parse(textwrap.dedent("""
        import threading
        import time

        _L = threading.Lock()

        def lookup(d, key, parts):
            with _L:
                return d.get(key), ", ".join(parts), d.get(key, None)

        def take(q):
            with _L:
                return q.get()

        def pause(evt):
            with _L:
                evt.wait(1)

        def nap():
            with _L:
                time.sleep(0.1)
    """))
    assert lock_graph(tree, _qualify(tree, "kit"))["waits"] == {"take": ["_L"], "pause": ["_L"], "nap": ["_L"]}


POOLED = """
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    from kit import store


    def task(key):
        return store.lookup(key)


    def main():
        ready, done = threading.Event(), threading.Event()
        t = threading.Thread(target=store.drain, args=(ready, done))
        t.start()
        ready.wait(5)
        FORK
        done.set()
        t.join()


    if __name__ == "__main__":
        main()
"""


@pytest.mark.parametrize("fork, row", [
    ('with multiprocessing.get_context("fork").Pool(1) as pool:\n        print(pool.map(task, ["k"]))', 18),
    ('with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as ex:\n'
     '        print(ex.submit(task, "k").result())', 19),
])
def test_a_pool_made_or_an_executors_first_task_while_the_thread_waits(tmp_path, fork, row):
    root = project(tmp_path, {**files(), "main.py": textwrap.dedent(POOLED).replace("FORK", fork)})
    assert [f.start.row for f in findings(root / "main.py") if f.code == "MP305"] == [row]
