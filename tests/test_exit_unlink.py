"""MP206 at interpreter exit: the program ends right after it started a child that was given a Lock or Queue, and
nothing waits for the child (thingy_grabber #33, fresh_reports13 thingygrabber33_downloaders_left_running). At exit
multiprocessing unlinks the semaphores (finalizers of exit priority 0) before it joins the children, so under
spawn and forkserver a child still unpickling its arguments finds the semaphore gone. Shapes: a plain Process in a
function the guard calls last, module-level code under the guard, a Process subclass of this module, one of another
module, `sys.exit(main())`. Near misses stay silent: a join, a get or a sleep after the start (also inside a helper),
a daemonic child, a fork context, a function nobody calls, a Pipe (no semaphore), an atexit handler. Proven under
fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

SPAWNED = frozenset({"spawn", "forkserver"})

PLAIN = """
    import multiprocessing


    def consume(jobs):
        while True:
            item = jobs.get()
            if item is None:
                break
            print("got", item)


    def main(names):
        jobs = multiprocessing.Queue()
        workers = [multiprocessing.Process(target=consume, args=(jobs,)) for _ in range(2)]
        for worker in workers:
            worker.start()
        for name in names:
            jobs.put(name)
        for _ in workers:
            jobs.put(None)
        print("queued", len(names))


    if __name__ == "__main__":
        main(["a", "b", "c"])
"""

SUBCLASS = """
    import multiprocessing
    import sys


    class Writer(multiprocessing.Process):
        def __init__(self, lock, path):
            super().__init__()
            self.lock = lock
            self.path = path

        def run(self):
            with self.lock:
                print("writing", self.path)


    def run_writers(paths):
        lock = multiprocessing.Lock()
        for path in paths:
            Writer(lock, path).start()
        return 0


    if __name__ == "__main__":
        sys.exit(run_writers(["x.txt", "y.txt"]))
"""

MODULE_LEVEL = """
    import multiprocessing


    def report(done):
        done.set()


    if __name__ == "__main__":
        done = multiprocessing.Event()
        child = multiprocessing.Process(target=report, args=(done,))
        child.start()
        print("started")
"""


def _mp206_rows(src):
    return sorted((f.start.row, f.start_methods) for f in found(src, "MP206"))


def test_a_function_the_guard_calls_last_returns_after_start():
    assert _mp206_rows(PLAIN) == [(17, SPAWNED)]


def test_a_process_subclass_keeping_the_lock_and_sys_exit_of_main():
    (finding,) = found(SUBCLASS, "MP206")
    assert finding.start.row == 20 and finding.start_methods == SPAWNED
    assert "Lock made on line 18" in finding.message


def test_module_level_code_under_the_guard():
    assert _mp206_rows(MODULE_LEVEL) == [(12, SPAWNED)]


KIT = """
    import multiprocessing


    class Downloader(multiprocessing.Process):
        def __init__(self, queue, directory):
            multiprocessing.Process.__init__(self)
            self.queue = queue
            self.directory = directory

        def run(self):
            while True:
                item = self.queue.get()
                self.queue.task_done()
                if item is None:
                    break
"""

CLI = """
    import multiprocessing

    from kit.download import Downloader


    def main(things):
        queue = multiprocessing.JoinableQueue()
        loaders = [Downloader(queue, "/tmp") for _ in range(2)]
        for loader in loaders:
            loader.start()
        for thing in things:
            queue.put(thing)
        for _ in loaders:
            queue.put(None)


    if __name__ == "__main__":
        main(["1", "2"])
"""


def test_a_process_subclass_of_another_module(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/download.py": KIT, "cli.py": CLI})
    (finding,) = findings(root / "cli.py", "MP206")
    assert finding.start.row == 11 and "JoinableQueue" in finding.message


def test_another_module_near_misses(tmp_path):
    joined = CLI.replace("            queue.put(None)\n", "            queue.put(None)\n        queue.join()\n")
    daemonic = KIT.replace("self.queue = queue", "self.queue = queue\n            self.daemon = True")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/download.py": daemonic, "cli.py": CLI, "joined.py": joined})
    assert findings(root / "cli.py", "MP206") == []
    assert findings(root / "joined.py", "MP206") == []


HELPER_JOIN = PLAIN.replace('        print("queued", len(names))\n', '        print("queued", len(names))\n'
                            '        finish(workers)\n\n\n    def finish(workers):\n'
                            '        for worker in workers:\n            worker.join()\n')


@pytest.mark.parametrize("program", [
    PLAIN.replace('print("queued", len(names))', "for worker in workers:\n            worker.join()"),
    HELPER_JOIN,
    PLAIN.replace('main(["a", "b", "c"])', 'main(["a", "b", "c"])\n        time.sleep(1)').replace(
        "import multiprocessing\n", "import multiprocessing\n    import time\n", 1),
    PLAIN.replace("args=(jobs,))", "args=(jobs,), daemon=True)"),
    PLAIN.replace("jobs = multiprocessing.Queue()", 'jobs = multiprocessing.get_context("fork").Queue()'),
    PLAIN.replace('        main(["a", "b", "c"])', "        pass"),
    PLAIN.replace('if __name__ == "__main__":', 'if __name__ == "__main__":\n        atexit.register(print)').replace(
        "import multiprocessing\n", "import multiprocessing\n    import atexit\n", 1),
    SUBCLASS.replace("multiprocessing.Lock()", "multiprocessing.Pipe()[0]"),
    SUBCLASS.replace("Writer(lock, path).start()", "writer = Writer(lock, path)\n            writer.start()\n"
                     "            writer.join()"),
    MODULE_LEVEL.replace('print("started")', "child.join()"),
    MODULE_LEVEL.replace('print("started")', "done.wait()"),
    MODULE_LEVEL.replace('print("started")', "with done_lock:\n            print(1)").replace(
        "done = multiprocessing.Event()", "done = multiprocessing.Event()\n        done_lock = multiprocessing.Lock()"),
    MODULE_LEVEL.replace('print("started")', "window.mainloop()"),
    MODULE_LEVEL.replace('print("started")', "serve(8080)").replace(
        "import multiprocessing\n", "import multiprocessing\n    from server import serve\n", 1),
    PLAIN.replace("multiprocessing.Queue()", "multiprocessing.Queue(2)"),
    PLAIN.replace('print("queued", len(names))', "summarize(names)").replace(
        "if __name__", "def summarize(names):\n        with open('out.txt', 'w') as out:\n"
        "            out.write(compute(names))\n\n\n    if __name__"),
    PLAIN.replace('if __name__ == "__main__":\n        main(["a", "b", "c"])', 'main(["a", "b", "c"])'),
], ids=["joined", "helper-joins", "sleeps-after", "daemon", "fork-context", "not-called", "atexit", "pipe",
        "subclass-joined", "module-joined", "module-waits",
        "with-lock", "gui-mainloop", "unknown-call", "bounded-queue", "helper-does-work", "imported-module"])
def test_near_misses_stay_silent(program):
    assert found(program, "MP206") == []


def test_main_called_in_a_loop_that_waits_elsewhere():
    looped = PLAIN.replace('        main(["a", "b", "c"])', '        for batch in (["a"], ["b"]):\n'
                           '            main(batch)\n            input()')
    assert found(looped, "MP206") == []


# ---------------------------------------------------------------- runtime
RUNS = 5  # a race the child loses nearly always: under Python 3.10's forkserver (which preloads __main__) about
# one run in five starts the child in time; under spawn every run measured lost it


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("program", [PLAIN, SUBCLASS, MODULE_LEVEL], ids=["plain", "subclass", "module-level"])
def test_runtime_the_child_loses_the_semaphore_under_spawn_and_forkserver(tmp_path, method, program):
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(program))
    flagged = found(program, "MP206")[0].start_methods
    for _ in range(RUNS if method != "fork" else 2):
        result = run_program(path, method)
        assert result.returncode == 0, result.stderr  # (the parent exits 0: only the child fails)
        lost = "FileNotFoundError" in result.stderr
        if method == "fork":
            assert not lost and method not in flagged, result.stderr
        elif lost:
            break
    assert lost == (method in flagged) == (method != "fork"), result.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_near_miss_joined_runs_clean(tmp_path, method):
    program = PLAIN.replace('print("queued", len(names))', "for worker in workers:\n            worker.join()")
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(program))
    result = run_program(path, method)
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    assert result.stdout.count("got") == 3
    assert found(program, "MP206") == []
