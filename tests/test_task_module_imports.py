"""A Pool task of a package module whose import starts a process (parallelbar #4, fresh_reports15 parallelbar4: 2.3.1
runs `mp.Manager().Queue()` when `_worker_queue.py` is imported). A spawn or forkserver Pool worker imports the
task's module to unpickle it, and in that daemonic worker the manager cannot start: "daemonic processes are not
allowed to have children" (the pool then waits for the lost task). MP413 at the submit; the MP101 at the
module-level start of a package module names both ways a child importing it fails. Near misses: a fork pool, the
queue made per call, a task of a module that starts nothing, a script (main guard). Proven under fork, spawn and
forkserver."""
import os
import subprocess
import sys

import pytest
from helpers import RUNNER_SITE, runtime_proofs_or_skip, run_in_session

from test_semantic_crossmodule import findings, project

CHANNEL = """
    import multiprocessing

    _manager = multiprocessing.Manager()
    COUNTS = _manager.dict()
"""

MAPPER = """
    import multiprocessing

    from .channel import COUNTS


    def _count(word):
        COUNTS[word] = len(word)
        return word.upper()


    def upper_all(words):
        with multiprocessing.Pool(2) as pool:
            return pool.map(_count, words)
"""

# another shape: the module itself makes the manager's queue at import, an explicit spawn context's pool
OWN = """
    import multiprocessing as mp

    PROGRESS = mp.Manager().Queue()


    def _step(n):
        PROGRESS.put(1)
        return n * n


    def squares(numbers):
        pool = mp.get_context("spawn").Pool(2)
        try:
            return pool.map(_step, numbers)
        finally:
            pool.terminate()
"""

PER_CALL = """
    import multiprocessing

    COUNTS = None


    def _init(counts):
        global COUNTS
        COUNTS = counts


    def _count(word):
        COUNTS[word] = len(word)
        return word.upper()


    def upper_all(words):
        with multiprocessing.Manager() as manager:
            counts = manager.dict()
            with multiprocessing.Pool(2, initializer=_init, initargs=(counts,)) as pool:
                return pool.map(_count, words)
"""

RUN = """
    import sys


    def main():
        from tally.mapper import upper_all  # (optional: imported on use)
        print("RESULT=%s" % ",".join(upper_all(["a", "bb", "ccc"])))


    if __name__ == "__main__":
        sys.exit(main())
"""


def tally(tmp_path, mapper=MAPPER, **extra):
    return project(tmp_path, {"tally/__init__.py": "", "tally/channel.py": CHANNEL, "tally/mapper.py": mapper,
                              "run.py": RUN, **extra})


def test_a_task_of_a_module_whose_import_starts_a_manager(tmp_path):
    root = tally(tmp_path)
    (finding,) = findings(root / "tally/mapper.py", "MP413")
    assert finding.start.row == 14 and "channel.py:4" in finding.message
    assert "daemonic processes are not allowed to have children" in finding.message
    assert "fork" not in finding.start_methods


def test_the_module_that_starts_it_itself(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/own.py": OWN})
    (finding,) = findings(root / "kit/own.py", "MP413")
    assert finding.start.row == 15 and "line 4" in finding.message
    assert finding.start_methods == {"fork", "spawn", "forkserver"}  # (an explicit spawn context)


def test_mp101_of_a_package_module_names_both_failures(tmp_path):
    root = tally(tmp_path)
    (finding,) = findings(root / "tally/channel.py", "MP101")
    assert "bootstrapping phase" in finding.message and "daemonic processes are not allowed" in finding.message


def test_mp101_of_a_script_keeps_the_bootstrap_failure(tmp_path):
    root = project(tmp_path, {"script.py": CHANNEL})
    (finding,) = findings(root / "script.py", "MP101")
    assert "re-imports the module and fails to bootstrap" in finding.message and "daemonic" not in finding.message


@pytest.mark.parametrize("case", ["fork pool", "per call", "clean module", "script"])
def test_near_misses_stay_silent(tmp_path, case):
    if case == "fork pool":
        root = tally(tmp_path, MAPPER.replace("multiprocessing.Pool(2)", 'multiprocessing.get_context("fork").Pool(2)'))
        path = root / "tally/mapper.py"
    elif case == "per call":
        root = tally(tmp_path, PER_CALL)
        path = root / "tally/mapper.py"
    elif case == "clean module":
        root = tally(tmp_path, MAPPER.replace("from .channel import COUNTS\n", "COUNTS = {}\n"))
        path = root / "tally/mapper.py"
    else:  # run as a script, whose spawned workers fail to bootstrap first (MP101 says that)
        root = project(tmp_path, {"kit/__init__.py": "", "kit/own.py": OWN + "\n\nif __name__ == '__main__':\n"
                                  "    print(squares([1, 2]))\n"})
        path = root / "kit/own.py"
    assert findings(path, "MP413") == []


def _run(path, method, timeout):
    """(hung, stdout, stderr) of a program run in its own session; a hung one is killed with its children."""
    runtime_proofs_or_skip()
    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env, cwd=path.parent)
        out, err = proc.stdout, proc.stderr
        return False, out, err
    except subprocess.TimeoutExpired as timed_out:
        out, err = timed_out.stdout or "", timed_out.stderr or ""
        return True, out, err


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    hazard = tally(tmp_path / "x")
    _hung, out, err = _run(hazard / "run.py", method, 15)
    if method == "fork":
        assert "RESULT=A,BB,CCC" in out, err
    else:
        assert "RESULT=" not in out and "daemonic processes are not allowed to have children" in err, err
    fixed = tally(tmp_path / "y", PER_CALL)
    hung, out, err = _run(fixed / "run.py", method, 60)
    assert not hung and "RESULT=A,BB,CCC" in out, err
