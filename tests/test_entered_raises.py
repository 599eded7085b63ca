"""A `with` statement over an object of another project module's class calls its `__enter__`: what that method raises
(itself or through the methods it calls) leaves the task like a raise written there. An exception that pickles but
cannot be rebuilt in the parent (its __init__ needs an argument it does not hand to Exception.__init__) breaks the
executor: BrokenProcessPool. filelock #202 (fresh_libs13 filelock202): `with FileLock(path, timeout=...)` whose
`acquire()` raises `Timeout(lock_file)`. Here another shape: a slot pool of another module whose `__enter__` calls
`checkout()`, which raises `PoolExhausted(pool_name, size)`, entered through a name bound first (`slot = ...; with
slot:`) and through a call. Near misses: the class with a `__reduce__` that rebuilds it, a slot that never runs out,
and an `__enter__` that raises nothing. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

SLOTS = """
    import os


    class PoolExhausted(RuntimeError):
        def __init__(self, pool_name, size):
            super().__init__(f"{pool_name}: all {size} slots taken")
            self.pool_name = pool_name
            self.size = size
    {reduce}

    class Slot:
        def __init__(self, pool_name, size):
            self.pool_name = pool_name
            self.size = size
            self.taken = None

        def checkout(self):
            path = os.path.join(os.environ.get("SLOT_DIR", "."), self.pool_name)
            if self.size <= 0:
                raise PoolExhausted(self.pool_name, self.size)
            self.taken = path
            return self

        def __enter__(self):
            return self.checkout()

        def __exit__(self, *exc):
            self.taken = None


    class Quiet:
        def __init__(self, pool_name, size):
            self.pool_name = pool_name

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None
"""

REDUCE = """
        def __reduce__(self):
            return self.__class__, (self.pool_name, self.size)
"""

SCRIPT = """
    from concurrent.futures import ProcessPoolExecutor

    from kit.slots import {cls}, PoolExhausted


    def job(name, size):
        {body}


    def main():
        done, failed = 0, 0
        with ProcessPoolExecutor(max_workers=2) as ex:
            futures = [ex.submit(job, "db", size) for size in ({size}, 1)]
            for fut in futures:
                try:
                    fut.result()
                    done += 1
                except PoolExhausted:
                    failed += 1
        print("RESULT=%d:%d" % (done, failed))


    if __name__ == "__main__":
        main()
"""

BODIES = {
    "named": "slot = {cls}(name, size)\n        with slot:\n            return name",
    "call": "with {cls}(name, size) as slot:\n            return slot.pool_name",
}


def _project(tmp_path, body, cls="Slot", size=0, reduce=""):
    script = SCRIPT.format(cls=cls, size=size, body=BODIES[body].format(cls=cls))
    slots = SLOTS.replace("{reduce}", REDUCE if reduce else "")
    return project(tmp_path, {"kit/__init__.py": "", "kit/slots.py": slots, "main.py": script}) / "main.py"


@pytest.mark.parametrize("body", sorted(BODIES))
def test_a_raise_in_another_modules_enter_is_found(tmp_path, body):
    found = findings(_project(tmp_path, body), "MP208")
    assert found, found
    assert any("__enter__" in f.message and "PoolExhausted" in f.message for f in found), found


@pytest.mark.parametrize("body", sorted(BODIES))
@pytest.mark.parametrize("near", [{"reduce": True}, {"cls": "Quiet"}])
def test_rebuildable_or_no_raise_is_silent(tmp_path, body, near):
    assert not findings(_project(tmp_path, body, **near), "MP208")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for body in BODIES:
        out = run_program(_project(tmp_path / f"bad_{body}", body), method)
        assert out.returncode != 0 and "BrokenProcessPool" in out.stderr, (body, out.stderr)
        out = run_program(_project(tmp_path / f"ok_{body}", body, reduce=True), method)
        assert out.returncode == 0 and "RESULT=1:1" in out.stdout, (body, out.stderr)
        out = run_program(_project(tmp_path / f"quiet_{body}", body, cls="Quiet"), method)
        assert out.returncode == 0 and "RESULT=2:0" in out.stdout, (body, out.stderr)
