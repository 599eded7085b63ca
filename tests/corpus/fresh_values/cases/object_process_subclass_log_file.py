# family: object
# hazard: unpicklable-argument
# line: 19 27
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/chrisspen/django-chroniker/issues/208 (chroniker/utils.py TimedProcess.start -> "TypeError: cannot pickle '_io.TextIOWrapper' object" on macOS, Python 3.8) and https://github.com/crate/crate-python/issues/398: a Process subclass opens its log file in __init__ and keeps the file object as an attribute; spawn pickles the process object.
"""Run cron-like jobs in timed child processes, each with its own log file."""
import multiprocessing
import os
import sys
import tempfile
import time


class TimedProcess(multiprocessing.Process):
    def __init__(self, job_name, log_dir, max_seconds=5.0):
        super().__init__(name=job_name)
        self.job_name = job_name
        self.max_seconds = max_seconds
        self.log = open(os.path.join(log_dir, job_name + ".log"), "a")

    def run(self):
        self.log.write(f"{self.job_name} ran\n")
        self.log.flush()

    def start_timed(self):
        self.t0 = time.time()
        self.start()


def run_cron(job_names):
    log_dir = tempfile.mkdtemp(prefix="cron-")
    procs = [TimedProcess(name, log_dir) for name in job_names]
    for proc in procs:
        proc.start_timed()
    for proc in procs:
        proc.join(timeout=proc.max_seconds)
        proc.log.close()
    logs = sorted(os.listdir(log_dir))
    print(logs)
    return 0 if all(p.exitcode == 0 for p in procs) else 1


if __name__ == "__main__":
    sys.exit(run_cron(["cleanup", "digest"]))
