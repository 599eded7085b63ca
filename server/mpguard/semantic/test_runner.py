"""The order in which a test runner calls a test module's functions: unittest's and pytest's implicit call sequence.

No statement of the module calls `setUpModule`, `setUpClass`, `setUp` or a `test_*` method: `unittest.main()` (or
pytest) does, in a fixed order. Module setup runs first, then for each class its class setup, and around each test
its setUp and tearDown; class teardown after the class's tests, module teardown last. Which class runs first, and
which of a class's tests, is the runner's choice (unittest sorts by name, pytest keeps the file's order), so two
tests, or the hooks of two classes, are not ordered here: only what every runner guarantees is."""
from __future__ import annotations

import ast

# (phase within the module, phase within a class or module-level test) of each hook's name
MODULE_SETUP = frozenset({"setUpModule", "setup_module"})
MODULE_TEARDOWN = frozenset({"tearDownModule", "teardown_module"})
CLASS_PHASES = {"setUpClass": 0, "setup_class": 0, "setUp": 1, "asyncSetUp": 1, "setup_method": 1,
                "tearDown": 3, "asyncTearDown": 3, "teardown_method": 3, "tearDownClass": 4, "teardown_class": 4}
FUNCTION_PHASES = {"setup_function": 1, "teardown_function": 3}  # pytest's, around each module-level test
TEST_PHASE = 2


class Runner:
    """Stands for the test runner as the caller of the module's test functions (rules ask "which common caller
    runs this first"); its positions are `phase` keys, compared with `runs_first`."""

    name = "the test runner"

    def __repr__(self) -> str:
        return "Runner()"


RUNNER = Runner()


def phase(func, owner) -> tuple | None:
    """Where the runner calls `func` (a test entry point; `owner` is its class, or None at module level):
    (0,) module setup, (2,) module teardown, (1, class, n) for a class's (or the module's own tests') hooks and
    tests, n ordering setUpClass < setUp < test < tearDown < tearDownClass. None for a name the runner does not
    call by itself."""
    name = getattr(func, "name", "")
    if owner is None or not isinstance(owner, ast.ClassDef):
        if name in MODULE_SETUP:
            return (0,)
        if name in MODULE_TEARDOWN:
            return (2,)
        phases = FUNCTION_PHASES
        owner = None
    else:
        phases = CLASS_PHASES
    if name in phases:
        return (1, owner, phases[name])
    if name.startswith("test"):
        return (1, owner, TEST_PHASE)
    return None


def runs_first(first: tuple, second: tuple) -> bool:
    """Does the runner always call the function at `first` before the one at `second`?"""
    if first[0] != second[0]:
        return first[0] < second[0]
    if first[0] != 1 or first[1] is not second[1]:
        return False  # two module hooks of one kind, or two classes: in the runner's order, not known here
    return first[2] < second[2]
