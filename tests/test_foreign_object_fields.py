"""What a module sets on an object of another project module's class (`p = Specifications(); p.client = client`,
PSLmodels/OG-Core #392, fresh_libs11 ogcore392) is pickled with it when the class pickles its __dict__, and is what
`p.client` reads back (a helper given `p.client` submits to that client). And what a method of a class of one module
stores in `self` from a helper of a second module (`self.signer = rbac.load_signer(pem)`, wazuh/wazuh #9060) is
judged by what that helper returns, in its own module.

Near misses: a class that leaves the attribute out of its pickled state (`__getstate__`), an attribute set to a
plain value, a helper that returns bytes. Proven under fork, spawn and forkserver with a threading lock (no library
needed)."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

MODEL = """
    class Params:
        def __init__(self, size=3):
            self.size = size
            self.guard = None


    class Portable(Params):
        def __getstate__(self):
            return {"size": self.size}

        def __setstate__(self, state):
            self.__dict__.update(state, guard=None)


    def score(params, i):
        return params.size * i
"""

MAIN = """
    import multiprocessing
    import threading

    from model.params import Params, Portable, score


    def run_all(params, pool):
        return sum(pool.starmap(score, [(params, i) for i in range(params.size)]))


    def main():
        with multiprocessing.Pool(2) as pool:
            params = CLASS()
            params.guard = GUARD
            print("RESULT=%s" % run_all(params, POOL))


    if __name__ == "__main__":
        main()
"""

LOCK = ("a threading lock", "cannot pickle '_thread.lock' object")
POOL = ("a process pool", "pool objects cannot be passed between processes or pickled")
CASES = {  # name -> (class, value set, pool expression, (what, error) or None)
    "lock set on the object": ("Params", "threading.Lock()", "pool", LOCK),
    "pool set, read back as the pool": ("Params", "pool", "params.guard", POOL),
    "plain value set": ("Params", "'coarse'", "pool", None),
    "class drops it when pickled": ("Portable", "threading.Lock()", "pool", None),
    "class drops the pool, read back": ("Portable", "pool", "params.guard", None),
}


def _project(root, name):
    cls, value, pool, _fails = CASES[name]
    main = MAIN.replace("CLASS", cls).replace("GUARD", value).replace("POOL", pool)
    return project(root, {"model/__init__.py": "", "model/params.py": MODEL, "main.py": main})


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(tmp_path, name):
    root = _project(tmp_path, name)
    found = findings(root / "main.py", "MP203")
    if CASES[name][3]:  # (also when `run_all(params, params.guard)` reads the pool back: its starmap is a task)
        assert found and f"whose .guard (set on it after it was made) is {CASES[name][3][0]}" in found[0].message
    else:
        assert found == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    root = _project(tmp_path, name)
    out = run_program(root / "main.py", method, cwd=root)
    bad = CASES[name][3]
    assert_outcome(out, bad is not None, bad[1] if bad else None, "RESULT=")


SIGNING = """
    import threading


    def make_signer(seed):
        return threading.RLock() if seed else threading.RLock()


    def make_token(seed):
        return str(seed).encode()
"""

REQUEST = """
    from auth import signing


    class Job:
        def __init__(self, name, seed):
            self.name = name
            self.signer = signing.HELPER(seed)

        def run(self):
            return len(self.name)
"""

REQUEST_MAIN = """
    from concurrent.futures import ProcessPoolExecutor

    from auth.job import Job


    if __name__ == "__main__":
        with ProcessPoolExecutor(1) as pool:
            job = Job("compact", 3)
            print("RESULT=%s" % pool.submit(job.run).result())
"""


@pytest.mark.parametrize("helper, fails", [("make_signer", True), ("make_token", False)])
def test_a_store_of_another_modules_helper_result(tmp_path, helper, fails):
    root = project(tmp_path, {"auth/__init__.py": "", "auth/signing.py": SIGNING,
                              "auth/job.py": REQUEST.replace("HELPER", helper), "main.py": REQUEST_MAIN})
    found = findings(root / "main.py", "MP201")
    if fails:
        assert found and "whose .signer is what auth.signing.make_signer() returns" in found[0].message
    else:
        assert found == []
    for method in ("fork", "spawn", "forkserver"):
        out = run_program(root / "main.py", method, cwd=root)
        assert_outcome(out, fails, "cannot pickle '_thread.RLock' object", "RESULT=7")
