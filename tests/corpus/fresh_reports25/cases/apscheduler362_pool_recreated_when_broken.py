# family: results
# hazard: none
# line: none
# files: r28kit/jobexec.py
# timeout: 30
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/agronholm/apscheduler/issues/362 -- the behaviour the issue asks for ("Executor recovers itself"): when a job finds the pool broken the executor shuts it down and makes a new ProcessPoolExecutor, so only the job whose worker was killed fails and the later jobs run
"""Nightly scheduler: run the report jobs in the process pool executor and log what happened."""
import argparse
import sys

from r28kit import jobexec


class Scheduler:
    def __init__(self, executor):
        self.executor = executor
        self.events = []

    def run_pending(self, jobs):
        self.executor.start()
        for name, func, arg in jobs:
            value, error = self.executor.run_job(func, arg)
            self.events.append((name, "EVENT_JOB_ERROR" if error else "EVENT_JOB_EXECUTED"))
        self.executor.shutdown()
        return self.events


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    jobs = [("heartbeat", jobexec.null_op, 1), ("big_report", jobexec.render_report, 10**6),
            ("heartbeat", jobexec.null_op, 2), ("small_report", jobexec.render_report, 10)]
    executor = jobexec.ProcessPoolJobExecutor(max_workers=args.workers, recreate_broken=True)
    events = Scheduler(executor).run_pending(jobs)
    for name, event in events:
        print(f"{name}: {event}")
    executed = sum(event == "EVENT_JOB_EXECUTED" for _name, event in events)
    print(f"RESULT=executed={executed}/{len(jobs)}")
    return 0 if executed == len(jobs) - 1 else 3


if __name__ == "__main__":
    sys.exit(main())
