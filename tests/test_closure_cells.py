"""dill and cloudpickle copy a nested function by value with what its closure cells hold: a cell holding an
object the serializer refuses fails the task, where the nested function itself is accepted. fresh_libs2
datasets_map_closure_sqlite_vocab (huggingface/datasets #665: a mapped function closing over a vocabulary that
keeps a sqlite3 connection). Each serializer refuses its own set: dill recreates a threading.Lock, cloudpickle
does not; neither takes a sqlite3 connection. Proven below under fork, spawn and forkserver with the real
libraries (joblib's loky: cloudpickle; multiprocess: dill)."""
import importlib.util

import pytest
from helpers import run_program
from mpguard.linter.analyze import analyze

PROGRAM = """
import sqlite3
import threading


class Holder:
    def __init__(self):
        self.res = {resource}


def main():
    holder = Holder()
    limit = 3

    def bump(x):
        return min(x + (1 if holder.res else 0), limit)

{run}


if __name__ == "__main__":
    print("RESULT=%s" % main())
"""
RESOURCES = {"lock": "threading.Lock()", "sqlite": 'sqlite3.connect(":memory:", check_same_thread=False)',
             "plain": "[1, 2]"}
RUNS = {
    "loky": "    from joblib import Parallel, delayed\n    return Parallel(n_jobs=2)(delayed(bump)(i) for i in range(3))",
    "multiprocess": "    import multiprocess\n    with multiprocess.Pool(2) as pool:\n        return pool.map(bump, range(3))",
}
# (library, resource) -> refused by the library's serializer (observed: test_runtime below)
REFUSED = {("loky", "lock"): True, ("loky", "sqlite"): True, ("loky", "plain"): False,
           ("multiprocess", "lock"): False, ("multiprocess", "sqlite"): True, ("multiprocess", "plain"): False}


def program(library: str, resource: str) -> str:
    return PROGRAM.replace("{resource}", RESOURCES[resource]).replace("{run}", RUNS[library])


@pytest.mark.parametrize("library, resource", sorted(REFUSED))
def test_a_refused_cell_fails_the_task(library, resource):
    found = [f for f in analyze(program(library, resource), "case.py").findings if f.code == "MP201"]
    assert bool(found) is REFUSED[(library, resource)]
    if found:
        assert "closure's `holder`" in found[0].message


def test_plain_pickle_judges_the_function_itself():
    source = program("multiprocess", "sqlite").replace("import multiprocess\n", "import multiprocessing\n") \
        .replace("multiprocess.Pool", "multiprocessing.Pool")
    found = [f for f in analyze(source, "case.py").findings if f.code == "MP201"]
    assert len(found) == 1 and "closure" not in found[0].message  # a nested function: refused by name


@pytest.mark.skipif(importlib.util.find_spec("joblib") is None or importlib.util.find_spec("multiprocess") is None,
                    reason="joblib or multiprocess is not installed (pip install -e '.[libs]')")
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("library, resource", [("loky", "lock"), ("multiprocess", "lock"), ("multiprocess", "sqlite"),
                                               ("loky", "plain")])
def test_runtime(tmp_path, library, resource, method):
    path = tmp_path / "prog.py"
    path.write_text(program(library, resource))
    out = run_program(path, method, timeout=180)
    if REFUSED[(library, resource)]:
        assert out.returncode != 0 and ("PicklingError" in out.stderr or "cannot pickle" in out.stderr), out.stderr
    else:
        assert out.returncode == 0 and "RESULT=[1, 2, 3]" in out.stdout, out.stderr


def test_a_callers_parallel_config_chooses_the_backend():
    """fresh_libs2 joblib_parallel_config_threads_closure_ok (joblib #718): `Parallel()` with the default backend
    in a method the caller runs inside `with parallel_config(prefer="threads")` uses threads: nothing is
    pickled. The caller's setting is not read, so the pool is not judged at all (precision first)."""
    source = """
from joblib import Parallel, delayed, parallel_config
import threading


class Crawler:
    def __init__(self):
        self.lock = threading.Lock()

    def crawl(self, urls):
        def fetch(url):
            with self.lock:
                return len(url)
        return Parallel(n_jobs=4)(delayed(fetch)(u) for u in urls)


def run(urls):
    return Crawler().crawl(urls)


def main():
    WITH
        return run(["a", "b"])


if __name__ == "__main__":
    main()
"""
    codes = lambda setting: [f.code for f in analyze(source.replace("WITH", setting), "case.py").findings]
    assert codes('with parallel_config(prefer="threads"):') == []  # two calls up
    assert codes('with parallel_config(backend="threading"):') == []
    assert codes("if True:") == ["MP201"]  # loky: cloudpickle copies fetch with self and its lock
