"""MP203 for an object of another module's class whose __init__ stores what a module-level function of that module
returns, a local whose value is certain though methods were called on it (fresh_realistic9 optbinning133:
`log = logging.Logger(name); log.addHandler(h); return log` stored in `self._class_logger`, an unregistered Logger
that pickle refuses). Also: a base class defined in that other module (`class OptimalBinning(BaseBinning)` there),
and the class reached through a dataclass field whose default names it (`binner_cls: type = OptimalBinning`,
called as `self.binner_cls(...)`). Near misses: the class drops the logger in `__getstate__`, a helper that may
return a registered logger (`logging.getLogger`) on one path, a helper whose end is not a `return`. Proven under
fork, spawn and forkserver."""
import sys

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

ESTIMATORS = """
    import logging


    def _quiet_logger(label):
        log = logging.Logger(label)
        log.addHandler(logging.NullHandler())
        log.setLevel(logging.WARNING)
        return log


    def _maybe_registered(label, shared=False):
        if shared:
            return logging.getLogger(label)
        return logging.Logger(label)


    def _logger_or_none(label):
        if label:
            log = logging.Logger(label)
            return log


    class Scaler:
        def __init__(self, column):
            self.column = column
            self._log = {maker}(f"scale.{{column}}")

        def fit(self, values):
            self.lo, self.hi = min(values), max(values)
            return self


    class MinMaxScaler(Scaler):
        pass


    class DroppingScaler(Scaler):
        def __getstate__(self):
            state = dict(self.__dict__)
            state["_log"] = None
            return state
"""

JOBS = """
    from dataclasses import dataclass
    from multiprocessing import Pool

    from prep.estimators import {cls}


    @dataclass
    class Plan:
        scaler_cls: type = {cls}

        def scalers(self, columns):
            return [self.scaler_cls(c) for c in columns]


    def fit(scaler):
        return scaler.column, scaler.fit([1.0, 5.0, 3.0]).hi


    if __name__ == "__main__":
        with Pool(2) as pool:
            print("RESULT=%s" % sorted(pool.map(fit, Plan().scalers(["a", "b"]))))
"""


def _project(tmp_path, cls="MinMaxScaler", maker="_quiet_logger"):
    return project(tmp_path, {"prep/__init__.py": "", "prep/estimators.py": ESTIMATORS.format(maker=maker),
                              "jobs.py": JOBS.format(cls=cls)})


def test_through_a_dataclass_field_and_a_base_of_the_other_module(tmp_path):
    found_ = findings(_project(tmp_path) / "jobs.py", "MP203")
    assert len(found_) == 1 and "what _quiet_logger() returns" in found_[0].message \
        and "logger cannot be pickled" in found_[0].message


@pytest.mark.parametrize("cls, maker", [("DroppingScaler", "_quiet_logger"), ("MinMaxScaler", "_maybe_registered"),
                                        ("MinMaxScaler", "_logger_or_none")])
def test_near_misses(tmp_path, cls, maker):
    assert findings(_project(tmp_path, cls, maker) / "jobs.py", "MP203") == []


SAME_MODULE = """
    import logging
    from multiprocessing import Pool


    def _make_logger(name):
        log = logging.Logger(name)
        log.propagate = False
        log.addHandler(logging.NullHandler())
        return {returned}


    class Worker:
        def __init__(self, name):
            self.name = name
            self.log = _make_logger(name)


    def run(w):
        return w.name


    if __name__ == "__main__":
        with Pool(2) as pool:
            print(pool.map(run, [Worker("a")]))
"""


def test_same_module_helper_returning_a_local():
    assert len(found(SAME_MODULE.format(returned="log"), "MP203")) == 1


def test_same_module_helper_returning_something_else():
    assert found(SAME_MODULE.format(returned="log.name"), "MP203") == []


def test_a_class_kept_in_a_dataclass_field_of_this_module():
    src = """
        import threading
        from dataclasses import dataclass
        from multiprocessing import Pool


        class Holder:
            def __init__(self, n):
                self.lock = threading.Lock()


        @dataclass
        class Factory:
            kind: type = Holder

            def make(self, n):
                return self.kind(n)


        def work(h):
            return 1


        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(work, [Factory().make(1)]))
    """
    assert len(found(src, "MP203")) == 1
    assert found(src.replace("self.lock = threading.Lock()", "self.n = n"), "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    if sys.platform == "win32":
        pytest.skip("needs fork")
    bad = _project(tmp_path / "bad")
    out = run_program(bad / "jobs.py", method, timeout=60, cwd=bad)
    assert out.returncode != 0 and "logger cannot be pickled" in out.stderr, out.stderr
    good = _project(tmp_path / "good", "DroppingScaler")
    out = run_program(good / "jobs.py", method, timeout=60, cwd=good)
    assert out.returncode == 0 and "RESULT=[('a', 5.0), ('b', 5.0)]" in out.stdout, out.stderr


def test_a_helper_result_stored_under_a_test_on_data_is_not_said_to_be_held(tmp_path):
    # uvicorn's Config.load(): `elif self.is_ssl: self.ssl = create_ssl_context(...)` / `else: self.ssl = None`
    estimators = ESTIMATORS.format(maker="_quiet_logger").replace(
        '            self._log = _quiet_logger(f"scale.{column}")\n',
        '            if column.startswith("debug"):\n'
        '                self._log = _quiet_logger(f"scale.{column}")\n'
        '            else:\n'
        '                self._log = None\n')
    assert "self._log = None" in estimators
    root = project(tmp_path, {"prep/__init__.py": "", "prep/estimators.py": estimators,
                              "jobs.py": JOBS.format(cls="MinMaxScaler")})
    assert findings(root / "jobs.py", "MP203") == []
