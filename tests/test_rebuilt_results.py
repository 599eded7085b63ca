"""MP207 for a task result of an int/str/... subclass whose __new__ needs more than the one value pickle rebuilds it
with (cogent3 #75, fresh_reports17 cogent3_75: `self.not_completed(...)`, a class attribute the app's subclass sets
to NotCompletedResult, returned by the `__call__` the app inherits from another module). pickle reduces the object
to `copyreg.__newobj__(cls, *obj.__getnewargs__())`, and int's __getnewargs__ gives `(int(self),)`: the parent calls
`cls.__new__(cls, value)` and gets TypeError (an executor breaks). Near misses that stay silent: the class hands its
arguments back (`__getnewargs_ex__`, `__reduce__`), a __new__ whose extra arguments have defaults. Proven under fork,
spawn and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

TASK = """
    from concurrent.futures import ProcessPoolExecutor


    class Flagged({base}):
        def __new__(cls, value, {extra}):
            made = {base}.__new__(cls, value)
            made.reason = reason
            return made
    {own}

    def grade(x):
        if x < 0:
            return Flagged({args})
        return x


    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as ex:
            print("RESULT=%s" % list(ex.map(grade, [1, -1])))
"""


def task(base="int", extra="reason", args="x, 'negative'", own=""):
    return TASK.replace("{base}", base).replace("{extra}", extra).replace("{args}", args).replace("{own}", own)


HAZARDS = {"int": (task(), "missing 1 required positional argument: 'reason'"),
           "str keyword-only": (task("str", "*, reason", "str(x), reason='negative'"),
                                "missing 1 required keyword-only argument: 'reason'")}
SILENT = {"getnewargs_ex": task(own="\n        def __getnewargs_ex__(self):\n            return (int(self), self.reason), {}\n"),
          "reduce": task(own="\n        def __reduce__(self):\n            return (Flagged, (int(self), self.reason))\n"),
          "default": task(extra="reason=None")}


@pytest.mark.parametrize("name", sorted(HAZARDS))
def test_a_returned_subclass_pickle_cannot_rebuild(name):
    program, error = HAZARDS[name]
    (finding,) = found(program, "MP207")
    assert finding.start.row == 14 and error in finding.message


@pytest.mark.parametrize("name", sorted(SILENT))
def test_near_misses(name):
    assert found(SILENT[name], "MP207") == []


STEPS = """
    class Step:
        failure = None

        def __init__(self, label):
            self.label = label

        def run(self, item):
            raise NotImplementedError

        def __call__(self, item):
            try:
                return self.run(item)
            except KeyError as err:
                return self.failure(str(err), step=self.label)
"""

OUTCOMES = """
    class Skipped(str):
        def __new__(cls, text, *, step):
            made = str.__new__(cls, text)
            made.step = step
            return made
"""

FIXED_OUTCOMES = OUTCOMES + """
        def __getnewargs_ex__(self):
            return (str(self),), {"step": self.step}
"""

MAIN = """
    from concurrent.futures import ProcessPoolExecutor

    from kit.outcomes import Skipped
    from kit.steps import Step

    TABLE = {"a": 1, "b": 2}


    class Lookup(Step):
        failure = Skipped

        def run(self, item):
            return TABLE[item]


    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as ex:
            print("RESULT=%s" % [str(r) for r in ex.map(Lookup("lookup"), ["a", "z"])])
"""


def _kit(root, outcomes=OUTCOMES):
    return project(root, {"kit/__init__.py": "", "kit/steps.py": STEPS, "kit/outcomes.py": outcomes, "main.py": MAIN})


def test_a_class_attribute_returned_by_an_inherited_call(tmp_path):
    (finding,) = findings(_kit(tmp_path) / "main.py", "MP207")
    assert finding.start.row == 19 and "missing 1 required keyword-only argument: 'step'" in finding.message
    assert findings(_kit(tmp_path / "fixed", FIXED_OUTCOMES) / "main.py", "MP207") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    cases = {**{name: (program, error) for name, (program, error) in HAZARDS.items()},
             **{name: (program, None) for name, program in SILENT.items()}}
    for at, (name, (program, error)) in enumerate(sorted(cases.items())):
        root = project(tmp_path / str(at), {"main.py": program})
        out = run_program(root / "main.py", method, timeout=60, cwd=root)
        if error is None:
            assert "RESULT=[1, " in out.stdout, (name, out.stderr)
        else:  # (the parent's result reader fails: the executor breaks, the TypeError printed or not)
            assert "RESULT=" not in out.stdout and ("BrokenProcessPool" in out.stderr or error in out.stderr), \
                (name, out.stderr)
    out = run_program(_kit(tmp_path / "kit") / "main.py", method, timeout=60, cwd=tmp_path / "kit")
    assert "RESULT=" not in out.stdout and "BrokenProcessPool" in out.stderr, out.stderr
    fixed = _kit(tmp_path / "fixed", FIXED_OUTCOMES)
    out = run_program(fixed / "main.py", method, timeout=60, cwd=fixed)
    assert "RESULT=['1', \"'z'\"]" in out.stdout, out.stderr
