"""Two ways a refused value reaches a child that mpguard followed only in their direct forms (fresh_libs13).

- A plain class of another module whose `__init__` stores nested constructor calls of dataclasses (datacube-core
  #1913: `self.index = Index(Engine(url=...))`, Engine's `_pool_lock` made by `field(default_factory=
  threading.RLock)`): the fields a call leaves to their defaults, and the arguments a dataclass keeps as fields.
- A callable parameter a helper maps on a dask bag computed with the processes scheduler (swifter #164:
  `SwiftApply(col).apply(lambda x: client.devices(x), ...)` -> `bag.map(func).compute(scheduler=self.scheduler)`):
  cloudpickle copies the caller's lambda with its closure; `self.scheduler` is what the methods this module calls
  stored (a `set_dask_scheduler("threads")` call makes it a thread scheduler: silent).

Near misses stay silent; the programs are run under fork, spawn and forkserver."""
import sys
import textwrap

import pytest
from helpers import at_crossing, run_program, skip_without

from test_semantic_crossmodule import findings, project

LINKS = """
    import threading
    from dataclasses import dataclass, field


    @dataclass
    class Link:
        host: str
        guard: object = field(default_factory=threading.Lock)

        def read(self, key):
            with self.guard:
                return len(self.host) + key


    @dataclass
    class Channel:
        link: Link
        retries: int = 2


    class Store:
        def __init__(self, host, shared=True):
            self.host = host
            self.channel = Channel(Link(host)) if shared else Channel(Link(host, guard=0))

        def read(self, key):
            return self.channel.link.read(key) if hasattr(self.channel.link.guard, "acquire") else len(self.host) + key


    class PlainStore:
        def __init__(self, host):
            self.host = host
            self.channel = Channel(Link(host, guard=0), retries=3)

        def read(self, key):
            return len(self.host) + key
"""

STORE_MAIN = """
    from concurrent.futures import ProcessPoolExecutor

    from kit.links import {cls}


    def fetch(store, key):
        return store.read(key)


    class Batch:
        def __init__(self, keys):
            self.keys = keys

        def run(self, store):
            with ProcessPoolExecutor(2) as ex:
                return sum(ex.map(fetch, [store] * len(self.keys), self.keys))


    def main():
        store = {made}
        print("RESULT=%s" % Batch([1, 2]).run(store))


    if __name__ == "__main__":
        main()
"""


def _store(tmp_path, cls, made):
    return project(tmp_path, {"kit/__init__.py": "", "kit/links.py": LINKS,
                              "main.py": STORE_MAIN.format(cls=cls, made=made)})


def test_nested_dataclass_default_factory_in_another_modules_init(tmp_path):
    root = _store(tmp_path, "Store", 'Store("db.lan")')
    got = at_crossing(findings(root / "main.py", "MP203"))
    assert got and "Channel" in got[0].message and "field `guard` is a threading lock" in got[0].message


def test_field_given_by_the_call_is_silent(tmp_path):
    root = _store(tmp_path, "PlainStore", 'PlainStore("db.lan")')  # `Link(host, guard=0)`: the field given by keyword
    assert findings(root / "main.py", "MP203") == []


def test_dataclass_keeps_arguments_as_fields():
    from mpguard.semantic.kept_arguments import kept_arguments
    import ast

    tree = ast.parse(textwrap.dedent(LINKS))
    channel = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Channel")
    call = ast.parse("Channel(Link(h), retries=3)").body[0].value
    kept = kept_arguments(channel, call)
    assert [name for name, _v in kept] == ["link", "retries"]
    assert kept_arguments(channel, ast.parse("Channel(a, b, c)").body[0].value) == []  # more than its fields


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("cls, made, fails", [("Store", 'Store("db.lan")', True),
                                              ("PlainStore", 'PlainStore("db.lan")', False)])
def test_store_runtime(tmp_path, method, cls, made, fails):
    root = _store(tmp_path, cls, made)
    out = run_program(root / "main.py", method, cwd=root)
    if fails:
        assert out.returncode != 0 and "cannot pickle '_thread.lock' object" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr


MAPPER = """
    import threading

    import dask.bag as db


    class Meter:
        def __init__(self, base):
            self.base = base
            self.lock = threading.Lock()

        def read(self, v):
            with self.lock:
                return self.base + v


    class Mapper:
        def __init__(self, items, mode="processes"):
            self.items = items
            self.mode = mode

        def use(self, mode):
            self.mode = mode
            return self

        def each(self, fn):
            bag = db.from_sequence(self.items, npartitions=2)
            return bag.map(fn).compute(scheduler=self.mode)


    def helper(items, fn):
        return db.from_sequence(items, npartitions=2).map(fn).compute(scheduler="processes")


    def main():
        meter = Meter(10)
        base = 10
        {line}


    if __name__ == "__main__":
        main()
"""

HAZARDS = {
    "method": 'print("RESULT=%s" % sum(Mapper([1, 2]).each(lambda v: meter.read(v))))',
    "function": 'print("RESULT=%s" % sum(helper([1, 2], lambda v: meter.read(v))))',
}
NEAR = {
    "threads": 'print("RESULT=%s" % sum(Mapper([1, 2]).use("threads").each(lambda v: meter.read(v))))',
    "plain_closure": 'print("RESULT=%s" % sum(helper([1, 2], lambda v: base + v)))',
}


def _mapper(tmp_path, line):
    return project(tmp_path, {"main.py": MAPPER.replace("{line}", line)})


@pytest.mark.parametrize("name", sorted(HAZARDS))
def test_mapped_parameter_closure_found(tmp_path, name):
    got = at_crossing(findings(_mapper(tmp_path, HAZARDS[name]) / "main.py", "MP201"))
    assert got and "closure's `meter`" in got[0].message and "cannot pickle '_thread.lock'" in got[0].message


@pytest.mark.parametrize("name", sorted(NEAR))
def test_mapped_parameter_near_miss_silent(tmp_path, name):
    assert findings(_mapper(tmp_path, NEAR[name]) / "main.py", "MP201") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", ["method", "function", "threads", "plain_closure"])
def test_mapped_parameter_runtime(tmp_path, method, name):
    skip_without("dask")
    line = HAZARDS.get(name) or NEAR[name]
    out = run_program(_mapper(tmp_path, line) / "main.py", method, cwd=tmp_path, timeout=120)
    if name in HAZARDS:
        assert out.returncode != 0 and "cannot pickle '_thread.lock' object" in out.stderr, out.stderr[-2000:]
    else:
        assert out.returncode == 0 and "RESULT=23" in out.stdout, out.stderr[-2000:]
