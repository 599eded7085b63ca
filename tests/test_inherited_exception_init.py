"""MP208 for an exception class that defines no __init__ and inherits one that hands only a derived message to
Exception.__init__ (fresh_realistic9 hubspot103: `class NotFound(ApiError): pass` in another module, ApiError's
`__init__(result, request)`). Building the subclass runs the inherited __init__, so pickle rebuilds it as
`NotFound(message)` and the inherited __init__ lacks an argument. The __init__ is looked up along a chain of single
bases, in this module and across modules (and along the MRO of a class with several bases: tests/test_exception_mro.py).
Near misses: a subclass or a base in between with `__reduce__`, an inherited __init__ that passes everything on. Proven
under fork, spawn and forkserver."""
import sys

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

ERRORS = """
    class ServiceError(Exception):
        def __init__(self, code, detail):
            self.code = code
            self.detail = detail
            super().__init__(f"{code}: {detail}")


    class Gone(ServiceError):
        pass


    class Middle(ServiceError):
        '''only a docstring'''


    class Expired(Middle):
        pass


    class Rebuilt(ServiceError):
        def __reduce__(self):
            return (type(self), (self.code, self.detail))


    class RebuiltLeaf(Rebuilt):
        pass


    class Carrier(Exception):
        def __init__(self, code, detail):
            super().__init__(code, detail)


    class CarrierLeaf(Carrier):
        pass


    class Tagged:
        pass


    class Mixed(ServiceError, Tagged):
        pass
"""

TASKS = """
    from concurrent.futures import ProcessPoolExecutor
    from svc.errors import {cls}


    def lookup(key):
        if key == 3:
            raise {cls}(404, "key %d" % key)
        return key * 2


    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as pool:
            try:
                print("RESULT=%s" % list(pool.map(lookup, range(5))))
            except {cls} as exc:
                print("RESULT=caught %s" % exc.code)
"""


def _project(tmp_path, cls):
    return project(tmp_path, {"svc/__init__.py": "", "svc/errors.py": ERRORS, "main.py": TASKS.format(cls=cls)})


# (Mixed(ServiceError, Tagged): its MRO runs ServiceError.__init__ first, read since session 19 (semantic/mro))
@pytest.mark.parametrize("cls", ["Gone", "Expired", "Mixed"])
def test_inherited_init_of_another_module(tmp_path, cls):
    found_ = findings(_project(tmp_path, cls) / "main.py", "MP208")
    assert len(found_) == 1 and "ServiceError.__init__() missing 1 required positional argument: 'detail'" \
        in found_[0].message


@pytest.mark.parametrize("cls", ["RebuiltLeaf", "CarrierLeaf"])
def test_inherited_init_near_misses(tmp_path, cls):
    assert findings(_project(tmp_path, cls) / "main.py", "MP208") == []


SAME_MODULE = """
    from multiprocessing import Pool


    class JobError(Exception):
        def __init__(self, job, reason):
            self.job = job
            super().__init__("job %s: %s" % (job, reason))


    class Timeout(JobError):
        pass
    {extra}

    def run(job):
        if job > 2:
            raise {cls}(job, "slow")
        return job


    if __name__ == "__main__":
        with Pool(2) as pool:
            print(pool.map(run, range(4)))
"""


def test_inherited_init_of_this_module():
    assert len(found(SAME_MODULE.format(extra="", cls="Timeout"), "MP208")) == 1


@pytest.mark.parametrize("extra, cls", [
    ("class Quiet(JobError):\n        def __reduce__(self):\n            return (type(self), (self.job, 'r'))\n\n\n"
     "    class QuietLeaf(Quiet):\n        pass\n", "QuietLeaf"),
    ("class Own(JobError):\n        def __init__(self, job, reason):\n            self.job = job  # (no base call: args keep what the call gave)\n",
     "Own"),
])
def test_inherited_init_of_this_module_near_misses(extra, cls):
    assert found(SAME_MODULE.format(extra=extra, cls=cls), "MP208") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    if method != "fork" and sys.platform == "win32":
        pytest.skip("needs fork")
    for cls in ("Expired", "Mixed"):
        bad = _project(tmp_path / cls, cls)
        out = run_program(bad / "main.py", method, timeout=60, cwd=bad)
        assert out.returncode != 0 and "BrokenProcessPool" in out.stderr, out.stderr
    good = _project(tmp_path / "good", "RebuiltLeaf")
    out = run_program(good / "main.py", method, timeout=60, cwd=good)
    assert out.returncode == 0 and "RESULT=caught 404" in out.stdout, out.stderr
