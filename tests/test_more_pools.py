"""parmap, pqdm, p_tqdm and loky (issue 13: more process-pool wrappers in semantic/data/boundaries.json).

What each library does was read from its sdist (the entries' `source` fields cite the lines) and is observed
here: every program runs under fork, spawn and forkserver imposed as multiprocessing's (and multiprocess's)
default (tests/corpus/runner_site), and mpguard's findings on the same text must name exactly the methods
under which it failed.

- parmap 1.7.0: a `multiprocessing.Pool` with the default context; the function, each item and the extra
  arguments are pickled per task under every method; daemonic workers; `pm_parallel=False` runs in the parent.
- pqdm 0.2.0: `pqdm.processes.pqdm(array, function, n_jobs)` is a ProcessPoolExecutor (pickle, every method);
  `n_jobs=1` and `pqdm.threads.pqdm` stay in the process. A task that fails is returned among the results.
- p_tqdm 1.4.2: `p_map`/`p_umap`/... on pathos's ProcessPool (multiprocess: dill, which takes lambdas and
  thread locks, not generators); multiprocess's default context.
- loky 3.7.0: cloudpickle; its default context starts fresh interpreters that do not re-import `__main__`
  (an unguarded script works); `context="loky_init_main"` re-imports it.

Skips a library that is not installed (`pip install -e '.[libs]'`). An unguarded program that fails runs until its
bootstrap error is printed, under a bound on tries (a pool replaces the workers that die)."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time

import pytest

from helpers import RUNNER_SITE, check, found, methods, runtime_proofs_or_skip, kill_session

METHODS = ["fork", "spawn", "forkserver"]
ALL = set(METHODS)
SPAWNISH = {"spawn", "forkserver"}
BOOTSTRAP = "current process has finished its bootstrapping phase"
LOOKUP = "Can't get attribute"  # a worker that cannot find the task by name dies; multiprocessing's pool waits on
OK = "ALL-OK"

# (name, module, program, code mpguard must report (None: nothing at all), methods under which it fails)
CASES = [
    ("parmap_lambda", "parmap", '''
import parmap

if __name__ == "__main__":
    print(parmap.map(lambda x: x * 2, [1, 2, 3], pm_processes=2))
    print("ALL-OK")
''', "MP201", ALL),
    ("parmap_lock_in_extra_args", "parmap", '''
import threading

import parmap


def add(x, lock):
    with lock:
        return x + 1


if __name__ == "__main__":
    print(parmap.map(add, [1, 2, 3], threading.Lock(), pm_processes=2))
    print("ALL-OK")
''', "MP203", ALL),
    ("parmap_module_function_ok", "parmap", '''
import parmap


def add(x, k, scale=1):
    return (x + k) * scale


if __name__ == "__main__":
    print(parmap.map(add, [1, 2, 3], 10, scale=2, pm_processes=2))
    print(parmap.starmap(add, [(1, 2), (3, 4)], scale=3, pm_processes=2))
    print(parmap.map(lambda x: x, [1, 2], pm_parallel=False))
    print("ALL-OK")
''', None, set()),
    ("parmap_unguarded", "parmap", '''
import parmap


def double(x):
    return 2 * x


print(parmap.map(double, [1, 2, 3], pm_processes=2))
print("ALL-OK")
''', "MP101", SPAWNISH),  # (each spawned worker warns, then runs the module again: its output repeats)
    ("parmap_task_starts_pool", "parmap", '''
import multiprocessing

import parmap


def square(x):
    return x * x


def build(n):
    with multiprocessing.Pool(2) as inner:
        return sum(inner.map(square, range(n)))


if __name__ == "__main__":
    print(parmap.map(build, [2, 3], pm_processes=2))
    print("ALL-OK")
''', "MP413", ALL),
    ("parmap_function_under_guard", "parmap", '''
import parmap

if __name__ == "__main__":
    def triple(x):
        return 3 * x

    print(parmap.map(triple, [1, 2, 3], pm_processes=2))
    print("ALL-OK")
''', "MP202", SPAWNISH),
    ("pqdm_task_returns_a_lock", "pqdm", '''
import threading

from pqdm.processes import pqdm


def make_lock(x):
    return threading.Lock()


if __name__ == "__main__":
    results = pqdm([1, 2], make_lock, n_jobs=2, disable=True)
    print(results)
    assert all(type(r).__name__ == "lock" for r in results), results
    print("ALL-OK")
''', "MP207", ALL),
    ("pqdm_lambda", "pqdm", '''
from pqdm.processes import pqdm

if __name__ == "__main__":
    results = pqdm([1, 2, 3], lambda x: x * 2, n_jobs=2, disable=True)
    print(results)
    assert results == [2, 4, 6], results
    print("ALL-OK")
''', "MP201", ALL),
    ("pqdm_lock_in_array", "pqdm", '''
import threading

from pqdm.processes import pqdm


def held(lock):
    return lock.locked()


if __name__ == "__main__":
    results = pqdm([threading.Lock(), threading.Lock()], held, 2, disable=True)
    print(results)
    assert results == [False, False], results
    print("ALL-OK")
''', "MP203", ALL),
    ("pqdm_threads_and_one_job_ok", "pqdm", '''
import threading

from pqdm.processes import pqdm
from pqdm.threads import pqdm as thread_pqdm

if __name__ == "__main__":
    results = thread_pqdm([1, 2, 3], lambda x: x * 2, n_jobs=2, disable=True)
    results += pqdm([1, 2], lambda x: x + 1, n_jobs=1, disable=True)
    results += thread_pqdm([threading.Lock()], lambda lock: 7, n_jobs=2, disable=True)
    print(results)
    assert results == [2, 4, 6, 2, 3, 7], results
    print("ALL-OK")
''', None, set()),
    ("pqdm_unguarded", "pqdm", '''
from pqdm.processes import pqdm


def double(x):
    return 2 * x


results = pqdm([1, 2, 3], double, n_jobs=2, disable=True)
print(results)
assert results == [2, 4, 6], results
print("ALL-OK")
''', "MP101", SPAWNISH),
    ("pqdm_spawn_context_unguarded", "pqdm", '''
import multiprocessing

from pqdm.processes import pqdm


def double(x):
    return 2 * x


results = pqdm([1, 2, 3], double, n_jobs=2, disable=True, mp_context=multiprocessing.get_context("spawn"))
print(results)
assert results == [2, 4, 6], results
print("ALL-OK")
''', "MP101", ALL),
    ("p_tqdm_lambda_closure_lock_ok", "p_tqdm", '''
import threading

from p_tqdm import p_map, p_umap


def make(k):
    def scale(x):
        return x * k
    return scale


def held(lock):
    return lock.locked()


if __name__ == "__main__":
    results = p_map(lambda x: x + 1, [1, 2], num_cpus=2, disable=True)
    results += p_map(make(3), [1, 2], num_cpus=2, disable=True)
    results += sorted(p_umap(held, [threading.Lock(), threading.Lock()], num_cpus=2, disable=True))
    print(results)
    assert results == [2, 3, 3, 6, False, False], results
    print("ALL-OK")
''', None, set()),
    ("p_tqdm_generator", "p_tqdm", '''
from p_tqdm import p_map


def total(items):
    return sum(items)


if __name__ == "__main__":
    print(p_map(total, [(i for i in range(3)), (i for i in range(4))], num_cpus=2, disable=True))
    print("ALL-OK")
''', "MP203", ALL),
    ("p_tqdm_task_returns_a_generator", "p_tqdm", '''
from p_tqdm import p_map


def numbers(n):
    return (i for i in range(n))


if __name__ == "__main__":
    print(p_map(numbers, [1, 2], num_cpus=2, disable=True))
    print("ALL-OK")
''', "MP207", ALL),
    ("p_tqdm_unguarded", "p_tqdm", '''
from p_tqdm import p_map


def double(x):
    return 2 * x


print(p_map(double, [1, 2, 3], num_cpus=2, disable=True))
print("ALL-OK")
''', "MP101", SPAWNISH),
    ("loky_lambda_closure_ok", "loky", '''
from loky import get_reusable_executor


def make(k):
    def scale(x):
        return x * k
    return scale


if __name__ == "__main__":
    executor = get_reusable_executor(max_workers=2)
    results = [executor.submit(lambda: 5).result()] + list(executor.map(make(2), [1, 2]))
    print(results)
    assert results == [5, 2, 4], results
    print("ALL-OK")
''', None, set()),
    ("loky_lock_argument", "loky", '''
import threading

from loky import get_reusable_executor


def held(lock):
    return lock.locked()


if __name__ == "__main__":
    executor = get_reusable_executor(max_workers=2)
    print(executor.submit(held, threading.Lock()).result())
    print("ALL-OK")
''', "MP203", ALL),
    ("loky_script_function_reads_a_lock", "loky", '''
import threading

from loky import get_reusable_executor

LOCK = threading.Lock()


def work(x):
    with LOCK:
        return x


if __name__ == "__main__":
    print(get_reusable_executor(max_workers=2).submit(work, 1).result())
    print("ALL-OK")
''', "MP421", ALL),
    ("loky_unguarded_ok", "loky", '''
import loky


def double(x):
    return 2 * x


executor = loky.get_reusable_executor(max_workers=2)
print(list(executor.map(double, [1, 2, 3])))
print("ALL-OK")
''', None, set()),
    ("loky_init_main_unguarded", "loky", '''
import loky


def double(x):
    return 2 * x


executor = loky.get_reusable_executor(max_workers=1, context="loky_init_main")
print(list(executor.map(double, [1, 2, 3])))
print("ALL-OK")
''', "MP101", ALL),
]


@pytest.mark.parametrize("name, module, program, code, failing", CASES, ids=[c[0] for c in CASES])
def test_findings(name, module, program, code, failing):
    if code is None:
        assert not check(program), [f"{f.code} {f.message}" for f in check(program)]
        return
    assert {f.code for f in check(program)} == {code}, [f"{f.code} {f.message}" for f in check(program)]
    message = found(program, code)[0].message
    assert f"({module}" in message or f"{module}'s" in message or code == "MP207", message
    if code == "MP101" and failing == ALL:  # a spawning context chosen in the call: re-imports __main__ everywhere
        assert methods(program, code) >= SPAWNISH
    else:
        assert methods(program, code) == failing


def _run(tmp_path, source: str, method: str, stop_at_bootstrap: bool = True) -> tuple[int | None, str]:
    """(exit status or None when it was stopped, output) of a script run with `method` as the default start
    method; stopped (with the processes it started: its own session) once a bootstrap error or a failed lookup
    by name was printed, or after a bound on tries."""
    runtime_proofs_or_skip()
    script = tmp_path / f"prog_{method}.py"
    script.write_text(source)
    log = tmp_path / f"out_{method}.log"
    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, str(script)], cwd=tmp_path, stdout=sink, env=env,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    status = None
    try:
        for _ in range(1200):  # a bound on tries, not a timing assertion
            status = process.poll()
            text = log.read_text()
            if status is not None or stop_at_bootstrap and BOOTSTRAP in text or LOOKUP in text:
                break
            time.sleep(0.1)
    finally:  # (stopped, or ended: what it started goes with it, also when interrupted)
        kill_session(process)
        process.wait(timeout=60)
    return status, log.read_text()


@pytest.mark.skipif(sys.platform == "win32", reason="fork and forkserver are POSIX-only")
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name, module, program, code, failing", CASES, ids=[c[0] for c in CASES])
def test_runtime(tmp_path, name, module, program, code, failing, method):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[libs]')")
    rerun = name == "parmap_unguarded"  # (parmap warns in the child and runs the map there: it ends)
    status, out = _run(tmp_path, program, method, stop_at_bootstrap=not rerun)
    works = status == 0 and OK in out and BOOTSTRAP not in out
    assert works is (method not in failing), out[-3000:]
    if rerun and method in failing:
        assert "UserWarning" in out and out.count(OK) > 1, out[-3000:]  # the module ran again in the workers
    if method in failing and code == "MP101":
        assert BOOTSTRAP in out or "BrokenProcessPool" in out or "Terminated" in out, out[-3000:]
    if method in failing and code == "MP413":
        assert "daemonic processes are not allowed to have children" in out, out[-3000:]


# ---- the arguments that choose: on source strings -------------------------------------------------------

def test_parmap_pm_pool_runs_on_the_callers_pool():
    src = """
        import multiprocessing
        import multiprocess
        import parmap

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                parmap.map(lambda x: x, range(3), pm_pool=pool)
            with multiprocess.Pool(2) as dill_pool:
                parmap.map(lambda x: x, range(3), pm_pool=dill_pool)
            parmap.map(lambda x: x, range(3), pm_pool=make_pool())
    """
    assert [f.start.row for f in found(src, "MP201")] == [8]  # dill takes it; an unknown pool: silent
    assert methods(src, "MP201") == ALL


def test_parmap_extra_arguments_and_reserved_keywords():
    src = """
        import threading
        import parmap

        def f(x, a, key=None):
            return x

        if __name__ == "__main__":
            parmap.map(f, range(3), 1, key=threading.Lock())
            parmap.starmap(f, [(1, threading.Lock())], 2)
            parmap.map(f, range(3), 1, pm_pbar=True, pm_chunksize=2, pm_processes=2)
            parmap.map_async(f, range(3), threading.Lock()).get()
            parmap.map(f, range(3), threading.Lock(), pm_parallel=False)
            parmap.map(f, range(3), threading.Lock(), pm_parallel=FLAG)
    """
    assert sorted(f.start.row for f in found(src, "MP203")) == [9, 10, 12]


def test_pqdm_positions_context_and_jobs():
    src = """
        import multiprocessing
        import threading
        from pqdm.processes import pqdm

        def f(x):
            return x

        pqdm(range(3), f, 1)
        pqdm(range(3), f, n_jobs=2, mp_context=multiprocessing.get_context("fork"))
        pqdm(range(3), f, n_jobs=2, mp_context=multiprocessing.get_context("spawn"))

        if __name__ == "__main__":
            pqdm(array=[threading.Lock()], function=f, n_jobs=workers())
            pqdm([[1, threading.Lock()]], f, 2, argument_type="args")
    """
    assert rows_of(src, "MP101") == [11]
    assert methods(src, "MP101") == ALL
    assert rows_of(src, "MP203") == [14, 15]


def test_p_tqdm_names_and_t_map():
    src = """
        import p_tqdm
        from p_tqdm import p_imap, p_uimap, t_map, t_imap

        def f(x):
            return x

        t_map(f, range(3))
        list(t_imap(f, range(3)))
        list(p_imap(f, range(3)))
        p_tqdm.p_uimap(f, range(3))
    """
    assert rows_of(src, "MP101") == [10, 11]
    assert {"p_imap", "p_uimap"} <= {f.message.split("`")[1].split("(")[0].rsplit(".", 1)[-1]
                                     for f in found(src, "MP101")}


def test_loky_contexts():
    src = """
        import multiprocessing
        import threading
        import loky
        from joblib.externals.loky import get_reusable_executor

        def f(x):
            return x

        loky.get_reusable_executor(2, "loky").submit(f, 1)
        loky.get_reusable_executor(2, context="spawn").submit(f, 1)
        loky.ProcessPoolExecutor(2, context=multiprocessing.get_context("forkserver")).submit(f, 1)
        get_reusable_executor(2, context=multiprocessing.get_context("fork")).submit(f, 1)

        if __name__ == "__main__":
            loky.ProcessPoolExecutor(2, context=multiprocessing.get_context("spawn")).submit(lambda: 1)
            loky.ProcessPoolExecutor(2, initializer=f, initargs=(threading.Lock(),))
    """
    assert rows_of(src, "MP101") == [11, 12]
    assert not found(src, "MP201")  # cloudpickle: by value under every context
    assert rows_of(src, "MP203") == [17]


def rows_of(src, code):
    return sorted(f.start.row for f in found(src, code))
