"""A start reachable only under a condition on a field of a dataclass (`if self.workers > 1:` in a method), judged
by what the construction gave the field (semantic/dataclass_init: the `__init__` `@dataclass` writes stores each
field from its parameter), and a caller's argument known through the flow (semantic/resolved_arguments: a settings
object's field, its default read through argparse). workbench #570's work-round (fresh_libs16
workbench570_feature_ingest_single_process): sagemaker's IngestionManagerPandas(max_processes=1) never builds its
Pool, whose initializer is a local function. Proven under fork, spawn and forkserver below."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

LIBRARY = """
    import signal
    from dataclasses import dataclass, field
    from multiprocessing import Pool


    def _square(n):
        return n * n


    @dataclass
    class Batcher:
        label: str
        workers: int = 1
        _pool: object = field(default=None, repr=False)

        def run(self, items):
            if self.workers <= 1:
                return [_square(i) for i in items]
            return self._fan_out(items)

        def _fan_out(self, items):
            def quiet():
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            self._pool = Pool(self.workers, initializer=quiet)
            try:
                return self._pool.map(_square, items)
            finally:
                self._pool.close()
                self._pool.join()


    def crunch(items, workers=1):
        batcher = Batcher("crunch", workers=workers)
        return batcher.run(items)
"""

# the library's function called with a literal or the parameter's default
DIRECT = """
    from calc.batch import crunch

    def main():
        print("OUT=%s" % sum(crunch([1, 2, 3]ARGS)))

    if __name__ == "__main__":
        main()
"""

# the caller's argument is a settings object's field (itself a dataclass), its default read through argparse
SETTINGS = """
    import argparse
    from dataclasses import dataclass

    from calc.batch import crunch


    @dataclass
    class Options:
        name: str = "job"
        processes: int = COUNT


    class Job:
        def __init__(self, options):
            self.options = options

        def execute(self, items):
            return crunch(items, workers=self.options.processes)


    def main():
        parser = argparse.ArgumentParser()
        parser.add_argument("--processes", type=int, default=Options.processes)
        args = parser.parse_args()
        job = Job(Options(processes=args.processes))
        print("OUT=%s" % sum(job.execute([1, 2, 3])))


    if __name__ == "__main__":
        main()
"""

# the method called on an object of the dataclass made in the script (the receiver's constructor argument), of a
# library without `crunch`
CLASS_ONLY = LIBRARY[:LIBRARY.index("    def crunch")]
RECEIVER = """
    from calc.batch import Batcher

    def main():
        batcher = Batcher(MADE)
        print("OUT=%s" % sum(batcher.run([1, 2, 3])))

    if __name__ == "__main__":
        main()
"""


def _found(tmp_path, script, library=None):
    library = library or (CLASS_ONLY if "Batcher(" in script else LIBRARY)
    root = project(tmp_path, {"calc/__init__.py": "", "calc/batch.py": library, "main.py": script})
    return [f.code for f in findings(root / "main.py") if f.code.startswith("MP2")]


@pytest.mark.parametrize("script", [
    DIRECT.replace("ARGS", ""),
    DIRECT.replace("ARGS", ", workers=1"),
    DIRECT.replace("ARGS", ", 0"),
    SETTINGS.replace("COUNT", "1"),
    RECEIVER.replace("MADE", '"b"'),
    RECEIVER.replace("MADE", '"b", workers=1'),
])
def test_a_dataclass_built_not_to_start_processes(tmp_path, script):
    assert _found(tmp_path, script) == []


@pytest.mark.parametrize("script", [
    DIRECT.replace("ARGS", ", workers=4"),
    SETTINGS.replace("COUNT", "3"),
    RECEIVER.replace("MADE", '"b", workers=2'),
    RECEIVER.replace("MADE", '"b", 2'),
])
def test_a_dataclass_that_may_start_them(tmp_path, script):
    assert "MP201" in _found(tmp_path, script)


@pytest.mark.parametrize("library", [
    LIBRARY.replace("            if self.workers <= 1:", "            self.workers = 8\n            if self.workers <= 1:"),
    LIBRARY.replace("@dataclass\n", "@dataclass(init=False)\n").replace(
        "    _pool: object = field(default=None, repr=False)\n",
        "    _pool: object = field(default=None, repr=False)\n\n"
        "        def __init__(self, label, workers=1):\n            self.label, self.workers = label, 4\n"),
])
def test_a_field_not_fixed_by_the_generated_constructor_keeps_the_finding(tmp_path, library):
    """The module stores the field elsewhere; an own `__init__` (not generated) that does not store the parameter:
    whether the Pool is made is not known from the construction."""
    assert "MP201" in _found(tmp_path, DIRECT.replace("ARGS", ""), library)
    assert "MP201" in _found(tmp_path / "receiver", RECEIVER.replace("MADE", '"b"'),
                             library[:library.index("    def crunch")])


ONE = SETTINGS.replace("COUNT", "1")


@pytest.mark.parametrize("script", [
    # another construction whose value is not known: the flow's union would keep only the known literal
    ONE.replace("        job = Job(", "        Job(Options(processes=len(sys.argv))).execute([0])\n        job = Job("),
    # the field changed after the construction
    ONE.replace("        job = Job(Options(processes=args.processes))\n",
                "        job = Job(Options(processes=args.processes))\n        job.options.processes = 4\n"),
    # the class handed on: made elsewhere too, with arguments not known here
    ONE.replace("        job = Job(", "        makers = [Job]\n        job = Job("),
])
def test_a_caller_value_not_surely_one_literal_keeps_the_finding(tmp_path, script):
    """(The method handed on as a callback would not matter: `self.options` is what the constructions gave.)"""
    script = script.replace("import argparse", "import argparse\n    import sys")
    assert "MP201" in _found(tmp_path, script)


def test_a_default_that_is_no_literal_keeps_the_finding(tmp_path):
    library = CLASS_ONLY.replace("    workers: int = 1\n", "    workers: int = field(default_factory=lambda: 1)\n")
    assert "MP201" in _found(tmp_path, RECEIVER.replace("MADE", '"b"'), library)
    assert _found(tmp_path / "given", RECEIVER.replace("MADE", '"b", workers=1'), library) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    files = {"calc/__init__.py": "", "calc/batch.py": LIBRARY}
    root = project(tmp_path / "one", {**files, "main.py": SETTINGS.replace("COUNT", "1")})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode == 0 and "OUT=14" in out.stdout, out.stderr
    root = project(tmp_path / "three", {**files, "main.py": SETTINGS.replace("COUNT", "3")})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "OUT=14" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and "Can't pickle local object" in out.stderr, out.stderr


def _init(src):
    import ast
    import textwrap as tw

    from mpguard.semantic.dataclass_init import generated_init
    init = generated_init(ast.parse(tw.dedent(src)).body[-1])
    if init is None:
        return None
    a = init.args
    return ([p.arg for p in a.args], [ast.unparse(d) for d in a.defaults], [p.arg for p in a.kwonlyargs],
            [s.targets[0].attr for s in init.body if isinstance(s, ast.Assign)])


def test_the_generated_constructor_follows_the_fields():
    assert _init("""
        import dataclasses
        from dataclasses import KW_ONLY, InitVar, field
        from typing import ClassVar
        @dataclasses.dataclass(frozen=True)
        class C:
            a: int
            b: int = 2
            seen: ClassVar[int] = 0
            c: list = field(default_factory=list)
            d: int = field(default=4, init=False)
            e: InitVar[int] = 5
            _: KW_ONLY
            f: str = "x"
    """) == (["self", "a", "b", "c", "e"], ["2", "list()", "5"], ["f"], ["a", "b", "c", "f"])


@pytest.mark.parametrize("src", [
    "class C:\n    a: int = 1",  # not a dataclass
    "@dataclass(init=False)\nclass C:\n    a: int = 1",
    "@dataclass\nclass C(Base):\n    a: int = 1",  # a base's fields come first
    "@dataclass\nclass C:\n    a: int = 1\n    def __init__(self):\n        self.a = 2",
    "@dataclass\nclass C:\n    a: int = field(*opts)",
    "@dataclass\nclass C:\n    a: int = 1\n    b: int",  # cannot be made
])
def test_no_generated_constructor_is_claimed(src):
    assert _init(src) is None
