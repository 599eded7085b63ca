"""A generator object an object makes by calling a generator method of its own (`self.readings = self._poll()` in
`__init__`) is state pickle, dill and cloudpickle refuse: TypeError: cannot pickle 'generator' object. dockerHDDM
#17 (an HDDMrl model as a joblib task argument) and #5 (p_tqdm workers returning the fitted model, dill),
fresh_libs12. Here a sensor class of another module, sent as a ProcessPoolExecutor task argument and returned from
a multiprocess (dill) pool. Near misses: a subclass overriding the method with a plain one, a class that lists the
generator at once, and a data attribute of a subclass whose base (same module) keeps the generator (not a bound
method: its object is not what is returned). Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program, skip_without

from test_semantic_crossmodule import findings, project

SENSORS = """
    import itertools


    class Sensor:
        def __init__(self, name):
            self.name = name
            self.readings = self._poll()

        def _poll(self):
            for tick in itertools.count():
                yield tick * 0.5


    class ListSensor(Sensor):
        def _poll(self):
            return [0.0, 0.5, 1.0]


    class TaggedSensor(Sensor):
        def tag(self):
            return "tagged:" + self.name


    class Probe:
        def __init__(self, name):
            self.name = name
            self.readings = list(self._poll())

        def _poll(self):
            yield 0.0
            yield 0.5
"""

ARGS = """
    from concurrent.futures import ProcessPoolExecutor

    from kit.sensors import {cls}


    def label(sensor):
        return sensor.name


    def main():
        with ProcessPoolExecutor(2) as ex:
            print("RESULT=%s" % ex.submit(label, {cls}("a")).result())


    if __name__ == "__main__":
        main()
"""

RESULTS = """
    import multiprocess

    from kit.sensors import Sensor, TaggedSensor


    def build(name):
        return {returned}


    def main():
        with multiprocess.Pool(2) as pool:
            print("RESULT=%s" % [str(r)[:8] for r in pool.map(build, ["a", "b"])])


    if __name__ == "__main__":
        main()
"""


def _project(tmp_path, script: str):
    return project(tmp_path, {"kit/__init__.py": "", "kit/sensors.py": SENSORS, "main.py": script}) / "main.py"


def test_an_object_keeping_its_own_generator_is_a_refused_task_argument(tmp_path):
    (finding,) = findings(_project(tmp_path, ARGS.format(cls="Sensor")), "MP203")
    assert "._poll()" in finding.message and "cannot pickle 'generator' object" in finding.message


@pytest.mark.parametrize("cls", ["ListSensor", "Probe"])
def test_an_overriding_plain_method_or_a_listed_generator_is_fine(tmp_path, cls):
    assert not findings(_project(tmp_path, ARGS.format(cls=cls)))


def test_dill_refuses_the_generator_in_a_returned_object(tmp_path):
    (finding,) = findings(_project(tmp_path, RESULTS.format(returned='Sensor(name)')), "MP207")
    assert "dill" in finding.message and "generator" in finding.message


@pytest.mark.parametrize("returned", ["Sensor(name).name", "TaggedSensor(name).name", "TaggedSensor(name).tag()"])
def test_what_the_object_holds_besides_the_generator_comes_back(tmp_path, returned):
    assert not findings(_project(tmp_path, RESULTS.format(returned=returned)))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_task_arguments(tmp_path, method):
    out = run_program(_project(tmp_path / "bad", ARGS.format(cls="Sensor")), method)
    assert out.returncode != 0 and "cannot pickle 'generator' object" in out.stderr, out.stderr
    for cls in ("ListSensor", "Probe"):
        out = run_program(_project(tmp_path / cls, ARGS.format(cls=cls)), method)
        assert out.returncode == 0 and "RESULT=a" in out.stdout, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_results_through_dill(tmp_path, method):
    skip_without("multiprocess")
    out = run_program(_project(tmp_path / "bad", RESULTS.format(returned="Sensor(name)")), method)
    assert out.returncode != 0 and "cannot pickle 'generator' object" in out.stderr, out.stderr
    out = run_program(_project(tmp_path / "ok", RESULTS.format(returned="TaggedSensor(name).name")), method)
    assert out.returncode == 0 and "RESULT=['a', 'b']" in out.stdout, out.stderr
