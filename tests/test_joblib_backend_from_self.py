"""`Parallel(backend=self.settings["backend"])` with `self.settings` the dict `__init__` was given: the backend is known
once every call site is (the walk is over). joblib's "multiprocessing" backend sends the tasks with plain pickle, which
refuses a nested function (joblib #389 / #166; fresh_libs2 joblib_mp_backend_settings_local_helper, run with joblib
under fork, spawn and forkserver: AttributeError: Can't pickle local object 'FeaturePipeline.run.<locals>.extract').
Loky (cloudpickle) or threads take it; a backend or n_jobs not known says nothing."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = '''
from joblib import Parallel, delayed

SETTINGS = {"n_jobs": {n_jobs}, "backend": "{backend}"}
{change}

class Pipeline:
    def __init__(self, settings):
        self.settings = settings

    def _runner(self):
        return Parallel(n_jobs=self.settings["n_jobs"], backend=self.settings["backend"])

    def run(self, items):
        scale = 2

        def work(x):
            return x * scale

        return self._runner()(delayed(work)(x) for x in items)


def main():
    print(Pipeline({passed}).run([1, 2, 3]))


if __name__ == "__main__":
    main()
'''


def mp201(backend: str, n_jobs: str = "2", change: str = "", passed: str = "SETTINGS") -> list:
    source = PROGRAM.replace("{backend}", backend).replace("{n_jobs}", n_jobs).replace("{change}", change) \
        .replace("{passed}", passed)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP201"]


def test_the_multiprocessing_backend_from_the_dict_init_was_given():
    found = mp201("multiprocessing")
    assert len(found) == 1
    assert "sent with pickle" in found[0].message and "work" in found[0].message


def test_a_dict_literal_passed_in_the_call():
    assert len(mp201("multiprocessing", passed='{"n_jobs": 2, "backend": "multiprocessing"}')) == 1


@pytest.mark.parametrize("backend, n_jobs, change, passed", [
    ("loky", "2", "", "SETTINGS"),  # cloudpickle takes the nested function
    ("threading", "2", "", "SETTINGS"),  # nothing crosses
    ("multiprocessing", "1", "", "SETTINGS"),  # runs in the parent
    ("multiprocessing", "2", 'SETTINGS["backend"] = "threading"', "SETTINGS"),  # a dict the program changes
    ("multiprocessing", "2", "", "load_settings()"),  # a dict not known
])
def test_near_misses(backend, n_jobs, change, passed):
    assert mp201(backend, n_jobs, change, passed) == []
