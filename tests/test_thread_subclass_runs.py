"""A started instance of a project `threading.Thread` subclass with its own `run()` is a running thread whose code
is that `run()` (semantic/calls.py `_thread_run`, `_foreign_thread`): MP423 / MP305 judge it as they judge
`Thread(target=f)` (fresh_reports11's openhands459: a log streamer thread holding the log lock while a
ProcessPoolExecutor forks). Near misses stay silent: joined before the fork, a `run()` that neither loops nor waits,
a spawn context. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, codes, run_program

from test_semantic_crossmodule import findings, project

STREAMER = """
    import threading
    import time

    LOCK = threading.Lock()
    STREAMING = threading.Event()


    class Streamer(threading.Thread):
        def __init__(self):
            super().__init__(daemon=True)

        def run(self):
            RUN_BODY
"""

LOOPING = """for _ in range(40):
                with LOCK:
                    STREAMING.set()
                    time.sleep(0.25)
                time.sleep(0.001)"""

MAIN = """
    import multiprocessing
    import sys

    IMPORTS


    def child():
        ok = LOCK.acquire(timeout=3)
        print("child acquired" if ok else "child found it held", flush=True)


    def main():
        streamer = Streamer()
        streamer.start()
        STREAMING.wait(5)
        JOIN
        proc = CTX.Process(target=child)
        proc.start()
        proc.join()


    if __name__ == "__main__":
        main()
"""


def program(run_body=LOOPING, join="pass", ctx="multiprocessing"):
    text = textwrap.dedent(STREAMER).replace("RUN_BODY", run_body) \
        + textwrap.dedent(MAIN).replace("IMPORTS", "").replace("JOIN", join).replace("CTX", ctx)
    return text


def test_a_started_subclass_is_a_running_thread():
    assert {"MP423", "MP305"} & codes(program())


@pytest.mark.parametrize("changes", [
    {"join": "streamer.join()"},                                   # ended before the fork
    {"ctx": 'multiprocessing.get_context("spawn")'},               # no fork
])
def test_near_misses_are_silent(changes):
    assert not {"MP423", "MP305"} & codes(program(**changes))


def test_a_run_that_neither_loops_nor_waits_is_over_by_the_fork():
    """MP423's short-lived thread, as for `Thread(target=f)` (MP305, the lock the child needs, is said for both)."""
    assert "MP423" not in codes(program(run_body="with LOCK:\n                STREAMING.set()"))


def test_a_run_that_never_takes_the_childs_lock_is_no_mp305():
    """Still a thread running at the fork (MP423, as for `Thread(target=f)`), but it holds nothing the child takes."""
    found = codes(program(run_body="for _ in range(40):\n                STREAMING.set()\n                time.sleep(0.25)"))
    assert "MP305" not in found and "MP423" in found


def test_a_subclass_without_its_own_run_is_not_read_as_one():
    """`class Worker(threading.Thread)` that only hands Thread a target: what runs is that target, not followed
    here (precision first)."""
    src = program().replace("def run(self):\n        " + LOOPING.replace("\n", "\n"), "def unused(self):\n        pass")
    assert "def run" not in src
    assert not {"MP423", "MP305"} & codes(src)


def files(run_body=LOOPING, join="pass"):
    main = textwrap.dedent(MAIN).replace("IMPORTS", "from kit.streamer import LOCK, STREAMING, Streamer") \
        .replace("JOIN", join).replace("CTX", "multiprocessing")
    return {"kit/__init__.py": "", "kit/streamer.py": textwrap.dedent(STREAMER).replace("RUN_BODY", run_body),
            "main.py": main}


def test_another_modules_subclass(tmp_path):
    root = project(tmp_path, files())
    assert "MP423" in {f.code for f in findings(root / "main.py")}


def test_another_modules_subclass_joined_is_silent(tmp_path):
    root = project(tmp_path, files(join="streamer.join()"))
    assert "MP423" not in {f.code for f in findings(root / "main.py")}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    """The forked child finds the streamer's lock held; spawn and forkserver children import the module anew."""
    path = tmp_path / "main.py"
    path.write_text(program())
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, False, "", "child found it held" if method == "fork" else "child acquired")
