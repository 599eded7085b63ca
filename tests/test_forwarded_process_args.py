"""What a Process subclass's `__init__` hands on to `multiprocessing.Process.__init__`, which keeps it in `self`
(`_target`, `_args`, `_kwargs`): `super().__init__(*args, **kwargs)` forwards the caller's `target=`,
`super().__init__(target=fn)` the parameter `fn`. Under spawn and forkserver `start()` pickles the object with it:
a function defined inside a test method, or a lambda, fails (tinypilot #1343, fresh_reports20
tinypilot1343_write_test_local_targets: `ProcessWithResult(target=target)` in unittest methods, the subclass
imported). rules/imported_process.forwarded_parameters, for a subclass of another module and of this one. Near
misses: a module-level target, an __init__ that does not forward the keywords, one that rebinds them, a class whose
first base is not a Process. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, found, run_program

from test_semantic_crossmodule import findings, project

RUNNER = """
    import multiprocessing


    class Relay(multiprocessing.Process):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.outbox = multiprocessing.SimpleQueue()

        def run(self):
            self.outbox.put(self._target(*self._args))


    class Named(multiprocessing.Process):
        def __init__(self, fn, label):
            super().__init__(target=fn, name=label)


    class Dropping(multiprocessing.Process):
        def __init__(self, **kwargs):
            super().__init__(daemon=True)
            self.given = sorted(kwargs)


    class Base:
        def __init__(self, **kwargs):
            self.given = sorted(kwargs)


    class NotProcess(Base):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
"""

SUITE = """
    import sys
    import unittest

    from kit.runner import CLASS


    def doubled(x):
        return 2 * x


    class RelayTest(unittest.TestCase):
        def test_relay(self):
            def halved(x):
                return x // 2

            proc = MAKE
            proc.start()
            proc.join(30)
            self.assertEqual(proc.exitcode, 0)


    if __name__ == "__main__":
        result = unittest.TextTestRunner(stream=sys.stderr).run(
            unittest.defaultTestLoader.loadTestsFromTestCase(RelayTest))
        print("RESULT=%d" % result.testsRun if result.wasSuccessful() else "RESULT=failed")
        sys.exit(0 if result.wasSuccessful() else 1)
"""

HAZARDS = {"local": ("Relay", "Relay(target=halved, args=(8,))"),
           "lambda": ("Named", "Named(lambda: 3, 'lam')"),
           "local-named": ("Named", "Named(halved, 'half')")}
QUIET = {"module": ("Relay", "Relay(target=doubled, args=(8,))"),
         "dropped": ("Dropping", "Dropping(target=halved)"),
         "not-process": ("NotProcess", "NotProcess(target=halved)")}


def files(cls, make):
    return {"kit/__init__.py": "", "kit/runner.py": RUNNER,
            "test_relay.py": SUITE.replace("CLASS", cls).replace("MAKE", make)}


@pytest.mark.parametrize("name", sorted(HAZARDS))
def test_an_imported_subclass_given_a_local_target(tmp_path, name):
    [finding] = findings(project(tmp_path, files(*HAZARDS[name])) / "test_relay.py", "MP201")
    assert "Process subclass" in finding.message and set(finding.start_methods) == {"spawn", "forkserver"}


@pytest.mark.parametrize("name", sorted(QUIET))
def test_near_misses(tmp_path, name):
    assert findings(project(tmp_path, files(*QUIET[name])) / "test_relay.py", "MP201") == []


ONE_MODULE = textwrap.dedent(RUNNER) + textwrap.dedent(SUITE).replace("from kit.runner import CLASS\n", "")


def test_a_subclass_of_this_module():
    [finding] = found(ONE_MODULE.replace("MAKE", "Relay(target=halved, args=(8,))"), "MP201")
    assert "`Relay` is a Process subclass" in finding.message
    assert found(ONE_MODULE.replace("MAKE", "Relay(target=doubled, args=(8,))"), "MP201") == []
    rebinding = ONE_MODULE.replace("super().__init__(*args, **kwargs)",
                                   "kwargs = {}\n        super().__init__(*args, **kwargs)")
    assert found(rebinding.replace("MAKE", "Relay(target=halved, args=(8,))"), "MP201") == []


LOCAL_ERRORS = ("Can't pickle local object", "Can't get local object", "local object")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", ["local", "module", "dropped"])
def test_runtime(tmp_path, method, name):
    cls, make = {**HAZARDS, **QUIET}[name]
    root = project(tmp_path, files(cls, make))
    out = run_program(root / "test_relay.py", method, cwd=root)
    fails = name == "local" and method != "fork"
    if fails:
        assert out.returncode != 0 and any(w in out.stderr for w in LOCAL_ERRORS), out.stderr
    else:
        assert_outcome(out, False, None, "RESULT=1")
