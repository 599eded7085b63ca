"""A method's condition on `self.attr` that only the constructor sets (semantic/bound_values): `if self.jobs >
1: Pool(...)` of an object built with `jobs=1` starts nothing, so a Pool task building it that way is no
daemonic parent (MP413 stays silent); any other store of the attribute, a subclass with its own `__init__`,
an object handed on before the call, keeps the finding. Also an item unpacked from the task's tuple argument
(`name, jobs = job` of `pool.map(work, [(n, 1) for n in names])`). Proven under fork, spawn and forkserver
(fresh_reports12 mbedos3258)."""
import pytest
from helpers import codes, run_program

from test_semantic_crossmodule import findings, project

TOOLS = """
    from multiprocessing import Pool


    def compile_one(source):
        return source.upper()


    class Toolchain:
        def __init__(self, target, jobs=1):
            self.target = target
            self.jobs = jobs

        def compile(self, sources):
            if self.jobs > 1:
                return self._parallel(sources)
            return [compile_one(s) for s in sources]

        def _parallel(self, sources):
            with Pool(self.jobs) as pool:
                return pool.map(compile_one, sources)
    EXTRA

    def build(sources, jobs=1):
        toolchain = Toolchain("k64f", jobs=jobs)
        return toolchain.compile(sources)
"""

MAIN = """
    from multiprocessing import Pool

    from kit.tools import build


    def worker(job):
        name, sources, jobs = job
        return name, build(sources, jobs=jobs)


    if __name__ == "__main__":
        with Pool(2) as pool:
            print("RESULT=%s" % sorted(pool.map(worker, [(n, ["a.c", "b.c"], JOBS) for n in ("t1", "t2")])))
"""


def _root(tmp_path, jobs, extra=""):
    tools = TOOLS.replace("EXTRA", extra.replace("\n", "\n    ") if extra else "")
    return project(tmp_path, {"kit/__init__.py": "", "kit/tools.py": tools, "main.py": MAIN.replace("JOBS", jobs)})


def test_jobs_one_starts_no_pool_in_the_worker(tmp_path):
    assert findings(_root(tmp_path, "1") / "main.py", "MP413") == []


def test_jobs_two_is_a_pool_in_a_pool_worker(tmp_path):
    assert len(findings(_root(tmp_path, "2") / "main.py", "MP413")) == 1


@pytest.mark.parametrize("extra", [
    # another store of the attribute: the value is no longer the constructor's
    "\ndef widen(self):\n    self.jobs = 8\n",
    # an augmented store
    "\ndef more(self):\n    self.jobs += 1\n",
    # setattr anywhere in the module
    "\ndef configure(self, key, value):\n    setattr(self, key, value)\n",
])
def test_other_stores_keep_the_finding(tmp_path, extra):
    assert len(findings(_root(tmp_path, "1", extra) / "main.py", "MP413")) == 1


SAME_MODULE = """
    from multiprocessing import Pool


    def square(x):
        return x * x


    class Runner:
        def __init__(self, jobs):
            self.jobs = jobs

        def run(self, items):
            if self.jobs > 1:
                with Pool(self.jobs) as pool:
                    return pool.map(square, items)
            return [square(i) for i in items]
    SUBCLASS

    def task(n):
        runner = MAKE
        USE
        return runner.run(range(n))


    if __name__ == "__main__":
        with Pool(2) as pool:
            print(pool.map(task, [3, 4]))
"""


def _same(make="Runner(1)", use="", subclass=""):
    return SAME_MODULE.replace("MAKE", make).replace("USE", use or "pass").replace("SUBCLASS", subclass)


def test_same_module_literal_one_is_silent():
    assert "MP413" not in codes(_same())


def test_same_module_literal_four_is_found():
    assert "MP413" in codes(_same("Runner(4)"))


def test_an_object_handed_on_may_be_changed():
    assert "MP413" in codes(_same(use="print(runner)"))


def test_a_subclass_with_its_own_init_is_unknown():
    sub = "\nclass Wide(Runner):\n    def __init__(self, jobs):\n        super().__init__(jobs * 4)\n"
    assert "MP413" in codes(_same("Wide(1)", subclass=sub.replace("\n", "\n    ")))


def test_a_subclass_without_init_runs_the_base_init():
    sub = "\nclass Plain(Runner):\n    pass\n"
    assert "MP413" not in codes(_same("Plain(1)", subclass=sub.replace("\n", "\n    ")))


def test_a_class_attribute_of_the_same_name_is_unknown():
    sub = "\nclass Other:\n    jobs = 4\n"
    assert "MP413" in codes(_same(subclass=sub.replace("\n", "\n    ")))


def test_a_constructor_argument_of_the_caller_is_followed():
    src = _same("Runner(jobs)").replace("def task(n):", "def task(n, jobs=1):")
    assert "MP413" not in codes(src)
    assert "MP413" in codes(src.replace("pool.map(task, [3, 4])", "pool.starmap(task, [(3, 2), (4, 2)])"))


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method, jobs):
    root = _root(tmp_path, jobs)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if jobs == "1":
        assert out.returncode == 0 and "RESULT=[('t1', ['A.C', 'B.C'])" in out.stdout, out.stderr
    else:
        assert "daemonic processes are not allowed to have children" in out.stderr, out.stderr


UNPACKED = """
    from multiprocessing import Pool


    def square(x):
        return x * x


    def work(job):
        name, jobs = job
        REBIND
        if jobs > 1:
            with Pool(jobs) as pool:
                return name, pool.map(square, range(4))
        return name, [square(i) for i in range(4)]


    def run(names):
        todo = [(n, JOBS) for n in names]
        with Pool(2) as pool:
            return pool.map(work, todo)


    if __name__ == "__main__":
        print(run(["a", "b"]))
"""


def _unpacked(jobs, rebind="pass"):
    return UNPACKED.replace("JOBS", jobs).replace("REBIND", rebind)


def test_an_item_unpacked_from_the_task_tuple():
    assert "MP413" not in codes(_unpacked("1"))
    assert "MP413" in codes(_unpacked("3"))


def test_an_unpacked_name_rebound_is_unknown():
    assert "MP413" in codes(_unpacked("1", "jobs = len(name) + 2"))


def test_an_edit_elsewhere_matches_a_full_analysis(monkeypatch):
    """A slice of the module may leave out another store of the attribute: the incremental analysis then
    answers as the full one (or leaves it to the full one)."""
    from mpguard.config import Settings
    from mpguard.linter import slicing
    from mpguard.linter.analyze import analyze
    from mpguard.linter.incremental import reanalyze
    import textwrap

    monkeypatch.setattr(slicing, "SLICE_LIMIT", 1.01)
    text = textwrap.dedent(_same()) + "\n\ndef widen(t):\n    pass\n"
    edited = text.replace("def widen(t):\n    pass", "def widen(t):\n    t.jobs = 8")
    state = analyze(text, "prog.py", Settings(), keep_state=True).state
    full = analyze(edited, "prog.py", Settings(), keep_state=True)
    fast = reanalyze(state, edited, Settings(), "prog.py")
    assert "MP413" in {f.code for f in full.findings}
    if fast is not None:
        assert sorted((f.code, f.start) for f in fast.findings) == sorted((f.code, f.start) for f in full.findings)



@pytest.mark.parametrize("before, after", [
    ("    def run(self, items):\n", "    def widen(self):\n        self.jobs = 8\n\n    def run(self, items):\n"),
    ("        return [square(i) for i in items]", "        self.jobs = 8\n        return [square(i) for i in items]"),
    ("        self.jobs = jobs", "        self.jobs = jobs * 4"),
    ("        self.jobs = jobs", "        self.jobs = self.clamp(jobs)\n\n    def clamp(self, jobs):\n        return 1"),
    ("        return [square(i) for i in items]", "        return [square(i) for i in list(items)]"),
])
def test_an_edit_inside_a_method_matches_a_full_analysis(monkeypatch, before, after):
    """The slice takes the attribute stores of the edited methods (and of methods naming them): a store the edit
    adds, changes or makes in another method is still re-checked everywhere the attribute is named."""
    from mpguard.config import Settings
    from mpguard.linter import slicing
    from mpguard.linter.analyze import analyze
    from mpguard.linter.incremental import reanalyze
    import textwrap

    monkeypatch.setattr(slicing, "SLICE_LIMIT", 1.01)
    text = textwrap.dedent(_same("Runner(1)"))
    assert before in text
    edited = text.replace(before, after, 1)
    state = analyze(text, "prog.py", Settings(), keep_state=True).state
    full = analyze(edited, "prog.py", Settings(), keep_state=True)
    fast = reanalyze(state, edited, Settings(), "prog.py")
    if fast is not None:
        assert sorted((f.code, f.start) for f in fast.findings) == sorted((f.code, f.start) for f in full.findings)
