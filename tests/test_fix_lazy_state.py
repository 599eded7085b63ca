"""MP101's fix for a Manager (or Pool) a package module makes at import (pyannote-metrics #8's `manager_ =
Manager()`, sfepy #1294's `multiproc_manager = Manager()`; fresh_realistic7 and fresh_reports8): the statement
and the ones derived from it move into a cached function, the module's functions read the names through it,
and a module `__getattr__` serves importers. Near misses that must keep no such fix: module-level code reading
the names, a call at import of a function that reads them, a `global` rebinding. Proven under fork, spawn and
forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.linter.settings import Settings
from mpguard.fixes.apply import apply_edits, parses
from mpguard.linter.files import analyze_path
from test_semantic_crossmodule import project

STATE = """
    from multiprocessing import Manager, Process

    manager_ = Manager()
    _shared = manager_.dict()


    def _work(name, store):
        store[name] = len(name)


    class Totals:
        def __init__(self):
            self.store = _shared

        def compute(self, names):
            procs = [Process(target=_work, args=(n, _shared)) for n in names]
            for p in procs:
                p.start()
            for p in procs:
                p.join()
            return dict(self.store)
"""

MAIN = """
    import sys

    from kit.state import Totals
    from kit import state


    if __name__ == "__main__":
        got = Totals().compute(["ab", "cde"])
        print("RESULT=%s" % sorted(got.items()))
        sys.exit(0 if got == {"ab": 2, "cde": 3} and state._shared is not None else 3)
"""


def root_with(tmp_path, state=STATE):
    return project(tmp_path, {"kit/__init__.py": "", "kit/state.py": state, "main.py": MAIN})


def fix_of(root):
    findings = [f for f in analyze_path(root / "kit" / "state.py", Settings(), project_root=root).findings
                if f.code == "MP101"]
    assert findings
    return findings[0].fix


def fixed(root):
    fix = fix_of(root)
    if fix is None or "first use" not in fix.message:
        return None
    out = apply_edits((root / "kit" / "state.py").read_text(), fix.edits)
    assert parses(out)
    return out


def test_the_manager_is_made_on_first_use(tmp_path):
    out = fixed(root_with(tmp_path))
    assert "@functools.lru_cache(maxsize=None)\ndef _lazy_manager_():\n" in out
    assert "    manager_ = Manager()\n    _shared = manager_.dict()\n    return manager_, _shared\n" in out
    assert "        self.store = _lazy_manager_()[1]\n" in out
    assert "args=(n, _lazy_manager_()[1])" in out
    assert '    made = ("manager_", "_shared")\n' in out
    assert "\n_shared = " not in out and "\nmanager_ = " not in out


def test_a_lone_pool_is_returned_itself(tmp_path):
    state = """
        import multiprocessing

        POOL = multiprocessing.Pool(2)


        def square_all(xs):
            return POOL.map(abs, xs)
    """
    out = fixed(root_with(tmp_path, state))
    assert "    POOL = multiprocessing.Pool(2)\n    return POOL\n" in out
    assert "    return _lazy_POOL().map(abs, xs)\n" in out
    assert '    made = ("POOL",)\n' in out and "        return _lazy_POOL()\n" in out


@pytest.mark.parametrize("near_miss", [
    "\nclass Holder:\n    store = _shared\n",          # a class body reads it at import
    "\ndef reset():\n    global _shared\n    _shared = None\n",  # rebound elsewhere
    "\nDEFAULT = Totals()\n",                           # a reader called at import
    "\ndef peek(store=_shared):\n    return store\n",    # a default, evaluated at import
])
def test_no_lazy_fix_when_the_names_are_read_or_bound_at_import(tmp_path, near_miss):
    assert fixed(root_with(tmp_path, STATE + near_miss.replace("\n", "\n    "))) is None


def test_a_script_keeps_the_main_guard_fix(tmp_path):
    root = project(tmp_path, {"script.py": STATE})
    fix = [f for f in analyze_path(root / "script.py", Settings(), project_root=root).findings
           if f.code == "MP101"][0].fix
    assert fix is not None and "__main__" in fix.message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = root_with(tmp_path)
    before = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert (before.returncode == 0) if method == "fork" else (before.returncode != 0 and "bootstrapping" in before.stderr)
    (root / "kit" / "state.py").write_text(fixed(root))
    after = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert after.returncode == 0 and "RESULT=[('ab', 2), ('cde', 3)]" in after.stdout, after.stderr


def test_no_lazy_fix_when_an_importer_takes_the_names_at_its_top_level(tmp_path):
    """oracle guard_helper_pool_at_import: `from mphelpers.eager_pool import POOL, cube` at the script's top level
    would read the name (through the module __getattr__) at import, and start the process there all the same."""
    root = root_with(tmp_path)
    (root / "other.py").write_text("from kit.state import (\n    Totals,\n    _shared,\n)\n")
    assert fixed(root) is None
