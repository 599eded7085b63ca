"""MP202 for what a Process subclass keeps in `self`: under spawn and forkserver `start()` pickles the process
object with its `__init__`'s stores, and an instance of a class defined under `if __name__ == "__main__":`
among them is unpickled by name in a child whose `__mp_main__` never ran that block (pymeasure #12,
fresh_realistic8: a Procedure subclass under the guard handed to a Worker process through a helper's
parameter). rules/imported_process.py (KEPT_KINDS), for a subclass of the checked module and of another."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, run_program
from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

WORKER = """
import multiprocessing


class Worker(BASE):
    def __init__(self, procedure, results):
        super().__init__()
        KEEP
        self.results = results

    def run(self):
        self.results.put(self.procedure.value * 2)
"""

DRIVER = """

def run_experiment(procedure):
    results = multiprocessing.Queue()
    worker = Worker(procedure, results)
    worker.start()
    print("value", results.get(timeout=10))
    worker.join()

OUTSIDE
if __name__ == "__main__":
INSIDE
    run_experiment(Procedure())
"""

CLASS = """
class Procedure:
    value = 21
"""


def program(keep="self.procedure = procedure", inside=True, outside=False, base="multiprocessing.Process"):
    text = (WORKER + DRIVER).replace("KEEP", keep).replace("BASE", base)
    text = text.replace("OUTSIDE\n", CLASS.lstrip("\n") + "\n" if outside else "")
    return text.replace("INSIDE\n", textwrap.indent(CLASS.strip("\n"), "    ") + "\n" if inside else "")


def mp202(src):
    return [f for f in analyze(src).findings if f.code == "MP202"]


def test_a_guard_class_kept_by_a_process_subclass_through_a_parameter():
    [finding] = mp202(program())
    assert finding.start.row == 18  # worker.start()
    assert set(finding.start_methods) == {"spawn", "forkserver"}
    assert "`Worker` is a Process subclass that keeps its argument `procedure`" in finding.message
    assert "Can't get attribute 'Procedure'" in finding.message \
        or "has no attribute 'Procedure'" in finding.message  # (3.14's words)


def test_the_fix_moves_the_class_above_the_guard():
    fixed, applied = fix_all(program(), lambda text: analyze(text).findings)
    assert applied and not mp202(fixed) and fixed.index("class Procedure") < fixed.index("if __name__")


@pytest.mark.parametrize("variant", [
    {"inside": False, "outside": True},                      # the class at module level
    {"outside": True},                                       # also bound above the guard: the child finds it
    {"keep": "self.procedure = None"},                       # the instance is not kept
    {"base": "multiprocessing.get_context('fork').Process"},  # a forked process object is not pickled
    {"keep": "self.procedure = procedure\n\n    def __reduce__(self):\n        return (dict, ())"},  # own pickling
])
def test_near_misses_stay_silent(variant):
    assert not mp202(program(**variant))


def test_a_process_subclass_of_another_module(tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "workers.py").write_text(WORKER.replace("KEEP", "self.procedure = procedure")
                                                 .replace("BASE", "multiprocessing.Process"))
    main = tmp_path / "main.py"
    driver = DRIVER.replace("OUTSIDE\n", "").replace("INSIDE\n", textwrap.indent(CLASS.strip("\n"), "    ") + "\n")
    main.write_text("import multiprocessing\nfrom kit.workers import Worker\n" + driver)
    found = [f for f in analyze_path(main, Settings(), project_root=tmp_path).findings if f.code == "MP202"]
    assert [f.start.row for f in found] == [8] and "(from kit.workers)" in found[0].message
    driver = DRIVER.replace("OUTSIDE\n", CLASS.lstrip("\n")).replace("INSIDE\n", "")
    main.write_text("import multiprocessing\nfrom kit.workers import Worker\n" + driver)
    assert not [f for f in analyze_path(main, Settings(), project_root=tmp_path).findings if f.code == "MP202"]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("under_guard", [True, False])
def test_runtime(tmp_path, method, under_guard):
    path = tmp_path / "experiment.py"
    path.write_text(program(inside=under_guard, outside=not under_guard))
    out = run_program(path, method, timeout=60)
    fails = under_guard and method != "fork"
    assert_outcome(out, fails, ("Can't get attribute 'Procedure'", "has no attribute 'Procedure'"), "value 42")
