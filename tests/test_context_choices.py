"""The context a helper gives back when its returns are chosen by `get_start_method(allow_none=True)` or by an
environment variable (HojiChar PR #103, fresh_reports17 hojichar103_parallel_pinned_fork_model: `_get_context()`
forks when HOJICHAR_MP_START_METHOD is empty and nothing set a start method, so the pool's initargs are inherited,
not pickled). A module that never sets a method takes the returns under `... is None`; a choice the environment
makes is unknown, so only what every option proves is said. Hazards that stay reported: the module sets spawn
first, every option of the environment's choice spawns, a plain default-context pool. Proven under fork, spawn and
forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

PINNED = """
    import mmap
    import multiprocessing
    import os

    OVERRIDE = "APP_POOL_METHOD"


    def _pool_context():
        wanted = os.environ.get(OVERRIDE, "").strip()
        if wanted == "default":
            return multiprocessing.get_context()
        if wanted:
            return multiprocessing.get_context(wanted)
        if multiprocessing.get_start_method(allow_none=True) is None:
            try:
                return multiprocessing.get_context("fork")
            except ValueError:
                pass
        return multiprocessing.get_context()


    _TABLE = None


    def _load(table):
        global _TABLE
        _TABLE = table


    def measure(n):
        return n + len(_TABLE)


    def main():
        table = mmap.mmap(-1, 16)
        with _pool_context().Pool(2, initializer=_load, initargs=(table,)) as pool:
            print("RESULT=%s" % pool.map(measure, [1, 2]))


    if __name__ == "__main__":
        main()
"""

NO_ENVIRONMENT = PINNED.replace('''        wanted = os.environ.get(OVERRIDE, "").strip()
        if wanted == "default":
            return multiprocessing.get_context()
        if wanted:
            return multiprocessing.get_context(wanted)
''', "")

# the other spelling: the set branch first, an early return, `not` on the call
SET_FIRST = NO_ENVIRONMENT.replace('''        if multiprocessing.get_start_method(allow_none=True) is None:
            try:
                return multiprocessing.get_context("fork")
            except ValueError:
                pass
        return multiprocessing.get_context()''', '''        if multiprocessing.get_start_method(allow_none=True):
            return multiprocessing.get_context()
        return multiprocessing.get_context("fork")''')

SETS_SPAWN = NO_ENVIRONMENT.replace('if __name__ == "__main__":\n', 'if __name__ == "__main__":\n'
                                    '        multiprocessing.set_start_method("spawn")\n')

ENVIRONMENT_SPAWNS = PINNED.replace('''        if multiprocessing.get_start_method(allow_none=True) is None:
            try:
                return multiprocessing.get_context("fork")
            except ValueError:
                pass
        return multiprocessing.get_context()''', '''        return multiprocessing.get_context("spawn")''').replace(
    "return multiprocessing.get_context(wanted)", 'return multiprocessing.get_context("spawn")').replace(
    '''        if wanted == "default":
            return multiprocessing.get_context()
''', "")

DEFAULT_POOL = PINNED.replace("_pool_context().Pool(", "multiprocessing.Pool(")

SILENT = {"pinned": PINNED, "no environment": NO_ENVIRONMENT, "set first": SET_FIRST}
REPORTED = {"sets spawn": (SETS_SPAWN, {"fork", "spawn", "forkserver"}),
            "environment spawns": (ENVIRONMENT_SPAWNS, {"fork", "spawn", "forkserver"}),
            "default pool": (DEFAULT_POOL, {"spawn", "forkserver"})}


@pytest.mark.parametrize("name", sorted(SILENT))
def test_a_context_pinned_to_fork_when_nothing_set_it_is_silent(name):
    assert found(SILENT[name], "MP203") == []


@pytest.mark.parametrize("name", sorted(REPORTED))
def test_the_hazards_stay_reported(name):
    program, methods = REPORTED[name]
    findings_ = found(program, "MP203")
    assert findings_ and {m for f in findings_ for m in f.start_methods} == methods


HELPER = """
    import multiprocessing
    import os


    def _get_context():
        chosen = os.getenv("KIT_START_METHOD") or ""
        if chosen.lower() == "platform":
            return multiprocessing.get_context()
        if chosen:
            return multiprocessing.get_context(chosen)
        if multiprocessing.get_start_method(allow_none=True) is None:
            return multiprocessing.get_context("fork")
        return multiprocessing.get_context()


    _STATE = None


    def _init(state):
        global _STATE
        _STATE = state


    def _apply(x):
        return x * len(_STATE)


    class Runner:
        def __init__(self, state, jobs=2):
            self.state = state
            self.jobs = jobs

        def run(self, items):
            with _get_context().Pool(self.jobs, initializer=_init, initargs=(self.state,)) as pool:
                return pool.map(_apply, items)
"""

CALLER = """
    import mmap

    from kit.runner import Runner


    def main():
        state = mmap.mmap(-1, 8)
        print("RESULT=%s" % Runner(state).run([1, 2]))


    if __name__ == "__main__":
        main()
"""


def test_another_modules_helper(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/runner.py": HELPER, "main.py": CALLER})
    assert findings(root / "main.py", "MP203") == []
    plain = project(tmp_path / "plain", {"kit/__init__.py": "",
                                         "kit/runner.py": HELPER.replace("_get_context().Pool(",
                                                                         "multiprocessing.Pool("),
                                         "main.py": CALLER})
    assert {m for f in findings(plain / "main.py", "MP203") for m in f.start_methods} == {"spawn", "forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    programs = {**{name: (text, True) for name, text in SILENT.items()},
                **{name: (text, method == "fork" and name == "default pool") for name, (text, _m) in REPORTED.items()}}
    for at, (name, (text, ok)) in enumerate(sorted(programs.items())):
        root = project(tmp_path / str(at), {"main.py": text})
        out = run_program(root / "main.py", method, timeout=60, cwd=root, drop_env=("APP_POOL_METHOD",))
        if ok:
            assert "RESULT=[17, 18]" in out.stdout, (name, out.stderr)
        else:
            assert "cannot pickle 'mmap.mmap' object" in out.stderr, (name, out.stderr)
    root = project(tmp_path / "kit", {"kit/__init__.py": "", "kit/runner.py": HELPER, "main.py": CALLER})
    out = run_program(root / "main.py", method, timeout=60, cwd=root, drop_env=("KIT_START_METHOD",))
    assert "RESULT=[8, 16]" in out.stdout, out.stderr
