"""An instance of a subclass whose own method overrides its base's without handing on to it (`__init__` with no
`super().__init__()`) has only the attributes the methods that run store (semantic/unrun_methods): the base's
`__init__` opening a file never ran on it, and pickling it works. A subclass that calls the base's `__init__`
(`super()`, `Base.__init__(self)`, a `reset()` that may), two bases, or a computed store keep the attribute as before.
Found for an object of this module and of other modules (a chain over three of them). Proven under fork, spawn and
forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

from mpguard.semantic.unrun_methods import lost_attributes, sealed_names, unrun_methods
from test_semantic_crossmodule import findings, project

PROGRAM = """
    import multiprocessing
    import os


    class Recorder:
        def __init__(self, tag):
            self.tag = tag
            self.sink = open(os.devnull, "w")

        def record(self, n):
            return "%s-%d" % (self.tag, n)


    class MemoryRecorder(Recorder):
    BODY

    if __name__ == "__main__":
        recorder = MAKE
        with multiprocessing.Pool(1) as pool:
            print("RESULT=%s" % pool.map(recorder.record, [1, 2]))
"""

BODIES = {  # name -> (subclass body, refused)
    "own init": ("def __init__(self, tag):\n    self.tag = tag\n    self.lines = []", False),
    "super init": ("def __init__(self, tag):\n    super().__init__(tag)\n    self.lines = []", True),
    "base init named": ("def __init__(self, tag):\n    Recorder.__init__(self, tag)", True),
    "a method may call the base's": ("def __init__(self, tag):\n    self.tag = tag\n\n"
                                     "def reopen(self):\n    super().__init__(self.tag)", True),
    "no init": ("pass", True),
    "computed stores": ("def __init__(self, tag):\n    for key, value in {'tag': tag}.items():\n"
                        "        setattr(self, key, value)", True),
}


def _program(body: str, make: str = 'MemoryRecorder("m")') -> str:
    return PROGRAM.replace("    BODY", textwrap.indent(body, " " * 8)).replace("MAKE", make)


@pytest.mark.parametrize("name", sorted(BODIES))
def test_static(name):
    body, refused = BODIES[name]
    got = found(_program(body), "MP201")
    assert (len(got) == 1 and "sink" in got[0].message) if refused else got == [], got


def test_the_base_itself_keeps_its_file():
    assert len(found(_program(BODIES["own init"][0], 'Recorder("r")'), "MP201")) == 1


def test_another_method_of_the_base_storing_it_keeps_it():
    src = _program(BODIES["own init"][0]).replace(
        "        def record(self, n):",
        "        def reopen(self):\n            self.sink = open(os.devnull, 'w')\n\n        def record(self, n):")
    assert len(found(src, "MP201")) == 1


def test_two_bases_stay_unsure():
    src = _program(BODIES["own init"][0]).replace("class MemoryRecorder(Recorder):",
                                                  "class Tagged:\n        pass\n\n\n"
                                                  "    class MemoryRecorder(Recorder, Tagged):")
    assert len(found(src, "MP201")) == 1


STORE = """
    import threading


    class Store:
        def __init__(self, path):
            self.path = path
            self.lock = threading.RLock()

        def size(self, extra):
            return len(self.path) + extra
"""

MEMORY = """
    from shop.store import Store


    class MemoryStore(Store):
        def __init__(self, path):
            self.path = path
            self.items = {}
"""

MAIN = """
    from concurrent.futures import ProcessPoolExecutor

    from shop.tiny import TinyStore


    if __name__ == "__main__":
        store = TinyStore("abc")
        with ProcessPoolExecutor(1) as executor:
            print(executor.submit(store.size, 1).result())
"""


@pytest.mark.parametrize("tiny_base, refused", [("MemoryStore", False), ("Store", True)])
def test_a_chain_over_three_modules(tmp_path, tiny_base, refused):
    tiny = f"""
        from shop.memory import MemoryStore
        from shop.store import Store


        class TinyStore({tiny_base}):
            def __init__(self, path):
                super().__init__(path)
                self.limit = 3
    """
    root = project(tmp_path, {"shop/__init__.py": "", "shop/store.py": STORE, "shop/memory.py": MEMORY,
                              "shop/tiny.py": tiny, "main.py": MAIN})
    got = [f for f in findings(root / "main.py") if f.code == "MP201"]
    assert (len(got) == 1 and "lock" in got[0].message) if refused else got == [], got


def _classes(src: str) -> list:
    """The classes of `src`, last first: a single chain, nearest class first."""
    return [n for n in ast.parse(textwrap.dedent(src)).body if type(n) is ast.ClassDef][::-1]


def test_the_model_on_a_chain():
    lineage = _classes("""
        class A:
            def __init__(self):
                self.a = 1
                self.shared = 1
            def work(self):
                self.w = 1
        class B(A):
            def __init__(self):
                self.b = 1
                self.shared = 2
        class C(B):
            def __init__(self):
                super().__init__()
            def work(self):
                return super().work()
    """)
    assert [f"{f.name}@{f.lineno}" for f in unrun_methods(lineage)] == ["__init__@3"]
    assert lost_attributes(lineage) == {"a"}
    assert sealed_names(lineage[:1]) == frozenset()  # C hands both on: below it, they may run
    assert sealed_names(lineage) == {"__init__", "work"}  # (below A: none of theirs runs)
    assert lost_attributes(lineage[1:]) == {"a"} and lost_attributes(lineage[2:]) == frozenset()
    assert [f.name for f in unrun_methods(lineage[2:], sealed=frozenset({"work"}))] == ["work"]


def test_the_model_is_silent_without_one_chain():
    lineage = _classes("""
        class A:
            def __init__(self):
                self.a = 1
        class B(A, dict):
            def __init__(self):
                self.b = 1
    """)
    assert unrun_methods(lineage) == [] and lost_attributes(lineage) == frozenset()


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, make in (("own init", 'MemoryRecorder("m")'), ("super init", 'MemoryRecorder("m")')):
        path = tmp_path / "recorders.py"
        path.write_text(textwrap.dedent(_program(BODIES[name][0], make)))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        assert_outcome(out, BODIES[name][1], ("cannot pickle '_io.TextIOWrapper' object",  # (3.13: "'TextIOWrapper'
                                              "cannot pickle 'TextIOWrapper' instances"),  # instances")
                       "RESULT=['m-1', 'm-2']")
