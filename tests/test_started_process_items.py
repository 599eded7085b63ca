"""A container a loop fills with objects that each hold the Process they start: pickled while a later child is spawned
(the bound-method target's object reaches the container), it holds the earlier objects, whose processes are started
and refuse the weakref their Popen's finalizer keeps: `TypeError: cannot pickle 'weakref.ReferenceType' object`
(auto-southwest-check-in #119, fresh_reports18 southwest119_checkin_handler_keeps_process). A Process object that is
only the one being spawned pickles; it no longer hides the rest of the object's state (a lambda after it). Near misses:
a local Process whose pid is kept (PR #120), a container the handed object does not reach. Proven under fork, spawn
and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

HAZARD = """
    import multiprocessing


    class Job:
        def __init__(self, board, n):
            self.board = board
            self.n = n
            self.worker = multiprocessing.Process(target=self.work)

        def launch(self):
            self.worker.start()

        def work(self):
            print("job", self.n)


    class Board:
        def __init__(self):
            self.jobs = []

        def run(self, numbers):
            for n in numbers:
                job = Job(self, n)
                job.launch()
                self.jobs.append(job)
            for job in self.jobs:
                job.worker.join()
            return [job.worker.exitcode for job in self.jobs]


    if __name__ == "__main__":
        print("RESULT=%s" % Board().run([1, 2]))
"""

PID_KEPT = HAZARD.replace("""            self.worker = multiprocessing.Process(target=self.work)

        def launch(self):
            self.worker.start()
""", """            self.pid = None

        def launch(self):
            process = multiprocessing.Process(target=self.work)
            process.start()
            self.pid = process.pid
            return process
""").replace("""                job.launch()
                self.jobs.append(job)
            for job in self.jobs:
                job.worker.join()
            return [job.worker.exitcode for job in self.jobs]""", """                started.append(job.launch())
                self.jobs.append(job)
            for process in started:
                process.join()
            return [process.exitcode for process in started]""").replace(
    "            for n in numbers:", "            started = []\n            for n in numbers:")

UNREACHED = HAZARD.replace("job = Job(self, n)", "job = Job(None, n)")

LAMBDA_AFTER = """
    import multiprocessing


    class Job:
        def __init__(self, n):
            self.n = n
            self.worker = multiprocessing.Process(target=self.work)
            self.describe = lambda: "job %d" % n

        def work(self):
            print("job", self.n)


    if __name__ == "__main__":
        job = Job(1)
        job.worker.start()
        job.worker.join()
        print("RESULT=%s" % job.worker.exitcode)
"""

LAMBDA_SAFE = LAMBDA_AFTER.replace('            self.describe = lambda: "job %d" % n\n', "")


def test_started_processes_of_the_kept_objects():
    [finding] = found(HAZARD, "MP201")
    assert "the Job objects a loop keeps, whose .worker is a started multiprocessing Process" in finding.message
    assert "cannot pickle 'weakref.ReferenceType' object" in finding.message


def test_a_process_object_no_longer_hides_the_rest():
    [finding] = found(LAMBDA_AFTER, "MP201")
    assert ".describe is a lambda" in finding.message


@pytest.mark.parametrize("program", [PID_KEPT, UNREACHED, LAMBDA_SAFE], ids=["pid-kept", "unreached", "own-process"])
def test_near_misses(program):
    assert found(program, "MP201") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    spawned = method != "fork"
    for name, program, fails, error, printed in (
            ("hazard.py", HAZARD, spawned, "cannot pickle 'weakref.ReferenceType' object", ""),
            ("pid.py", PID_KEPT, False, "", "RESULT=[0, 0]"),
            ("unreached.py", UNREACHED, False, "", "RESULT=[0, 0]"),
            ("lambda.py", LAMBDA_AFTER, spawned, "Job.__init__.<locals>.<lambda>", ""),
            ("own.py", LAMBDA_SAFE, False, "", "RESULT=0")):
        path = tmp_path / name
        path.write_text(textwrap.dedent(program))
        out = run_program(path, method)
        if fails:
            assert out.returncode != 0 and error in out.stderr, (name, out.stderr)
        else:
            assert out.returncode == 0 and printed in out.stdout, (name, out.stderr)


def test_the_variants_differ():
    assert len({HAZARD, PID_KEPT, UNREACHED}) == 3 and "started.append(job.launch())" in PID_KEPT
