"""A dataclass of another project module whose field defaults to an object pickle refuses (`lock: Lock =
field(default_factory=threading.Lock)`), built here without that field and handed to a child: under spawn and
forkserver `Process(args=(Job("x"),))` fails with TypeError: cannot pickle '_thread.lock' object (observed in the
session-11 battery, g4); a call that gives the field, or a class that pickles its own way, is not judged."""
from test_semantic_crossmodule import findings, project

JOBS = """
    import threading
    from dataclasses import dataclass, field


    @dataclass
    class Job:
        name: str
        lock: threading.Lock = field(default_factory=threading.Lock)
"""

MAIN = """
    from multiprocessing import Process

    from kit.jobs import Job


    def run(job):
        print(job.name)


    if __name__ == "__main__":
        p = Process(target=run, args=(JOB,))
        p.start()
        p.join()
"""


def check(tmp_path, job: str, jobs: str = JOBS) -> list:
    root = project(tmp_path, {"kit/__init__.py": "", "kit/jobs.py": jobs, "main.py": MAIN.replace("JOB", job)})
    return [(f.code, f.start.row) for f in findings(root / "main.py")]


def test_a_refused_default_field(tmp_path):
    assert check(tmp_path, 'Job("x")') == [("MP203", 12)]


def test_the_field_given_by_the_call_is_not_judged(tmp_path):
    assert check(tmp_path, 'Job("x", None)') == []


def test_a_class_with_its_own_getstate_is_fine(tmp_path):
    jobs = JOBS + "\n        def __getstate__(self):\n            return {'name': self.name}\n"
    assert check(tmp_path, 'Job("x")', jobs) == []
