"""MP207 for a task's result that pickle sends but the parent cannot rebuild: an object whose `__hash__` reads an
instance attribute, put in a set or a dict key inside its own state (ford #433, fresh_libs10 ford433: graph nodes
hashing on `self.ident` that link both ways). pickle memoises the empty object before its state; the state reaches
the object again as a set item and hashes it before its `__dict__` is restored (semantic/hash_cycles). Near misses:
a link one way only, the default hash by id(), a `__reduce__` that rebuilds the object from its key first, a hash
on a class attribute, links under an `if`; a frozen dataclass hashing a field (and its near misses: eq=False, a
class-level default). Proven under fork, spawn and forkserver (the same on 3.10-3.13)."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

METHOD_LINKS = """
    from concurrent.futures import ProcessPoolExecutor


    class Category:
        def __init__(self, slug):
            self.slug = slug
            self.children = set()
            self.parents = set()

        def adopt(self, child):
            self.children.add(child)
            child.parents.add(self)

        def __eq__(self, other):
            return isinstance(other, Category) and other.slug == self.slug

        def __hash__(self):
            return hash(self.slug)


    class Leaf(Category):
        pass


    def tree_for(slug):
        top = Category(slug)
        for n in range(2):
            leaf = Leaf(f"{slug}/{n}")
            top.adopt(leaf)
        return top


    def main():
        with ProcessPoolExecutor(2) as ex:
            trees = list(ex.map(tree_for, ["a", "b"]))
        print("RESULT=%d" % sum(len(t.children) for t in trees))


    if __name__ == "__main__":
        main()
"""

NEAR_MISSES = {
    "one way": ("            child.parents.add(self)\n", ""),
    "id hash": ("        def __hash__(self):\n            return hash(self.slug)\n",
                "        def __hash__(self):\n            return id(self)\n"),
    "rebuilt first": ("    class Category:\n",
                      "    def _remake(cls, slug):\n        return cls(slug)\n\n\n    class Category:\n"
                      "        def __reduce__(self):\n"
                      "            return _remake, (type(self), self.slug), {'children': self.children,"
                      " 'parents': self.parents}\n\n"),
}
SILENT_ONLY = {  # the model says nothing; the runtime may or may not fail
    "class default": ("    class Category:\n", "    class Category:\n        slug = ''\n\n"),
    "under an if": ("            top.adopt(leaf)\n", "            if n:\n                top.adopt(leaf)\n"),
    "copyreg": ("    from concurrent.futures import ProcessPoolExecutor\n",
                "    import copyreg\n    from concurrent.futures import ProcessPoolExecutor\n"),
    "hash None": ("        def __hash__(self):\n            return hash(self.slug)\n", "        __hash__ = None\n"),
}

GRAPHS = """
    class Vertex:
        def __init__(self, key):
            self.key = key
            self.out = {}
            self.into = {}

        def __eq__(self, other):
            return self.key == other.key

        def __hash__(self):
            return hash(("v", self.key))


    def star(key):
        hub = Vertex(key)
        for i in range(3):
            spoke = Vertex(key * 10 + i)
            hub.out[spoke] = i
            spoke.into[hub] = i
        return hub
"""

FROZEN = """
    import dataclasses
    from dataclasses import dataclass, field
    from concurrent.futures import ProcessPoolExecutor


    @dataclass(frozen=True)
    class Pin:
        label: str
        peers: set = field(default_factory=set, compare=False)


    def pins(label):
        a = Pin(label)
        b = Pin(label + "'")
        a.peers.add(b)
        b.peers.add(a)
        return a


    def main():
        with ProcessPoolExecutor(2) as ex:
            print("RESULT=%d" % sum(len(p.peers) for p in ex.map(pins, ["x", "y"])))


    if __name__ == "__main__":
        main()
"""
FROZEN_NEAR_MISSES = {  # no hash (eq=False keeps object's id hash), a class-level default is found
    "eq off": ("@dataclass(frozen=True)", "@dataclass(frozen=True, eq=False)"),
    "default": ("    label: str\n", "    label: str = '?'\n"),
}


CALLER = """
    import multiprocessing as mp

    from kit.graphs import star


    def main():
        ctx = mp.get_context()
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(2, mp_context=ctx) as ex:
            hubs = [f.result() for f in [ex.submit(star, k) for k in (1, 2)]]
        print("RESULT=%d" % sum(len(h.out) for h in hubs))


    if __name__ == "__main__":
        main()
"""


def _changed(program, change):
    old, new = change
    assert old in textwrap.dedent(program) or old in program
    return program.replace(old, new)


def test_same_module_method_links():
    (finding,) = found(METHOD_LINKS, "MP207")
    assert "AttributeError: 'Category' object has no attribute 'slug'" in finding.message


@pytest.mark.parametrize("change", [*NEAR_MISSES, *SILENT_ONLY])
def test_same_module_near_misses(change):
    program = _changed(METHOD_LINKS, {**NEAR_MISSES, **SILENT_ONLY}[change])
    assert found(program, "MP207") == []


def test_frozen_dataclass_hashes_its_fields():
    (finding,) = found(FROZEN, "MP207")
    assert "AttributeError: 'Pin' object has no attribute 'label'" in finding.message


@pytest.mark.parametrize("change", [*FROZEN_NEAR_MISSES, "not frozen"])
def test_frozen_dataclass_near_misses(change):
    old, new = FROZEN_NEAR_MISSES.get(change, ("@dataclass(frozen=True)", "@dataclass"))
    assert found(FROZEN.replace(old, new), "MP207") == []


def test_another_module_dict_keys(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/graphs.py": GRAPHS, "main.py": CALLER})
    (finding,) = findings(root / "main.py", "MP207")
    assert "AttributeError: 'Vertex' object has no attribute 'key'" in finding.message


@pytest.mark.parametrize("change", ["one way", "returned before linking"])
def test_another_module_near_misses(tmp_path, change):
    graphs = GRAPHS.replace("            spoke.into[hub] = i\n", "") if change == "one way" \
        else GRAPHS.replace("        return hub\n", "").replace("        hub = Vertex(key)\n",
                                                                 "        hub = Vertex(key)\n        return hub\n")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/graphs.py": graphs, "main.py": CALLER})
    assert findings(root / "main.py", "MP207") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    programs = {"links.py": (METHOD_LINKS, True, "RESULT=4")}
    programs.update((f"{name.replace(' ', '_')}.py", (_changed(METHOD_LINKS, change), False, "RESULT=4"))
                    for name, change in NEAR_MISSES.items())
    for name, (text, fails, printed) in programs.items():
        path = tmp_path / name
        path.write_text(textwrap.dedent(text))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        if fails:  # 3.10-3.14: the result reader's AttributeError breaks the executor
            assert out.returncode != 0 and "BrokenProcessPool" in out.stderr \
                and "has no attribute 'slug'" in out.stderr, (name, out.stderr)
        else:
            assert out.returncode == 0 and printed in out.stdout, (name, out.stderr)
    programs = {"pins.py": (FROZEN, True, "RESULT=2")}
    programs.update((f"pins_{name.replace(' ', '_')}.py", (FROZEN.replace(*change), False, "RESULT=2"))
                    for name, change in FROZEN_NEAR_MISSES.items())
    for name, (text, fails, printed) in programs.items():
        path = tmp_path / name
        path.write_text(textwrap.dedent(text))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        if fails:
            assert out.returncode != 0 and "BrokenProcessPool" in out.stderr \
                and "has no attribute 'label'" in out.stderr, (name, out.stderr)
        else:
            assert out.returncode == 0 and printed in out.stdout, (name, out.stderr)
    root = project(tmp_path / "x", {"kit/__init__.py": "", "kit/graphs.py": GRAPHS, "main.py": CALLER})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode != 0 and "BrokenProcessPool" in out.stderr and "has no attribute 'key'" in out.stderr, \
        out.stderr
