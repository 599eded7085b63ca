# family: results
# hazard: broken-pool-not-recreated
# line: 23 r28kit/jobexec.py:31
# files: r28kit/jobexec.py
# timeout: 30
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/agronholm/apscheduler/issues/362 -- "ProcessPoolExecutor ends in an unrecoverable state when a worker is terminated abruptly": one job's worker is killed (OOM killer, segfault, Kubernetes; here os._exit(137)), the executor's ProcessPoolExecutor is broken for good and every later job fails at once with BrokenProcessPool until the scheduler is restarted; the scheduler only logs job errors and goes on, so 1 of the 3 healthy jobs runs
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
    executor = jobexec.ProcessPoolJobExecutor(max_workers=args.workers)
    events = Scheduler(executor).run_pending(jobs)
    for name, event in events:
        print(f"{name}: {event}")
    executed = sum(event == "EVENT_JOB_EXECUTED" for _name, event in events)
    print(f"RESULT=executed={executed}/{len(jobs)}")
    return 0 if executed == len(jobs) - 1 else 3


if __name__ == "__main__":
    sys.exit(main())
