"""A job worker that keeps what its `register()` method is given in the object (`self._registry[name] = func`)
and hands it to a process pool from another method, reached through a lazily made executor property
(faktory_worker_python #45: a factory's local `task` registered as a job fails with "Can't pickle local
object"). Two models: a `@property` read is what the property returns; and, for the modules importing the
worker, the sibling method's parameter is what the pool receives (a sink of `Worker.register`)."""
from __future__ import annotations

import textwrap

import pytest

from helpers import assert_outcome, check, run_program
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

WORKER = """
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


class Worker:
    def __init__(self, concurrency=2):
        self.concurrency = concurrency
        self._registry = {}
        self._executor = None
        self._pending = []

    def register(self, name, func):
        self._registry[name] = func

    @property
    def executor(self):
        if self._executor is None:
            self._executor = POOL(max_workers=self.concurrency)
        return self._executor

    def _process(self, job):
        func = self._registry[job["jobtype"]]
        self._pending.append((job["jid"], self.executor.submit(func, *job["args"])))

    def run_jobs(self, jobs):
        try:
            for job in jobs:
                self._process(job)
            return {jid: future.result(timeout=10) for jid, future in self._pending}
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
"""

JOBS = """
def double(x):
    return 2 * x


def make_scaler(factor):
    def scale(x):
        return factor * x
    return scale


def make_doubler():
    return double


def main():
    worker = Worker()
    worker.register("double", double)
    worker.register("scale", JOB)
    statuses = worker.run_jobs([{"jid": "a", "jobtype": "double", "args": [2]},
                                {"jid": "b", "jobtype": "scale", "args": [3]}])
    print("RESULT=", statuses["a"] + statuses["b"])


if __name__ == "__main__":
    main()
"""

CLOSURE, MODULE_LEVEL = "make_scaler(3)", "make_doubler()"


def _one_file(job: str, pool: str = "ProcessPoolExecutor") -> str:
    return WORKER.replace("POOL", pool) + JOBS.replace("JOB", job)


def _mp201(src: str) -> list:
    return [f for f in check(src) if f.code == "MP201"]


def test_the_property_gives_the_pool_and_the_factory_closure_is_found():
    found = _mp201(_one_file(CLOSURE))
    assert found and all("scale" in f.message for f in found)


def test_a_factory_returning_a_module_level_function_stays_silent():
    assert _mp201(_one_file(MODULE_LEVEL)) == []


def test_a_property_giving_a_thread_pool_stays_silent():
    assert _mp201(_one_file(CLOSURE, "ThreadPoolExecutor")) == []


def _project(tmp_path, job: str, pool: str = "ProcessPoolExecutor"):
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "__init__.py").write_text("")
    (tmp_path / "jobs" / "worker.py").write_text(textwrap.dedent(WORKER.replace("POOL", pool)))
    main = tmp_path / "main.py"
    main.write_text("from jobs.worker import Worker\n" + textwrap.dedent(JOBS.replace("JOB", job)))
    return main


def _mp201_in(path) -> list:
    return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings if f.code == "MP201"]


def test_across_modules_the_registered_closure_is_found(tmp_path):
    main = _project(tmp_path, CLOSURE)
    found = _mp201_in(main)
    assert found and all("Worker.register" in f.message for f in found)
    register_row = next(i for i, line in enumerate(main.read_text().splitlines(), 1) if 'register("scale"' in line)
    assert register_row in {f.start.row for f in found}


@pytest.mark.parametrize("job, pool", [(MODULE_LEVEL, "ProcessPoolExecutor"), (CLOSURE, "ThreadPoolExecutor")])
def test_across_modules_the_near_misses_stay_silent(tmp_path, job, pool):
    assert _mp201_in(_project(tmp_path, job, pool)) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("job", [CLOSURE, MODULE_LEVEL])
def test_runtime_the_registered_job(tmp_path, method, job):
    path = _project(tmp_path, job)
    out = run_program(path, method, cwd=tmp_path)
    assert_outcome(out, job == CLOSURE, ("Can't pickle local object", "Can't get local object"), "RESULT= 10")
    assert bool(_mp201_in(path)) == (job == CLOSURE)
