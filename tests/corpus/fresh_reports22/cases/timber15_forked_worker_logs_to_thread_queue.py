# family: threads
# hazard: thread-lost-at-fork
# line: r25kit/timberlog_threaded.py:16 36 37
# files: r25kit/timberlog_threaded.py
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/vectordotdev/timber-python/pull/15 -- "Fix TimberHandler so that if the process where the handler is created gets forked, the child process can keep logging": the handler buffered records in a queue.Queue drained by a flush thread started with the handler; a forked child has no such thread ("one thing that fork() doesn't copy is threads"), so its records were never shipped
"""A prefork job runner that ships its log records through a Timber-like handler."""
import argparse
import logging
import multiprocessing
import os
import sys
import tempfile

from r25kit.timberlog_threaded import TimberHandler

FORK = multiprocessing.get_context("fork")
logger = logging.getLogger("jobs")


def run_job(job_id, steps):
    for step in range(steps):
        logger.info("job %s step %s", job_id, step)


class JobRunner:
    def __init__(self, sink_path):
        self.handler = TimberHandler(sink_path)
        logger.addHandler(self.handler)
        logger.setLevel(logging.INFO)

    def run(self, jobs):
        logger.info("runner starting %d jobs", len(jobs))
        procs = []
        for job_id, steps in jobs:
            proc = FORK.Process(target=run_job, args=(job_id, steps))
            proc.start()
            procs.append(proc)
        for proc in procs:
            proc.join()
        logger.info("runner done")
        self.handler.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=3)
    args = parser.parse_args(argv)
    fd, sink = tempfile.mkstemp(suffix=".log")
    os.close(fd)
    runner = JobRunner(sink)
    runner.run([("a", args.steps), ("b", args.steps)])
    with open(sink) as fh:
        shipped = sum(1 for _ in fh)
    os.unlink(sink)
    print(f"RESULT={shipped}")
    return 0 if shipped == 2 + 2 * args.steps else 3


if __name__ == "__main__":
    sys.exit(main())
