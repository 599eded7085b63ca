"""MP302 for a global of another project module that the parent sets through its setter, read by the tasks a
method of a third module's class hands to its pool: a plain method call on the object, or the `__iter__` a `for`
over it runs (chemprop #115: `features.set_extra_atom_fdim(...)`, then `for batch in MoleculeDataLoader(...)`
whose `__iter__` maps the featurizer on a Pool; fresh_reports24 chemprop115_train_loader_workers). The methods
are read from the class's module (rules/module_state._Reader), a base's method too; whether the method starts
its pool is judged by what the object was built with (semantic/receiver_attributes). Proven under fork, spawn
and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

UNITS = """
    SCALE = 1


    def set_scale(value):
        global SCALE
        SCALE = value


    def scaled(n):
        return n * SCALE
"""

BATCHES = """
    from concurrent.futures import ProcessPoolExecutor

    from lab import units


    def _convert(n):
        return units.scaled(n)


    class Base:
        def convert_all(self, items):
            if self.workers == 0:
                return [_convert(n) for n in items]
            with ProcessPoolExecutor(self.workers) as ex:
                return list(ex.map(_convert, items))


    class Batches(Base):
        def __init__(self, items, workers=2):
            self.items = items
            self.workers = workers

        def __iter__(self):
            return iter(self.convert_all(self.items))
"""

MAIN = """
    from lab import units
    from lab.batches import Batches


    def run(workers):
        units.set_scale(10)
        batches = Batches([1, 2, 3], workers=workers)
        USE
        print("OUT=%s" % out)


    if __name__ == "__main__":
        run(WORKERS)
"""

LOOP = "out = [n for n in batches]"
CALL = "out = batches.convert_all([1, 2, 3])"


def _root(tmp_path, use, workers="2"):
    return project(tmp_path, {"lab/__init__.py": "", "lab/units.py": UNITS, "lab/batches.py": BATCHES,
                              "main.py": MAIN.replace("USE", use).replace("WORKERS", workers)})


@pytest.mark.parametrize("use", [LOOP, CALL])
def test_the_tasks_of_another_modules_method_read_the_global_the_parent_set(tmp_path, use):
    (finding,) = findings(_root(tmp_path, use) / "main.py", "MP302")
    assert finding.start.row == 7 and set(finding.start_methods) == {"spawn", "forkserver"}


@pytest.mark.parametrize("use", [LOOP, CALL])
def test_an_object_built_without_workers_converts_in_process(tmp_path, use):
    assert findings(_root(tmp_path, use, "0") / "main.py", "MP302") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    out = run_program(_root(tmp_path, LOOP) / "main.py", method, timeout=60, cwd=tmp_path)
    expected = "OUT=[10, 20, 30]" if method == "fork" else "OUT=[1, 2, 3]"
    assert out.returncode == 0 and expected in out.stdout, out.stderr
