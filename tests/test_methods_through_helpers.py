"""An object of another project module's class, handed to a function of that module that calls a method on its
parameter (`simulate_trial(net, t)` running `net._build()`, hnn-core #432, fresh_libs9 hnn432), has that method
called on it: what the method fills in (a container attribute) is pickled with it afterwards. Found through a
local function that forwards the object too. Near misses: no such call, a helper that calls the emptying method
as well, a helper that rebinds its parameter first, a call only in a nested function of the helper. Proven under
fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

STORE = """
    import threading


    class Store:
        def __init__(self, names):
            self.names = list(names)
            self.locks = {}

        def open(self):
            for name in self.names:
                self.locks[name] = threading.Lock()

        def close(self):
            self.locks = {}

        def size(self):
            return len(self.names)


    def warm(store):
        if not store.locks:
            store.open()
        return store.size()
"""

CALLER = """
    from concurrent.futures import ProcessPoolExecutor

    from shop.store import Store, warm


    def prepare(store):
        return warm(store)


    def count(store, extra):
        return len(store.names) + extra


    def main():
        store = Store(["a", "b"])
        prepare(store)
        with ProcessPoolExecutor(2) as ex:
            return sum(ex.map(count, [store, store], [1, 2]))


    if __name__ == "__main__":
        print("RESULT=%s" % main())
"""

NEAR_MISSES = {
    "no helper call": (CALLER, "        prepare(store)\n", ""),
    "helper closes too": (STORE, "        return store.size()", "        store.close()\n        return store.size()"),
    "helper rebinds its parameter": (STORE, "        if not store.locks:", "        store = Store([])\n        if not store.locks:"),
    "only in a nested function": (STORE, "        if not store.locks:\n            store.open()",
                                  "        def later():\n            store.open()"),
}


def files(store=STORE, caller=CALLER):
    return {"shop/__init__.py": "", "shop/store.py": store, "main.py": caller}


def test_found_through_the_helper_and_a_local_forwarder(tmp_path):
    root = project(tmp_path, files())
    (finding,) = findings(root / "main.py", "MP203")
    assert finding.start_methods == frozenset({"fork", "spawn", "forkserver"})
    assert "whose .locks its .open() (called here) fills with a threading lock" in finding.message


def test_found_with_a_direct_helper_call(tmp_path):
    root = project(tmp_path, files(caller=CALLER.replace("        prepare(store)\n", "        warm(store)\n")))
    assert len(findings(root / "main.py", "MP203")) == 1


@pytest.mark.parametrize("change", sorted(NEAR_MISSES))
def test_near_misses_are_silent(tmp_path, change):
    text, old, new = NEAR_MISSES[change]
    assert old in text
    if text is STORE:
        root = project(tmp_path, files(store=STORE.replace(old, new)))
    else:
        root = project(tmp_path, files(caller=CALLER.replace(old, new)))
    assert findings(root / "main.py") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    bad = project(tmp_path / "bad", files())
    text, old, new = NEAR_MISSES["helper closes too"]
    good = project(tmp_path / "good", files(store=STORE.replace(old, new)))
    out = run_program(bad / "main.py", method, timeout=60, cwd=bad)
    assert "RESULT=" not in out.stdout
    assert "cannot pickle '_thread.lock' object" in out.stderr or "BrokenProcessPool" in out.stderr, out.stderr
    out = run_program(good / "main.py", method, timeout=60, cwd=good)
    assert "RESULT=7" in out.stdout, out.stderr
