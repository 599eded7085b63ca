"""A module attribute that *holds* an object pickle refuses (`sys.stdout`, named, not called): the
pickle catalog marks such entries `held`, and a child's arguments that contain one are judged like the
object itself. Each hazardous program below was run under fork, spawn and forkserver (the runtime test
at the end proves it on the running interpreter); the near misses stay silent."""
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import run_program, at_crossing, codes, found, methods, rows
from mpguard.semantic.pickle_catalog import refused, refused_held

SPAWNISH = {"spawn", "forkserver"}
ALL = {"fork", "spawn", "forkserver"}

# A logger process handed the parent's stream to write to: a Process's arguments are pickled only
# when the child is spawned (fork copies them), so fork works and spawn/forkserver fail at start().
STREAM_TO_PROCESS = """
    import multiprocessing
    import sys

    def log_progress(stream, steps):
        for i in range(steps):
            stream.write("step %d\\n" % i)
        stream.flush()

    def main(out=sys.stderr):
        proc = multiprocessing.Process(target=log_progress, args=(out, 3))
        proc.start()
        proc.join()
        return proc.exitcode

    if __name__ == "__main__":
        sys.exit(main(sys.stdout))
"""

# A pool's task arguments are pickled under every method, fork included.
STREAM_TO_POOL = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    def report(name, stream):
        print("checked", name, file=stream)
        return name

    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as ex:
            jobs = [ex.submit(report, n, sys.stderr) for n in ("a", "b")]
            print([j.result() for j in jobs])
"""

# A callable object whose stream defaults to the parent's stdout: the instance is pickled with the task.
REPORTER_DEFAULT_STREAM = """
    import multiprocessing
    import sys

    class Reporter:
        def __init__(self, stream=sys.stdout):
            self.stream = stream
            self.count = 0

        def __call__(self, item):
            self.count += 1
            return item * 2

    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(Reporter(), [1, 2, 3]))
"""


def test_the_catalog_says_which_names_hold_the_object_itself():
    assert refused_held("sys.stdout") is not None
    assert refused_held("sys.__stderr__") is not None
    # a factory is called to make the object: naming it hands over a class or a function, which pickles
    assert refused("threading.Lock") is not None and refused_held("threading.Lock") is None
    assert refused_held("sys.argv") is None and refused_held(None) is None


def test_a_stream_given_to_a_process_breaks_where_the_arguments_are_pickled():
    assert methods(STREAM_TO_PROCESS, "MP203") == SPAWNISH
    [finding] = at_crossing(found(STREAM_TO_PROCESS, "MP203"))
    assert "`sys.stdout`" in finding.message and "TextIOWrapper" in finding.message
    # where it crosses; main(sys.stdout) is named in the message, and a copy sits there (where the value is given)
    assert rows(STREAM_TO_PROCESS, "MP203") == [11, 17]


def test_a_stream_given_to_a_pool_task_breaks_under_every_method():
    assert methods(STREAM_TO_POOL, "MP203") == ALL


def test_an_object_that_keeps_the_stream_breaks_the_task_that_carries_it():
    [finding] = found(REPORTER_DEFAULT_STREAM, "MP201")
    assert ".stream is `sys.stdout`" in finding.message
    assert methods(REPORTER_DEFAULT_STREAM, "MP201") == ALL


def test_an_object_that_leaves_the_stream_out_of_its_state_is_fine():
    src = REPORTER_DEFAULT_STREAM.replace("""    def __call__""", """    def __getstate__(self):
            return {"count": self.count}

        def __setstate__(self, state):
            self.__dict__.update(state, stream=sys.stderr)

        def __call__""")
    assert "def __getstate__" in src
    assert codes(src) == set()


@pytest.mark.parametrize("rebinding", [
    "sys.stdout = open(os.devnull, 'w') if False else io.StringIO()",
    "setattr(sys, 'stdout', io.StringIO())",
])
def test_a_module_that_replaces_the_stream_is_not_judged_by_the_catalog(rebinding):
    src = f"""
        import io
        import multiprocessing
        import os
        import sys

        def work(stream):
            stream.write("x")

        if __name__ == "__main__":
            {rebinding}
            p = multiprocessing.Process(target=work, args=(sys.stdout,))
            p.start()
            p.join()
    """
    assert "MP203" not in codes(src)


def test_a_redirected_stream_is_not_judged_by_the_catalog():
    src = """
        import contextlib
        import io
        import multiprocessing
        import sys

        def work(stream):
            stream.write("x")

        if __name__ == "__main__":
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                p = multiprocessing.Process(target=work, args=(sys.stdout,))
                p.start()
                p.join()
    """
    assert "MP203" not in codes(src)


def test_near_misses_what_crosses_is_not_the_stream():
    src = """
        import multiprocessing
        import sys
        import threading

        def work(fd, encoding, name):
            print(fd, encoding, name)

        def watch(stream):
            stream.write("thread\\n")

        if __name__ == "__main__":
            threading.Thread(target=watch, args=(sys.stdout,)).start()   # a thread: nothing is pickled
            p = multiprocessing.Process(target=work,
                                        args=(sys.stdout.fileno(), sys.stdout.encoding, sys.stdout.name))
            p.start()
            p.join()
    """
    assert "MP203" not in codes(src)  # (MP423: the thread still runs when the child is started)


def _run(path: Path, method: str) -> subprocess.CompletedProcess:
    """The program under `method` as the default start method; a run that hangs is run once more (helpers.run_program)."""
    return run_program(path, method, timeout=60, cwd=path.parent)


@pytest.mark.parametrize("program, code", [(STREAM_TO_PROCESS, "MP203"), (STREAM_TO_POOL, "MP203"),
                                           (REPORTER_DEFAULT_STREAM, "MP201")])
def test_flagged_exactly_under_the_methods_that_fail(tmp_path, program, code):
    if sys.platform == "win32":
        pytest.skip("fork and forkserver are POSIX-only")
    path = tmp_path / "program.py"
    path.write_text(textwrap.dedent(program))
    failing = set()
    for method in sorted(ALL):
        proc = _run(path, method)
        if proc.returncode != 0:
            failing.add(method)
            assert "cannot pickle" in proc.stderr and "TextIOWrapper" in proc.stderr, proc.stderr[-2000:]
    assert failing == methods(program, code)
