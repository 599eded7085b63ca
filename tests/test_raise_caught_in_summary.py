"""A raise another module's function catches itself does not leave it (linter/raise_paths, MP208).

lmfit 1.3.4 (docs/sweep.md): `Minimizer.leastsq` calls `scipy_leastsq(self.__residual, ...)` inside `try: ...
except AbortFitException: pass`; `__residual` raises `AbortFitException`, which pickle cannot rebuild. The
summary other modules read counted the raise for every function reaching it, whatever `try` the call sat in:
a task calling `lmfit.minimize()` was said to raise it. Now a call (or a raise) inside a `try` of the same
function whose handler names the class (or Exception, BaseException, a bare except) and does not re-raise it
passes nothing on."""
from __future__ import annotations

import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

FIT = """
    class FitError(Exception):
        def __init__(self, msg):
            Exception.__init__(self)
            self.msg = msg


    class Abort(FitError):
        pass


    def solve(f, x):
        return f(x)


    class Fitter:
        def __init__(self, limit=0):
            self.limit = limit
            self.count = 0

        def __residual(self, x):
            self.count += 1
            if self.count > self.limit:
                raise Abort("too many evaluations")
            return x * 2

        def leastsq(self, x):
            try:
                out = CALL
            except HANDLED:
                out = None
            return out

        def run(self, x, method="leastsq"):
            if method == "leastsq":
                return self.leastsq(x)
            return None


    def fit(x, method="leastsq"):
        return Fitter().run(x, method)
"""

MAIN = """
    from multiprocessing import Pool

    from kit import fit


    if __name__ == "__main__":
        with Pool(2) as pool:
            print(pool.map(fit, [1, 2]))
"""


def fit_project(tmp_path, call, handled):
    return project(tmp_path, {"kit/__init__.py": "from kit.fit import fit\n",
                              "kit/fit.py": FIT.replace("CALL", call).replace("HANDLED", handled),
                              "main.py": MAIN})


@pytest.mark.parametrize("call", ["solve(self.__residual, x)", "self.__residual(x)"])
@pytest.mark.parametrize("handled", ["Abort", "(ValueError, Abort)", "Exception"])
def test_a_raise_caught_where_it_is_called(tmp_path, call, handled):
    root = fit_project(tmp_path, call, handled)
    assert not findings(root / "main.py", "MP208")


@pytest.mark.parametrize("call", ["solve(self.__residual, x)", "self.__residual(x)"])
def test_a_handler_of_another_class_lets_it_through(tmp_path, call):
    """Near miss: `except ValueError:` does not take Abort: the task raises it, and the parent cannot rebuild it."""
    root = fit_project(tmp_path, call, "ValueError")
    assert findings(root / "main.py", "MP208")


def test_a_handler_that_raises_it_again_lets_it_through(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "from kit.fit import fit\n",
                              "kit/fit.py": FIT.replace("CALL", "self.__residual(x)").replace(
                                  "except HANDLED:\n                out = None", "except Abort:\n                raise"),
                              "main.py": MAIN})
    assert findings(root / "main.py", "MP208")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_caught_in_the_task(tmp_path, method):
    """limit=0: every call raises Abort, and leastsq catches it: the tasks return None."""
    root = fit_project(tmp_path, "solve(self.__residual, x)", "Abort")
    out = run_program(root / "main.py", method, cwd=root)
    assert_outcome(out, False, "", "[None, None]")
