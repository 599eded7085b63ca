# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/chrisspen/django-chroniker/issues/208: the Process subclass keeps the log path and opens the file in run(), in the child, so spawn pickles only strings.
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
        self.log_path = os.path.join(log_dir, job_name + ".log")

    def run(self):
        with open(self.log_path, "a") as log:
            log.write(f"{self.job_name} ran\n")

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
    logs = sorted(os.listdir(log_dir))
    print(logs)
    return 0 if all(p.exitcode == 0 for p in procs) else 1


if __name__ == "__main__":
    sys.exit(run_cron(["cleanup", "digest"]))
