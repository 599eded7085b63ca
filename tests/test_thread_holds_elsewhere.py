"""MP423 follows what a running thread calls into another project module (rules/thread_holds.py): a thread of
this module's class whose target calls a method of an object of another module's class (`self.source.read(key)`,
fresh_realistic6's h5py_fork_with_lock_reset_at_fork: opskit.h5safe.File) holds only that module's lock, which
the module's `os.register_at_fork(after_in_child=...)` hook makes anew in a forked child: nothing to report.
The same thread on a module without the hook, or doing anything else, or whose object the child is given, keeps
the finding. Proven under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

READER = """
    import json
    import os
    import threading
    import time

    _lock = threading.Lock()


    def _reset_lock():
        global _lock
        _lock = threading.Lock()


    HOOK


    class Reader:
        def __init__(self, path, latency=0.0):
            self.path = path
            self.latency = latency
            self.busy = threading.Event()

        def read(self, key):
            with _lock:
                self.busy.set()
                with open(self.path) as fh:
                    data = json.load(fh)
                if self.latency:
                    time.sleep(self.latency)
                self.busy.clear()
                EXTRA
                return data[key]
"""

MAIN = """
    import json
    import multiprocessing
    import os
    import tempfile
    import threading

    from kit import reader


    class Prefetcher:
        def __init__(self, source, rounds=1):
            self.source = source
            self.rounds = rounds
            self.thread = threading.Thread(target=self._run, daemon=True)

        def _run(self):
            for _ in range(self.rounds):
                self.source.read("calib")
                RUN_EXTRA

        def start(self):
            self.thread.start()
            self.source.busy.wait(5)
            return self


    def child(path):
        got = reader._lock.acquire(blocking=False)
        print("child acquired" if got else "child found it held", flush=True)


    def main():
        path = os.path.join(tempfile.mkdtemp(), "run.json")
        with open(path, "w") as fh:
            json.dump({"values": [1, 2], "calib": [0.5]}, fh)
        viewer = reader.Reader(path, latency=1.5)
        Prefetcher(viewer).start()
        SHARE
        proc = multiprocessing.Process(target=child, args=(CHILD_ARGS,))
        proc.start()
        proc.join()


    if __name__ == "__main__":
        main()
"""

HOOK = "os.register_at_fork(after_in_child=_reset_lock)"


def files(hook=HOOK, extra="pass", run_extra="pass", share="pass", child_args="path"):
    return {"kit/__init__.py": "", "kit/reader.py": READER.replace("HOOK", hook).replace("EXTRA", extra),
            "main.py": MAIN.replace("RUN_EXTRA", run_extra).replace("SHARE", share).replace("CHILD_ARGS", child_args)}


def codes_of(tmp_path, **changes) -> set:
    root = project(tmp_path, files(**changes))
    return {f.code for f in findings(root / "main.py")}


def test_a_thread_holding_only_another_modules_recreated_lock(tmp_path):
    assert not {"MP423", "MP305"} & codes_of(tmp_path)


@pytest.mark.parametrize("changes", [
    {"hook": "pass"},                                               # no hook: the child keeps the lock held
    {"hook": "os.register_at_fork(before=_reset_lock)"},            # re-made in the parent, not the child
    {"extra": 'print("read", key)'},                                # stdout's lock, under the reader's
    {"extra": "os.stat(self.path)"},                                # a call the catalog does not list
    {"run_extra": 'print("warm")'},                                 # in the thread's own method
    {"child_args": "viewer"},                                       # the child is given the object (its Event)
    {"share": "shared = [viewer]", "child_args": "shared"},         # ... through a list
    {"share": "keep(viewer)"},                                      # given to a function: not followed
])
def test_near_misses_are_still_found(tmp_path, changes):
    src = files(**changes)
    if "share" in changes and "keep" in changes["share"]:
        src["main.py"] += "\n\n    def keep(obj):\n        KEPT.append(obj)\n\n\n    KEPT = []\n"
    root = project(tmp_path, src)
    assert "MP423" in {f.code for f in findings(root / "main.py")}


def test_a_reader_class_with_a_base_is_not_followed(tmp_path):
    src = files()
    src["kit/reader.py"] = src["kit/reader.py"].replace("class Reader:", "class Base:\n    pass\n\n\nclass Reader(Base):")
    root = project(tmp_path, src)
    assert "MP423" in {f.code for f in findings(root / "main.py")}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("hook", [HOOK, "pass"])
def test_runtime(tmp_path, method, hook):
    """The forked child finds the reader's lock held unless the hook re-made it; spawn and forkserver children
    import the module anew."""
    root = project(tmp_path, files(hook=hook))
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    held = method == "fork" and hook == "pass"
    assert_outcome(out, False, "", "child found it held" if held else "child acquired")
