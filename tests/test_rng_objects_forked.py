"""MP306 for a random generator object made at import without a seed (data/boundaries.json `random_states`):
numpy's `default_rng()` and legacy `RandomState()` and the standard library's `random.Random()` seed themselves
from the OS when made, so every forked child copies one state and sibling children draw the same numbers; spawn
and forkserver children re-import the module and seed their own (numpy #27814, #9650; CPython reseeds only the
`random` module's own instance after a fork). Near misses: a seed given (the same numbers under every method: the
program's choice), a child that reseeds the object first, a child that makes its own, a single child. Proven
under fork, spawn and forkserver."""
import sys

import pytest
from helpers import found, run_program, skip_without

PROGRAM = """
import sys
from multiprocessing import Process, Queue
MAKE


def draw(i, out):
    DRAW


def main():
    out = Queue()
    procs = [Process(target=draw, args=(i, out)) for i in range(COUNT)]
    for p in procs:
        p.start()
    draws = dict(out.get() for _ in procs)
    for p in procs:
        p.join()
    distinct = len(set(draws.values()))
    print("RESULT=%d" % distinct)
    return 0 if distinct == COUNT else 3


if __name__ == "__main__":
    sys.exit(main())
"""

NP_RNG = "import numpy as np\nRNG = np.random.default_rng()"
NP_STATE = "from numpy.random import RandomState\nRNG = RandomState()"
PY_RANDOM = "import random\nRNG = random.Random()"

# name -> (library, MAKE, DRAW, number of children, hazard (fork children draw alike), RESULT under spawn)
CASES = {
    "numpy default_rng": ("numpy", NP_RNG, "out.put((i, int(RNG.integers(0, 10**9))))", 3, True, 3),
    "numpy default_rng(None)": ("numpy", "import numpy as np\nRNG = np.random.default_rng(None)",
                                "out.put((i, int(RNG.integers(0, 10**9))))", 3, True, 3),
    "numpy RandomState": ("numpy", NP_STATE, "out.put((i, int(RNG.randint(0, 10**9))))", 3, True, 3),
    "random.Random": ("random", PY_RANDOM, "out.put((i, RNG.random()))", 3, True, 3),
    # near misses
    "numpy default_rng seeded": ("numpy", "import numpy as np\nRNG = np.random.default_rng(7)",
                                 "out.put((i, int(RNG.integers(0, 10**9))))", 3, False, 1),
    "random.Random seeded": ("random", "import random\nRNG = random.Random(7)", "out.put((i, RNG.random()))",
                             3, False, 1),
    "numpy RandomState reseeded in the child": ("numpy", NP_STATE,
                                                "RNG.seed()\n    out.put((i, int(RNG.randint(0, 10**9))))", 3, False, 3),
    "random.Random reseeded in the child": ("random", PY_RANDOM, "RNG.seed()\n    out.put((i, RNG.random()))",
                                            3, False, 3),
    "numpy generator made in the child": ("numpy", "import numpy as np",
                                          "rng = np.random.default_rng()\n    out.put((i, int(rng.integers(0, 10**9))))",
                                          3, False, 3),
}


def program(name):
    _lib, make, draw, count, _hazard, _spawned = CASES[name]
    return PROGRAM.replace("MAKE", make).replace("DRAW", draw).replace("COUNT", str(count))


@pytest.mark.parametrize("name", sorted(CASES))
def test_generator_object_drawn_in_forked_children(name):
    findings = found(program(name), "MP306")
    if not CASES[name][4]:
        assert findings == []
        return
    assert [f.start.row for f in findings] == [9]  # the draw in the child
    # fork everywhere; forkserver from 3.14 on (its server imports the script and makes the generator once)
    assert set(findings[0].later_methods) == {("forkserver", (3, 14))}
    assert set(findings[0].start_methods) == ({"fork", "forkserver"} if sys.version_info >= (3, 14) else {"fork"})
    assert "`RNG` (line 5)" in findings[0].message
    assert "from Python 3.14 also every child of the forkserver" in findings[0].message


@pytest.mark.parametrize("version, methods", [("3.14", {"forkserver"}), ("3.13", {"fork"}), ("3.11", {"fork"})])
def test_the_judged_version_decides_whether_forkserver_is_a_start_method(version, methods):
    from mpguard.linter.analyze import analyze
    from mpguard.linter.settings import Settings
    from mpguard.semantic.platforms import parse_version, TargetSet

    targets = TargetSet(min_version=parse_version(version), max_version=parse_version(version))
    [finding] = [f for f in analyze(program("random.Random"), settings=Settings(targets=targets)).findings
                 if f.code == "MP306"]
    assert set(finding.start_methods) == methods


def test_the_outcome_rows_name_linux_3_14_forkserver():
    from mpguard.rules.docs import error_rows, outcome_rows
    from mpguard.rules.registry import get

    [finding] = found(program("random.Random"), "MP306")
    rows = {(r["key"], r["python"]): r["fails"] for r in outcome_rows(get("MP306"), finding, here="windows")}
    assert rows[("linux>=3.14", "3.14")] and rows[("linux<=3.13", "3.9–3.13")] and not rows[("windows", "3.9–3.14")]
    assert {(r["python"], r["start_method"]) for r in error_rows(get("MP306"), finding) if r["platform"] == "linux"} \
        >= {("3.13", "fork"), ("3.14", "forkserver")}


def test_an_explicit_forkserver_context_bites_from_3_14_only():
    src = program("random.Random").replace("from multiprocessing import Process, Queue",
                                           "import multiprocessing\nfrom multiprocessing import Queue") \
        .replace("Process(target=draw", "multiprocessing.get_context('forkserver').Process(target=draw")
    [finding] = found(src, "MP306")
    assert set(finding.later_methods) == {(m, (3, 14)) for m in ("fork", "spawn", "forkserver")}
    assert finding.unreachable_on == {"windows"}
    spawn = src.replace("get_context('forkserver')", "get_context('spawn')")
    assert found(spawn, "MP306") == []


def test_a_module_without_a_main_guard_is_not_judged_preloaded():
    # a helper module: the forkserver imports it only if the script does at import; fork only
    src = program("random.Random").replace('if __name__ == "__main__":\n    sys.exit(main())', "")
    [finding] = found(src, "MP306")
    assert finding.later_methods == frozenset() and set(finding.start_methods) == {"fork"}


def test_a_generator_bound_again_elsewhere_is_left_alone():
    src = program("numpy default_rng").replace("def main():", "def reset():\n    global RNG\n    RNG = None\n\n\ndef main():")
    assert found(src, "MP306") == []


def test_a_pool_initializer_that_reseeds_is_left_alone():
    src = """
    import random
    from multiprocessing import Pool
    RNG = random.Random()

    def init():
        RNG.seed()

    def task(i):
        return RNG.random()

    if __name__ == "__main__":
        with Pool(2, initializer=init) as pool:
            print(pool.map(task, range(4)))
    """
    assert found(src, "MP306") == []
    assert [f.start.row for f in found(src.replace("initializer=init", "").replace("RNG.seed()", "pass"), "MP306")] == [10]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    skip_without(CASES[name][0])
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=60)
    hazard, spawned = CASES[name][4], CASES[name][5]
    # 3.14's forkserver preloads __main__ once in the server: its children share the generator's state like fork's
    shared = method == "fork" or (method == "forkserver" and sys.version_info >= (3, 14))
    expected = 1 if hazard and shared else spawned
    assert f"RESULT={expected}" in out.stdout, out.stderr


def test_a_single_child_is_left_alone():
    src = """
    import numpy as np
    from multiprocessing import Process
    RNG = np.random.default_rng()

    def draw():
        print(RNG.integers(0, 10))

    if __name__ == "__main__":
        p = Process(target=draw)
        p.start()
        p.join()
    """
    assert found(src, "MP306") == []


@pytest.mark.parametrize("guarded, listed", [(True, False), (False, True)])
def test_migrate_to_3_14_keeps_a_script_s_generator(guarded, listed):
    """`mpguard migrate --from 3.13 --to 3.14`: a script's generator still bites under 3.14's forkserver (not a
    hazard the new default removes); a guardless module's is listed as gone."""
    from mpguard.linter.analyze import analyze
    from mpguard.linter.migrate import changes_in

    src = program("random.Random")
    if not guarded:
        src = src.replace('if __name__ == "__main__":\n    sys.exit(main())', "")
    changes = [c for c in changes_in("prog.py", analyze(src), "linux", "3.13", "3.14") if c.code == "MP306"]
    assert bool(changes) == listed
    if listed:
        assert changes[0].fix == "gone"
