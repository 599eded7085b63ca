"""Code the program keeps on the fork path itself: a finding about it holds only under the default start methods
that reach it (semantic/method_reach). nessai #250 (fresh_reports16 nessai313): `if self.n_pool and
mp.get_start_method() != "fork": self.n_pool = None`, then `if self.n_pool: self.pool = mp.Pool(...,
initargs=(self.model,))` with a model holding a nested function. Also the body of `if get_start_method() ==
"fork":`, an early `return` under another method, and a local flag. Near misses that still bite: a pool on the
spawn path, a flag cleared under a test that is not the start method's, a flag set again before it is tested, a
context's own get_start_method(). Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import project

HEAD = """
    import multiprocessing as mp

    _model = None


    def init(model):
        global _model
        _model = model


    def work(x):
        return _model(x)


    def make_scale(k):
        def scale(x):
            return k * x
        return scale
"""

FLAG_ON_SELF = HEAD + """

    class Sampler:
        def __init__(self, n_pool=2):
            self.model = make_scale(3)
            self.n_pool = n_pool
            self.pool = None

        def configure(self):
            if self.n_pool and mp.get_start_method() != "fork":
                self.n_pool = None
            if self.n_pool:
                self.pool = mp.Pool(self.n_pool, initializer=init, initargs=(self.model,))

        def run(self, xs):
            self.configure()
            if self.pool is None:
                return [self.model(x) for x in xs]
            try:
                return self.pool.map(work, xs)
            finally:
                self.pool.close()
                self.pool.join()


    if __name__ == "__main__":
        print("RESULT=%s" % sum(Sampler().run([1, 2, 3])))
"""

LOCAL_FLAG = HEAD + """

    def evaluate(xs, workers=2):
        model = make_scale(2)
        use_pool = workers > 1
        if mp.get_start_method() in ("spawn", "forkserver"):
            use_pool = False
        if use_pool:
            with mp.Pool(workers, initializer=init, initargs=(model,)) as pool:
                return pool.map(work, xs)
        return [model(x) for x in xs]


    if __name__ == "__main__":
        print("RESULT=%s" % sum(evaluate([1, 2, 3])))
"""

EARLY_EXIT = HEAD + """

    def evaluate(xs):
        model = make_scale(2)
        if mp.get_start_method() != "fork":
            return [model(x) for x in xs]
        with mp.Pool(2, initializer=init, initargs=(model,)) as pool:
            return pool.map(work, xs)


    if __name__ == "__main__":
        print("RESULT=%s" % sum(evaluate([1, 2, 3])))
"""

INSIDE = HEAD + """

    def evaluate(xs):
        model = make_scale(2)
        if mp.get_start_method() == "fork":
            with mp.Pool(2, initializer=init, initargs=(model,)) as pool:
                return pool.map(work, xs)
        return [model(x) for x in xs]


    if __name__ == "__main__":
        print("RESULT=%s" % sum(evaluate([1, 2, 3])))
"""

FORK_ONLY = {"flag on self": FLAG_ON_SELF, "local flag": LOCAL_FLAG, "early exit": EARLY_EXIT, "inside": INSIDE}


@pytest.mark.parametrize("name", list(FORK_ONLY))
def test_fork_only_paths_are_silent(name):
    assert found(FORK_ONLY[name], "MP201") == [] and found(FORK_ONLY[name], "MP203") == []


def _pickling(src):
    return found(src, "MP201") + found(src, "MP203")


def test_the_same_pool_without_the_tests_is_found():
    bare = FLAG_ON_SELF.replace('if self.n_pool and mp.get_start_method() != "fork":', "if self.n_pool is None:")
    assert {m for f in _pickling(bare) for m in f.start_methods} == {"spawn", "forkserver"}


def test_spawn_path_is_found_under_spawn_only():
    spawn_path = INSIDE.replace('== "fork"', '== "spawn"')
    (finding,) = _pickling(spawn_path)
    assert finding.start_methods == frozenset({"spawn"})


def test_flag_cleared_under_another_test_still_bites():
    other = LOCAL_FLAG.replace('if mp.get_start_method() in ("spawn", "forkserver"):', "if len(xs) < 2:")
    assert {m for f in _pickling(other) for m in f.start_methods} == {"spawn", "forkserver"}
    mixed = FLAG_ON_SELF.replace("if self.n_pool and mp.get_start_method()", "if self.pool and mp.get_start_method()")
    assert {m for f in _pickling(mixed) for m in f.start_methods} == {"spawn", "forkserver"}


def test_flag_set_again_before_the_test_still_bites():
    again = LOCAL_FLAG.replace("        if use_pool:\n", "        use_pool = True\n        if use_pool:\n")
    assert {m for f in _pickling(again) for m in f.start_methods} == {"spawn", "forkserver"}


def test_a_context_of_its_own_is_not_the_default():
    own = INSIDE.replace('if mp.get_start_method() == "fork":', 'ctx = mp.get_context("spawn")\n'
                         '        if ctx.get_start_method() == "spawn":')
    assert {m for f in _pickling(own) for m in f.start_methods} == {"spawn", "forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    files = {f"{name.replace(' ', '_')}.py": text for name, text in FORK_ONLY.items()}
    bare = FLAG_ON_SELF.replace('if self.n_pool and mp.get_start_method() != "fork":', "if self.n_pool is None:")
    root = project(tmp_path, {**files, "bare.py": bare})
    for name in files:  # the fork-only paths run everywhere (serially where the method is not fork)
        out = run_program(root / name, method, cwd=root)
        assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
    out = run_program(root / "bare.py", method, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "RESULT=18" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and ("Can't pickle local object" in out.stderr
                                        or "Can't get local object" in out.stderr), out.stderr
