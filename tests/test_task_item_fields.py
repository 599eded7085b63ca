"""A Pool task that hands a field of its item on to a helper which starts a pool unless that field is 1
(`parallel_map(..., processors=test.processors)`): the items' dataclass fields decide whether the task
starts processes inside the daemonic worker (MP413). nolitsa #1, fresh_realistic8's near miss: every item
keeps the class's default `processors = 1`, so nothing starts (semantic/record_fields, param_guards)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import codes, run_program
from mpguard.linter.settings import Settings
from mpguard.linter.files import analyze_path

from test_semantic_crossmodule import findings, project

PARALLEL = """
    from multiprocessing import Pool

    def parallel_map(func, values, processors=None):
        if processors == 1:
            return [func(value) for value in values]
        with Pool(processes=processors) as pool:
            return pool.map(func, values)
"""

MAIN = """
    import sys
    from dataclasses import dataclass
    from multiprocessing import Pool

    from kit.parallel import parallel_map


    @dataclass
    class Job:
        name: str
        size: int = 3
        processors: int = {default}


    def square(x):
        return x * x


    def run_job(job):
        {before}
        return job.name, sum(parallel_map(square, range(job.size), processors=job.processors))


    def main():
        jobs = [Job("a"), Job({second})]
        {after}
        with Pool(2) as pool:
            print(pool.map(run_job, jobs))
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""

CASES = {  # name -> (format fields, starts processes in a worker)
    "default_one": (dict(default=1, second='"b"', before="pass", after="pass"), False),
    "explicit_one": (dict(default=4, second='"b", processors=1', before="pass", after="pass"), True),
    "all_explicit_one": (dict(default=4, second='"b", processors=1', before="pass",
                              after="jobs[0] = Job('c', processors=1)"), True),  # (the list changes: unknown)
    "an_item_sets_two": (dict(default=1, second='"b", processors=2', before="pass", after="pass"), True),
    "default_two": (dict(default=2, second='"b"', before="pass", after="pass"), True),
    "task_changes_it": (dict(default=1, second='"b"', before="job.processors = 2", after="pass"), True),
    "item_added": (dict(default=1, second='"b"', before="pass", after="jobs.append(Job('c', processors=3))"), True),
    "unknown_value": (dict(default=1, second='"b", processors=len(sys.argv) + 1', before="pass", after="pass"), True),
}


def _build(tmp_path, case):
    fields, _ = CASES[case]
    return project(tmp_path, {"kit/__init__.py": "", "kit/parallel.py": PARALLEL,
                              "main.py": MAIN.format(**fields)})


@pytest.mark.parametrize("case", sorted(CASES))
def test_item_fields_decide_the_nested_pool(tmp_path, case):
    got = findings(_build(tmp_path, case) / "main.py", "MP413")
    assert bool(got) == CASES[case][1], [(f.start.row, f.message) for f in got]


def test_explicit_one_for_every_item_is_silent(tmp_path):
    fields = dict(default=4, second='"b", processors=1', before="pass", after="pass")
    text = MAIN.format(**fields).replace('Job("a")', 'Job("a", processors=1)')
    root = project(tmp_path, {"kit/__init__.py": "", "kit/parallel.py": PARALLEL, "main.py": text})
    assert findings(root / "main.py", "MP413") == []


SAME_MODULE = """
    from dataclasses import dataclass
    from multiprocessing import Pool

    @dataclass
    class Job:
        name: str
        processors: int = {default}

    def square(x):
        return x * x

    def parallel_map(func, values, processors=None):
        if processors == 1:
            return [func(value) for value in values]
        with Pool(processes=processors) as pool:
            return pool.map(func, values)

    def run_job(job):
        return sum(parallel_map(square, range(3), processors=job.processors))

    if __name__ == "__main__":
        with Pool(2) as pool:
            print(pool.map(run_job, [Job("a"), Job("b")]))
"""


@pytest.mark.parametrize("default, spawns", [(1, False), (2, True), ("None", True)])
def test_same_module_helper(default, spawns):
    assert ("MP413" in codes(SAME_MODULE.format(default=default))) == spawns


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("case", ["default_one", "an_item_sets_two"])
def test_runtime_item_fields(tmp_path, case, method):
    if method != "spawn" and sys.platform == "win32":
        pytest.skip("POSIX start method")
    root = _build(tmp_path, case)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if CASES[case][1]:
        assert out.returncode != 0 and "daemonic processes are not allowed to have children" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "('a', 5)" in out.stdout, out.stderr


@pytest.mark.parametrize("change", [
    ("from dataclasses import dataclass", "from pydantic.dataclasses import dataclass"),  # converts its values
    ("        processors: int = 1\n", "        processors: int = 1\n\n        def __post_init__(self):\n"
                                      "            self.processors = max(self.processors, 2)\n"),
    ("@dataclass", "@dataclass(init=False)"),
    ("class Job:", "class Job(Base):"),
    ("pool.map(run_job, [Job(\"a\"), Job(\"b\")])", "pool.map(run_job, [Job(\"a\"), *more])"),
])
def test_objects_whose_fields_may_differ_keep_the_finding(change):
    text = SAME_MODULE.format(default=1)
    assert change[0] in text
    assert "MP413" in codes(text.replace(change[0], change[1]))


@pytest.mark.parametrize("spelling", [
    ("import dataclasses as dc", "@dc.dataclass"),
    ("import dataclasses", "@dataclasses.dataclass(frozen=True)"),
    ("from dataclasses import dataclass as record", "@record"),
])
def test_the_standard_dataclass_however_imported(spelling):
    """The decorator is the standard library's dataclass whatever name the import gives it (the import map)."""
    text = SAME_MODULE.format(default=1).replace("from dataclasses import dataclass", spelling[0])
    assert "@dataclass\n" in text
    assert "MP413" not in codes(text.replace("@dataclass\n", spelling[1] + "\n"))


CORPUS = Path(__file__).parent / "corpus" / "fresh_realistic8" / "cases"
NOLITSA = {"nolitsa1_surrogates_parallel_map_serial.py": False, "nolitsa1_surrogates_parallel_map_in_pool.py": True}


@pytest.mark.parametrize("name", sorted(NOLITSA))
def test_corpus_pair(name):
    got = [f for f in analyze_path(CORPUS / name, Settings(), project_root=CORPUS).findings if f.code == "MP413"]
    assert bool(got) == NOLITSA[name]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(NOLITSA))
def test_runtime_corpus_pair(name, method):
    out = run_program(CORPUS / name, method, timeout=60, cwd=CORPUS)
    if NOLITSA[name]:
        assert out.returncode != 0 and "daemonic processes are not allowed to have children" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "henon" in out.stdout, out.stderr
