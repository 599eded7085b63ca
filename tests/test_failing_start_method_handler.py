"""MP401 when the RuntimeError of a late set_start_method() is caught by a handler that fails itself unless the method
already fixed is the one asked for (semantic/failing_handlers), and through a method a subclass of this module inherits
from another project module's class (semantic/calls: the inherited method is that module's; linter/summaries:
`setting` of "Class.method", `setting_via`, `setting_failing`): allenai/dolma #58, fresh_reports25 dolma58_*. Near
misses: a handler that goes on, a check that every method passes, a subclass that overrides the method on the way.
Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

from test_semantic_crossmodule import findings, project

SAME_MODULE = """
    import multiprocessing


    def square(x):
        return x * x


    def warm_up():
        with multiprocessing.Pool(2) as pool:
            return pool.map(square, range(3))


    def main():
        warm_up()
        try:
            multiprocessing.set_start_method("spawn")
        except RuntimeError:
            HANDLER
        with multiprocessing.Pool(2) as pool:
            print("RESULT", pool.map(square, range(3)))


    if __name__ == "__main__":
        main()
"""


def program(handler: str) -> str:
    return textwrap.dedent(SAME_MODULE).replace("HANDLER", handler)


@pytest.mark.parametrize("handler, methods", [
    ('assert multiprocessing.get_start_method() == "spawn", "needs spawn"', {"fork", "forkserver"}),
    ('if multiprocessing.get_start_method() != "spawn":\n            raise SystemExit("needs spawn")',
     {"fork", "forkserver"}),
    ("raise", {"fork", "spawn", "forkserver"}),
])
def test_a_handler_that_fails_itself(handler, methods):
    [finding] = found(program(handler), "MP401")
    assert finding.start.row == 17 and finding.start_methods == methods


@pytest.mark.parametrize("handler", [
    "pass",
    'print("keeping", multiprocessing.get_start_method())',
    'assert multiprocessing.get_start_method() in ("fork", "spawn", "forkserver")',
])
def test_a_handler_that_goes_on(handler):
    assert found(program(handler), "MP401") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "late.py"
    path.write_text(program('assert multiprocessing.get_start_method() == "spawn", "needs spawn"'))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, method != "spawn", "AssertionError: needs spawn", "RESULT [0, 1, 4]")
    if method != "spawn":
        assert "context has already been set" in out.stderr


LIBRARY = """
    import multiprocessing


    class Runner:
        def __init__(self, workers=2):
            self.workers = workers

        def _prepare(self):
            try:
                multiprocessing.set_start_method("forkserver")
            except RuntimeError:
                if multiprocessing.get_start_method() != "forkserver":
                    raise

        def run(self, items):
            self._prepare()
            with multiprocessing.Pool(self.workers) as pool:
                return pool.map(self.step, items)

        def step(self, item):
            return item

        def __call__(self, items):
            return self.run(items)


    class ContextRunner(Runner):
        def _prepare(self):
            self.context = multiprocessing.get_context("forkserver")
"""

SCRIPT = """
    import multiprocessing

    from kit.runner import BASE


    class Doubler(BASE):
        def step(self, item):
            return item * 2


    def collect():
        results = multiprocessing.Queue()
        results.put(1)
        return results.get()


    def main():
        collect()
        return CALL


    if __name__ == "__main__":
        print(main())
"""


@pytest.mark.parametrize("call", ["Doubler(3).run([1, 2])", "Doubler()([1, 2])"])
def test_a_method_inherited_from_another_modules_class(tmp_path, call):
    script = SCRIPT.replace("BASE", "Runner").replace("CALL", call)
    root = project(tmp_path, {"kit/__init__.py": "", "kit/runner.py": LIBRARY, "main.py": script})
    [finding] = findings(root / "main.py", "MP401")
    assert finding.start_methods == {"fork", "spawn"} and "Runner." in finding.message


def test_an_object_of_the_other_modules_class(tmp_path):
    script = SCRIPT.replace("from kit.runner import BASE", "from kit import runner").replace(
        "CALL", "runner.Runner(2).run([1, 2])")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/runner.py": LIBRARY, "main.py": script})
    [finding] = findings(root / "main.py", "MP401")
    assert finding.start_methods == {"fork", "spawn"}


@pytest.mark.parametrize("base, extra", [
    ("ContextRunner", ""),  # the library's subclass overrides _prepare
    ("Runner", "\n    def _prepare(self):\n        pass\n"),  # the script's subclass does
])
def test_an_override_on_the_way_is_silent(tmp_path, base, extra):
    script = textwrap.dedent(SCRIPT).replace("BASE", base).replace("CALL", "Doubler(3).run([1, 2])").replace(
        "        return item * 2\n", "        return item * 2\n" + extra)
    root = project(tmp_path, {"kit/__init__.py": "", "kit/runner.py": LIBRARY, "main.py": script})
    assert findings(root / "main.py", "MP401") == []
