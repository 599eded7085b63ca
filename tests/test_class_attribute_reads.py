"""MP302 for a class attribute the parent sets at run time and a child reads through an instance: `self.scale` in a
method of `Meter` reads `Meter.scale` when no instance ever gets an attribute of that name, and a write through a
class-valued class attribute (`Station.meter_class.scale = v`, the attribute holding `Meter`) sets it (stefuna #15,
fresh_reports17 stefuna15: `Server.worker_class.config = worker_config` read as `self.config` by spawned workers).
A spawned child re-imports the module: the instance it makes, or the one pickled to it (pickle copies the
instance's __dict__, never its class's attributes), reads the import-time value. Near misses: the value kept on
the instance, a subclass that defines the name again, a dataclass field, a pool initializer that sets the class
attribute in each worker, a class attribute that may hold two classes. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

# The instance is made in the child (the task builds it), and reads `self.scale`.
MADE_IN_CHILD = """
    import multiprocessing as mp


    class Meter:
        scale = None

        def reading(self, raw):
            return self.scale["factor"] * raw


    def measure(raw):
        return Meter().reading(raw)


    def main():
        Meter.scale = {"factor": 3}
        with mp.Pool(2) as pool:
            print("RESULT=%s" % pool.map(measure, [1, 2]))


    if __name__ == "__main__":
        main()
"""

# The class is reached through a class-valued class attribute, and the instance is pickled to the child (its
# bound method is the task).
THROUGH_HOLDER = """
    import multiprocessing as mp


    class Meter:
        scale = None

        def reading(self, raw):
            return self.scale["factor"] * raw


    class Station:
        meter_class = None

        def __init__(self, scale):
            Station.meter_class.scale = scale
            self.meter = Station.meter_class()

        def collect(self, raws):
            with mp.Pool(2) as pool:
                return pool.map(self.meter.reading, raws)


    def main():
        Station.meter_class = Meter
        print("RESULT=%s" % Station({"factor": 3}).collect([1, 2]))


    if __name__ == "__main__":
        main()
"""

NEAR_MISSES = {
    # the value kept on the instance: pickled with it
    "instance": MADE_IN_CHILD.replace("        def reading(self, raw):",
                                      "        def __init__(self, scale=None):\n"
                                      "            self.scale = scale or {\"factor\": 3}\n\n"
                                      "        def reading(self, raw):"),
    # the class the child uses defines the name again: the parent's write is not what it reads
    "subclass": MADE_IN_CHILD.replace("    def measure(raw):\n        return Meter().reading(raw)",
                                      "    class FixedMeter(Meter):\n        scale = {\"factor\": 3}\n\n\n"
                                      "    def measure(raw):\n        return FixedMeter().reading(raw)"),
    # each worker sets the class attribute itself from what the pool hands it
    "initializer": MADE_IN_CHILD.replace("    def main():",
                                         "    def setup(scale):\n        Meter.scale = scale\n\n\n    def main():")
                                .replace("mp.Pool(2)", "mp.Pool(2, initializer=setup, initargs=({\"factor\": 3},))"),
}

# Silent because the model cannot tell (not run: the value is unknown, not absent).
UNKNOWN = {
    "dataclass": MADE_IN_CHILD.replace("    class Meter:\n        scale = None",
                                       "    import dataclasses\n\n\n    @dataclasses.dataclass\n"
                                       "    class Meter:\n        scale: dict = None"),
    "two classes": THROUGH_HOLDER.replace("        Station.meter_class = Meter",
                                          "        Station.meter_class = Meter if __doc__ else Other")
                                 .replace("    class Station:", "    class Other(Meter):\n        pass\n\n\n"
                                          "    class Station:"),
    "setattr": MADE_IN_CHILD.replace("        return Meter().reading(raw)",
                                     "        meter = Meter()\n        setattr(meter, 'scale', {'factor': 3})\n"
                                     "        return meter.reading(raw)"),
}


@pytest.mark.parametrize("program", [MADE_IN_CHILD, THROUGH_HOLDER])
def test_hazard_found_at_the_write(program):
    findings = found(textwrap.dedent(program), "MP302")
    assert len(findings) == 1
    assert "scale" in findings[0].message


def test_through_holder_names_the_class():
    [finding] = found(textwrap.dedent(THROUGH_HOLDER), "MP302")
    assert "`Station.meter_class.scale` (the class attribute `Meter.scale`)" in finding.message


@pytest.mark.parametrize("name", sorted(NEAR_MISSES) + sorted(UNKNOWN))
def test_near_misses_silent(name):
    program = {**NEAR_MISSES, **UNKNOWN}[name]
    assert found(textwrap.dedent(program), "MP302") == []


NONE_ERROR = "'NoneType' object is not subscriptable"


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, program, fails in [("made", MADE_IN_CHILD, method != "fork"),
                                 ("holder", THROUGH_HOLDER, method != "fork"),
                                 *[(f"near{i}", p, False) for i, p in enumerate(NEAR_MISSES.values())]]:
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(program))
        out = run_program(path, method, cwd=tmp_path)
        assert_outcome(out, fails, NONE_ERROR, "RESULT=[3, 6]")
