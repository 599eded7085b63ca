"""Near misses from the fifth package sweep (docs/sweep.md, section 11). Each false positive is reduced to
a source string (or a small project) that must stay silent, next to the true case nearby that must still be
found; where the behaviour is in doubt, the reduction is run under fork, spawn and forkserver."""
from __future__ import annotations

import sys
import textwrap

import pytest
from helpers import assert_outcome, codes, run_program, skip_without

from test_semantic_crossmodule import findings, project


# --- MP201: a Process subclass's attribute set only by a method that run() reaches -----------------------------
# Sublist3r (sublist3r.py): `DNSdumpster.__init__` sets `self.lock = None`; `enumerate()`, called only from
# `run()` (in the child), sets `self.lock = threading.BoundedSemaphore(value=70)`.

ENUMERATORS = """
    import multiprocessing
    import threading


    class Base(multiprocessing.Process):
        def __init__(self, q):
            multiprocessing.Process.__init__(self)
            self.q = q
            self.lock = None

        def run(self):
            for item in self.enumerate():
                self.q.put(item)


    class Scanner(Base):
        def enumerate(self):
            self.lock = threading.BoundedSemaphore(4)
            found = []
            threads = [threading.Thread(target=self.check, args=(n, found)) for n in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return sorted(found)

        def check(self, n, found):
            with self.lock:
                found.append(n)


    if __name__ == "__main__":
        q = multiprocessing.Queue()
        s = Scanner(q)
        PRIME
        s.start()
        print(sorted(q.get() for _ in range(3)))
        s.join()
"""


def test_a_lock_set_by_a_method_only_run_reaches_is_not_pickled():
    assert "MP201" not in codes(textwrap.dedent(ENUMERATORS).replace("PRIME", "pass"))


def test_the_same_method_called_by_the_parent_before_start_is_still_found():
    assert "MP201" in codes(textwrap.dedent(ENUMERATORS).replace("PRIME", "s.enumerate()"))


def test_a_method_named_outside_the_child_still_counts():
    """Near the hazard: a name the module mentions elsewhere (here a getattr string in module code) may run
    in the parent before start()."""
    src = textwrap.dedent(ENUMERATORS).replace("PRIME", 'getattr(s, "enumerate")')
    assert "MP201" in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("prime", [False, True])
def test_runtime_child_only_lock(tmp_path, method, prime):
    path = tmp_path / "enum.py"
    path.write_text(textwrap.dedent(ENUMERATORS).replace("PRIME", "s.enumerate()" if prime else "pass"))
    out = run_program(path, method)
    assert_outcome(out, prime and method != "fork", "cannot pickle '_thread", "[0, 1, 2]")


# --- MP101: another module's function whose only pool is joblib's loky, called at import time ------------------
# nilearn 0.14.1 examples/02_decoding/plot_haxby_searchlight_surface.py: `search_light(X, y, ..., n_jobs=-1)` at
# the top of a script; search_light runs `Parallel(n_jobs=n_jobs)(...)`, whose loky workers are fresh
# interpreters that never re-import the script (semantic/data/boundaries.json, joblib "start").

HELPERS = {
    "kit/__init__.py": "",
    "kit/search.py": """
        import multiprocessing

        from joblib import Parallel, delayed


        def score(x):
            return x * 2


        def search_light(items, n_jobs=-1):
            return Parallel(n_jobs=n_jobs)(delayed(score)(x) for x in items)


        def search_processes(items, n_jobs=-1):
            return Parallel(n_jobs=n_jobs, backend="multiprocessing")(delayed(score)(x) for x in items)


        def search_forked(items):
            with multiprocessing.get_context("fork").Pool(2) as pool:
                return pool.map(score, items)


        def search_all(items):
            return search_light(items) + search_processes(items)
    """,
}


@pytest.mark.parametrize("helper,found", [("search_light", False), ("search_forked", False),
                                          ("search_processes", True), ("search_all", True)])
def test_a_helper_whose_pool_never_reimports_the_script(tmp_path, helper, found):
    root = project(tmp_path, {**HELPERS, "main.py": f"""
        from kit.search import {helper}

        print({helper}([1, 2, 3]))
    """})
    assert bool(findings(root / "main.py", "MP101")) is found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_loky_helper_at_import(tmp_path, method):
    """(The multiprocessing backend's Pool at import under spawn prints the bootstrap error in each worker and
    then hangs, as MP101's rule says: not run here.)"""
    skip_without("joblib")
    root = project(tmp_path, {**HELPERS, "main.py": """
        from kit.search import search_light

        print(search_light([1, 2, 3]))
    """})
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert_outcome(out, False, "", "[2, 4, 6]")


# --- MP101: a process count compared with a literal, after another module's helper hands it back ----------------
# dipy 1.12.1 (dipy/align/reslice.py, dipy/direction/peaks.py, dipy/denoise/gibbs.py): `num_processes =
# determine_num_processes(num_processes)` (dipy/utils/multiproc.py: gives back every positive int unchanged) then
# `if num_processes == 1:` stays sequential, or `if parallel and num_processes > 1:` reaches the Pool; the examples
# call `reslice(data, ...)` with the default 1 and `peaks_from_model(..., parallel=True, num_processes=1)` at import.

COUNTS = {
    "kit/__init__.py": "",
    "kit/multiproc.py": """
        from multiprocessing import cpu_count


        def determine_num_processes(num_processes):
            if not isinstance(num_processes, int) and num_processes is not None:
                raise TypeError("num_processes must be an int or None")
            if num_processes == 0:
                raise ValueError("num_processes cannot be 0")
            try:
                if num_processes is None:
                    return cpu_count()
                if num_processes < 0:
                    return max(1, cpu_count() + num_processes + 1)
            except NotImplementedError:
                return 1
            return num_processes


        def at_least_two(num_processes):
            return max(2, num_processes)


        def ones_mean_all(num_processes):
            if num_processes == 1:
                return cpu_count()
            return num_processes
    """,
    "kit/work.py": """
        import multiprocessing as mp

        from kit.multiproc import HELPER


        def double(x):
            return x * 2


        def reslice(items, num_processes=1):
            num_processes = HELPER(num_processes)
            if num_processes == 1:
                return [double(x) for x in items]
            with mp.Pool(num_processes) as pool:
                return pool.map(double, items)


        def _parallel(items, num_processes):
            procs = [mp.Process(target=double, args=(x,)) for x in items[:num_processes]]
            for p in procs:
                p.start()
            for p in procs:
                p.join()
            return [p.exitcode for p in procs]


        def peaks(items, parallel=False, num_processes=None):
            num_processes = HELPER(num_processes)
            if parallel and num_processes > 1:
                return _parallel(items, num_processes)
            return [double(x) for x in items]
    """,
}


def counts_project(tmp_path, helper, call):
    files = {**COUNTS, "kit/work.py": COUNTS["kit/work.py"].replace("HELPER", helper), "main.py": f"""
        from kit.work import peaks, reslice

        print({call})
    """}
    return project(tmp_path, files)


@pytest.mark.parametrize("call,found", [
    ("reslice([1, 2, 3])", False),                                         # the default 1: sequential
    ("reslice([1, 2, 3], num_processes=1)", False),
    ("reslice([1, 2, 3], num_processes=2)", True),                         # the pool
    ("reslice([1, 2, 3], num_processes=-1)", True),                        # the helper makes it a cpu count
    ("reslice([1, 2, 3], num_processes=None)", True),
    ("peaks([1, 2, 3], parallel=True, num_processes=1)", False),            # 1 > 1 is false
    ("peaks([1, 2, 3], parallel=True, num_processes=3)", True),
    ("peaks([1, 2, 3], parallel=True)", True),                              # None: the cpu count
    ("peaks([1, 2, 3], parallel=False, num_processes=3)", False),
])
def test_a_count_compared_after_a_helper_that_gives_it_back(tmp_path, call, found):
    root = counts_project(tmp_path, "determine_num_processes", call)
    assert bool(findings(root / "main.py", "MP101")) is found


@pytest.mark.parametrize("helper", ["at_least_two", "ones_mean_all"])
@pytest.mark.parametrize("call", ["reslice([1, 2, 3])", "peaks([1, 2, 3], parallel=True, num_processes=1)"])
def test_a_helper_that_changes_the_literal_keeps_the_finding(tmp_path, helper, call):
    """Near miss: the helper returns another value for 1 (`max(2, n)`, or the cpu count for 1)."""
    root = counts_project(tmp_path, helper, call)
    assert findings(root / "main.py", "MP101")


def test_a_parameter_compared_with_a_literal_in_the_same_module():
    src = textwrap.dedent("""
        import multiprocessing as mp


        def double(x):
            return x * 2


        def run(items, workers=1):
            if workers > 1:
                with mp.Pool(workers) as pool:
                    return pool.map(double, items)
            return [double(x) for x in items]


        print(run([1, 2], WORKERS))
    """)
    assert "MP101" not in codes(src.replace("WORKERS", "1"))
    assert "MP101" not in codes(src.replace("WORKERS", "0"))
    assert "MP101" in codes(src.replace("WORKERS", "2"))
    assert "MP101" in codes(src.replace("WORKERS", "n"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("count", [1, 3])
def test_runtime_count_after_a_helper(tmp_path, method, count):
    """num_processes=1 never starts a process: the script runs under every method. 3 starts processes at
    import: each spawned or forkserver child re-imports the script and stops in its bootstrap."""
    root = counts_project(tmp_path, "determine_num_processes", f"peaks([1, 2, 3], parallel=True, num_processes={count})")
    out = run_program(root / "main.py", method, cwd=root)
    if count == 1 or method == "fork":
        assert_outcome(out, False, "", "[2, 4, 6]" if count == 1 else "[0, 0, 0]")
    else:
        preloaded = method == "forkserver" and sys.version_info >= (3, 14)  # (the server re-imports it, once)
        assert "bootstrapping phase" in out.stderr and (preloaded or "[1, 1, 1]" in out.stdout), out.stderr
