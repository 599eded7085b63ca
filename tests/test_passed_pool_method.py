"""A pool's bound method handed over and called through a name: `evolve(pool.map)` then `mapper(f, xs)`, or kept by
an object (`Toolbox(pool.map)`, `self.map = mapper`, then `toolbox.map(f, xs)`): DEAP's `toolbox.register("map",
pool.map)` (DEAP #452; fresh_reports5 deap_global_updated_after_pool). The call is a task submitted to that pool at
the caller. And a global changed by a function called after the pool exists is stale in its workers under every
start method (forked workers were copied before the change): the same program, observed wrong_result under fork,
spawn and forkserver. An argument evaluated inside the Pool(...) call itself (`initializer=initialize(args)`) runs
before the workers exist: a near miss for fork (fresh_reports globals_valhalla_initializer_called)."""
import pytest
from helpers import found, methods, run_program

STALE = """
import multiprocessing
import sys

TARGET = [0.0]


def update(generation):
    global TARGET
    TARGET = [float(generation)]


def evaluate(x):
    return x - TARGET[0]


class Toolbox:
    def __init__(self, mapper=map):
        self.map = mapper


def evolve(mapper):
    total = 0.0
    for generation in (1, 2):
        update(generation)
        total += sum(mapper(evaluate, [float(generation)] * 3))
    return total


def run():
    pool = multiprocessing.Pool(2)
    try:
        return CALL
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    total = run()
    print("RESULT=%s" % total)
    sys.exit(0 if total == 0.0 else 3)
"""

SHAPES = {
    "evolve(pool.map)": True,  # the pool's method handed to a function that calls it
    "evolve(Toolbox(pool.map).map)": True,  # kept by an object, read back
    "evolve(map)": False,  # the builtin: no pool, nothing crosses
}


@pytest.mark.parametrize("call", sorted(SHAPES))
def test_a_global_changed_after_the_pool_exists(call):
    src = STALE.replace("CALL", call)
    assert methods(src, "MP302") == ({"fork", "spawn", "forkserver"} if SHAPES[call] else set())


def test_a_kept_pool_method_submits_what_it_is_given():
    src = """
import multiprocessing
import threading


def work(x):
    return 1


class Box:
    def __init__(self, mapper):
        self.map = mapper


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        box = Box(pool.map)
        box.map(work, [threading.Lock()])
"""
    assert [f.code for f in found(src, "MP203")] == ["MP203"]
    assert found(src.replace("box = Box(pool.map)", "box = Box(map)"), "MP203") == []


def test_a_call_inside_the_pool_call_runs_before_the_workers():
    src = """
import multiprocessing

session = None


def initialize(url):
    global session
    session = url


def request(line):
    return session + line


def main():
    pool = multiprocessing.Pool(2, initializer=initialize("http://localhost"))
    try:
        return pool.map(request, ["a", "b"])
    finally:
        pool.close()


if __name__ == "__main__":
    main()
"""
    assert methods(src, "MP302") == {"spawn", "forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("call", ["evolve(Toolbox(pool.map).map)", "evolve(map)"])
def test_runtime(tmp_path, call, method):
    path = tmp_path / "prog.py"
    path.write_text(STALE.replace("CALL", call))
    out = run_program(path, method, timeout=60)
    assert out.returncode == (3 if SHAPES[call] else 0), (out.stdout, out.stderr)


def test_no_initializer_fix_for_a_change_made_after_the_pool_exists():
    # restoring the value when the workers start cannot carry a later change (fresh_reports5 deap: the initializer
    # fix left the program's result wrong under every method)
    (finding,) = found(STALE.replace("CALL", "evolve(pool.map)"), "MP302")
    assert finding.fix is None
