"""A start method chosen with a context object given to a library (issue 13, session 7), observed by running
the libraries, and what mpguard says about the same programs.

- joblib: `Parallel(backend=multiprocessing.get_context(m))` is joblib's multiprocessing backend with that
  context (joblib/parallel.py: a backend with `Pool` and `Lock` becomes `MultiprocessingBackend` with
  `context=backend`). Its tasks are pickled under every method (a lambda and a lock fail under fork too);
  an unguarded script fails to bootstrap under a spawn or forkserver context whatever the default, and
  works under a fork context.
- tqdm: `process_map(..., mp_context=get_context("fork"))` forks its workers under every default: an
  unguarded script works (a false friend of MP101 once the context is read). A spawn or forkserver
  `mp_context` under a default of fork fails before any task with tqdm's own lock (`RuntimeError: A SemLock
  created in a fork context is being shared with a process in a spawn context`), guarded or not: the
  catalog reads only fork from `mp_context` (boundaries.json, `context_methods`).

Skips a library that is not installed (`pip install -e '.[libs]'`). Each unguarded program that fails runs
until its bootstrap error is printed, under a bound on tries (its pool replaces the workers that die)."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time

import pytest

from helpers import found, kill_session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and forkserver are POSIX-only")
METHODS = ["fork", "spawn", "forkserver"]
BOOTSTRAP = "current process has finished its bootstrapping phase"  # (its message breaks the line before)


def _needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[libs]')")


def _run(tmp_path, source: str, *argv: str) -> tuple[int | None, str]:
    """(exit status or None when it was stopped, output) of a script; stopped (with the processes it
    started: its own session) once a bootstrap error was printed or after a bound on tries."""
    script = tmp_path / "prog.py"
    script.write_text(source)
    log = tmp_path / "out.log"
    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, str(script), *argv], cwd=tmp_path, stdout=sink,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    status = None
    try:
        for _ in range(1200):  # a bound on tries, not a timing assertion
            status = process.poll()
            if status is not None or BOOTSTRAP in log.read_text():
                break
            time.sleep(0.1)
    finally:  # (stopped, or ended: what it started goes with it, also when interrupted)
        kill_session(process)
        process.wait(timeout=60)
    return status, log.read_text()


JOBLIB_UNGUARDED = '''
import multiprocessing
import sys

from joblib import Parallel, delayed


def square(x):
    return x * x


print(Parallel(n_jobs=2, backend=multiprocessing.get_context("{method}"))(delayed(square)(i) for i in range(4)))
'''

JOBLIB_GUARDED = '''
import multiprocessing
import threading

from joblib import Parallel, delayed

LOCK = threading.Lock()


def work(x, lock):
    return x


if __name__ == "__main__":
    ctx = multiprocessing.get_context("{method}")
    try:
        print(Parallel(n_jobs=2, backend=ctx)(delayed(lambda x: x)(i) for i in range(4)))
    except Exception as exc:
        print("lambda:", type(exc).__name__)
    try:
        print(Parallel(n_jobs=2, backend=ctx)(delayed(work)(i, LOCK) for i in range(4)))
    except Exception as exc:
        print("lock:", type(exc).__name__)
'''


@pytest.mark.parametrize("method", METHODS)
def test_joblib_with_a_context_as_its_backend(tmp_path, method):
    _needs("joblib")
    status, out = _run(tmp_path, JOBLIB_UNGUARDED.format(method=method))
    if method == "fork":
        assert status == 0 and "[0, 1, 4, 9]" in out, out
    else:
        assert status != 0 and BOOTSTRAP in out, out
    reported = found(JOBLIB_UNGUARDED.format(method=method), "MP101")
    assert bool(reported) == (method != "fork")
    if reported:  # a spawn or forkserver context re-imports the script whatever the default
        assert set(reported[0].start_methods) == set(METHODS)
    status, out = _run(tmp_path, JOBLIB_GUARDED.format(method=method))
    assert "lambda: PicklingError" in out and "lock: TypeError" in out, out
    assert [f.code for f in found(JOBLIB_GUARDED.format(method=method), "MP201")] == ["MP201"]
    [lock] = found(JOBLIB_GUARDED.format(method=method), "MP203")
    assert set(lock.start_methods) == set(METHODS) and "joblib, sent with pickle" in lock.message
    assert ("windows" in lock.unreachable_on) == (method != "spawn")  # no fork or forkserver there


TQDM = '''
import multiprocessing
import sys

from tqdm.contrib.concurrent import process_map

multiprocessing.set_start_method(sys.argv[1], force=True)  # the default this run imposes


def square(x):
    return x * x


print(process_map(square, range(4), max_workers=2, mp_context=multiprocessing.get_context("fork"), disable=True))
'''


@pytest.mark.parametrize("default", METHODS)
def test_tqdm_process_map_with_a_fork_context_needs_no_guard(tmp_path, default):
    _needs("tqdm")
    status, out = _run(tmp_path, TQDM, default)
    assert status == 0 and "[0, 1, 4, 9]" in out, out
    assert found(TQDM, "MP101") == []
    # without the context the same script re-imports itself under spawn and forkserver defaults
    assert found(TQDM.replace(', mp_context=multiprocessing.get_context("fork")', ""), "MP101")


TQDM_SPAWN_CONTEXT = '''
import multiprocessing

from tqdm.contrib.concurrent import process_map


def square(x):
    return x * x


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    print(process_map(square, range(4), max_workers=2, mp_context=multiprocessing.get_context("{method}"),
                      disable=True))
'''


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_tqdm_spawn_context_under_a_fork_default_fails_on_its_own_lock(tmp_path, method):
    """Why the catalog reads only fork from tqdm's mp_context: any other fails first, guarded or not."""
    _needs("tqdm")
    status, out = _run(tmp_path, TQDM_SPAWN_CONTEXT.format(method=method))
    assert status != 0 and "A SemLock created in a fork context is being shared with a process in a spawn " \
        "context" in out, out
