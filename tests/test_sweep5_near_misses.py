"""Near misses from the fifth package sweep (docs/sweep.md, section 11). Each false positive is reduced to
a source string (or a small project) that must stay silent, next to the true case nearby that must still be
found; where the behaviour is in doubt, the reduction is run under fork, spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, run_program

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
