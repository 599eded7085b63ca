"""Near misses from the fifth package sweep (docs/sweep.md, section 11). Each false positive is reduced to
a source string (or a small project) that must stay silent, next to the true case nearby that must still be
found; where the behaviour is in doubt, the reduction is run under fork, spawn and forkserver."""
from __future__ import annotations

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
