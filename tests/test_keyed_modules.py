"""A module chosen from a table of getters by a key (docs/sweep.md 15.2, cause 6: gammapy's run_multiprocessing,
`multiprocessing = PARALLEL_BACKEND_MODULES[backend]()` then `multiprocessing.Pool(...)`).

The Pool is multiprocessing's only when the key picks the getter that returns multiprocessing: a constant key, or
the literal argument (or default) a caller gives the parameter the key is. A key that is not known (`sys.argv[1]`,
an enum member a call makes) is any of several different modules: none is known, nothing is said. A table whose
every getter gives the same module needs no key. Runtime proof: the default key starts processes at the top of
a spawned child's re-imported main module (the bootstrapping RuntimeError); the thread key does not."""
from __future__ import annotations

import pytest
from helpers import codes, run_program
from test_semantic_crossmodule import findings, project

METHODS = ["fork", "spawn", "forkserver"]

GETTERS = """
import sys


def get_processes():
    import multiprocessing
    return multiprocessing


def get_threads():
    import multiprocessing.dummy as multiprocessing
    return multiprocessing


BACKENDS = {"processes": get_processes, "threads": get_threads}


def double(x):
    return x * 2
"""

OR_DEFAULT = GETTERS + """

def run(inputs, backend=None):
    backend = backend or "processes"
    multiprocessing = BACKENDS[backend]()
    with multiprocessing.Pool(2) as pool:
        return pool.map(double, inputs)
"""

NONE_DEFAULT = GETTERS + """

def run(inputs, backend=None):
    if backend is None:
        backend = "processes"
    multiprocessing = BACKENDS[backend]()
    with multiprocessing.Pool(2) as pool:
        return pool.map(double, inputs)
"""

PLAIN_DEFAULT = GETTERS + """

def run(inputs, backend="processes"):
    multiprocessing = BACKENDS[backend]()
    with multiprocessing.Pool(2) as pool:
        return pool.map(double, inputs)
"""

HELPERS = {"or default": OR_DEFAULT, "none default": NONE_DEFAULT, "plain default": PLAIN_DEFAULT}


@pytest.mark.parametrize("name", sorted(HELPERS))
def test_the_default_key_picks_the_process_module(name):
    assert "MP101" in codes(HELPERS[name] + "\nprint(run([1, 2]))\n")
    assert "MP101" in codes(HELPERS[name] + "\nprint(run([1, 2], backend='processes'))\n")


@pytest.mark.parametrize("name", sorted(HELPERS))
def test_a_literal_thread_key_is_silent(name):
    assert "MP101" not in codes(HELPERS[name] + "\nprint(run([1, 2], backend='threads'))\n")


@pytest.mark.parametrize("name", sorted(HELPERS))
def test_an_unknown_key_is_silent(name):
    assert "MP101" not in codes(HELPERS[name] + "\nprint(run([1, 2], backend=sys.argv[1]))\n")


def test_a_constant_key_picks_its_entry():
    src = GETTERS + """

def run(inputs):
    with BACKENDS['processes']().Pool(2) as pool:
        return pool.map(double, inputs)


print(run([1]))
"""
    assert "MP101" in codes(src)
    assert "MP101" not in codes(src.replace("BACKENDS['processes']", "BACKENDS['threads']"))


def test_every_entry_the_same_module_needs_no_key():
    src = GETTERS.replace('"threads": get_threads', '"threads": get_processes') + """

def run(inputs, backend):
    with BACKENDS[backend]().Pool(2) as pool:
        return pool.map(double, inputs)


print(run([1, 2], sys.argv[1]))
"""
    assert "MP101" in codes(src)


def test_enum_keys_a_call_picks_are_not_known():
    # gammapy's shape: the key is what `Backend.from_str(name)` gives, the table keyed by enum members
    src = GETTERS.replace('BACKENDS = {"processes": get_processes, "threads": get_threads}', """
import enum


class Backend(enum.Enum):
    processes = "processes"
    threads = "threads"

    @classmethod
    def from_str(cls, value):
        return cls(value)


BACKENDS = {Backend.processes: get_processes, Backend.threads: get_threads}""") + """

def run(inputs, backend=None):
    if backend is None:
        backend = Backend.processes
    backend = Backend.from_str(backend)
    multiprocessing = BACKENDS[backend]()
    with multiprocessing.Pool(2) as pool:
        return pool.map(double, inputs)


print(run([1, 2]))
"""
    assert "MP101" not in codes(src)


# another shape and other names: an engine table in a package, a caller handing its own parameter on
ENGINES = """
def _local_engine():
    import multiprocessing.dummy
    return multiprocessing.dummy


def _pool_engine():
    import multiprocessing as mp
    return mp


ENGINES = {"local": _local_engine, "pool": _pool_engine}


def square(n):
    return n * n


def compute(numbers, engine="pool"):
    lib = ENGINES[engine]()
    pool = lib.Pool(2)
    try:
        return pool.map(square, numbers)
    finally:
        pool.close()
        pool.join()


def main(engine="pool"):
    return compute([1, 2, 3], engine)
"""


@pytest.mark.parametrize("call, hazard", [("main()", True), ("main('pool')", True), ("main('local')", False),
                                          ("compute([4])", True), ("compute([4], engine=ENGINE)", False)])
def test_across_modules(tmp_path, call, hazard):
    script = f"import os\nfrom calc.engines import compute, main\n\nENGINE = os.environ['ENGINE']\nprint('RESULT', {call})\n"
    root = project(tmp_path, {"calc/__init__.py": "", "calc/engines.py": ENGINES, "main.py": script})
    assert len(findings(root / "main.py", "MP101")) == (1 if hazard else 0)


# the runtime proof starts Processes: a spawned Pool whose workers cannot bootstrap replaces them forever (a hang)
STARTS = GETTERS + """

def run(inputs, backend=None):
    backend = backend or "processes"
    multiprocessing = BACKENDS[backend]()
    workers = [multiprocessing.Process(target=double, args=(x,)) for x in inputs]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if any(w.exitcode != 0 for w in workers):
        raise SystemExit("a child failed")
    return [double(x) for x in inputs]
"""


def test_processes_of_the_picked_module():
    assert "MP101" in codes(STARTS + "\nprint(run([1, 2]))\n")
    assert "MP101" not in codes(STARTS + "\nprint(run([1, 2], 'threads'))\n")
    assert "MP101" not in codes(STARTS + "\nprint(run([1, 2], sys.argv[1]))\n")


def _script(tmp_path, backend: str):
    return project(tmp_path, {"pkg/__init__.py": "", "pkg/par.py": STARTS,
                              "main.py": f"from pkg.par import run\n\nprint('RESULT', run([1, 2, 3]{backend}))\n"})


@pytest.mark.parametrize("method", METHODS)
def test_runtime(tmp_path, method):
    found = _script(tmp_path / "default", "")
    assert len(findings(found / "main.py", "MP101")) == 1
    out = run_program(found / "main.py", method, timeout=60, cwd=found)
    if method == "fork":
        assert out.returncode == 0 and "RESULT [2, 4, 6]" in out.stdout, out.stderr
    else:  # every child re-imports main.py, whose top level starts processes while it bootstraps
        assert out.returncode != 0 and "bootstrapping phase" in out.stderr, out.stderr
    silent = _script(tmp_path / "threads", ", backend='threads'")
    assert findings(silent / "main.py", "MP101") == []
    out = run_program(silent / "main.py", method, timeout=60, cwd=silent)
    assert out.returncode == 0 and "RESULT [2, 4, 6]" in out.stdout, out.stderr
