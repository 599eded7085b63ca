# family: results
# hazard: none
# line: none
# files: r23kit/jobqueue.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/TkTech/chancy/pull/95 -- the PR's fix: "Pool construction is extracted into a _create_pool() helper. In push(), the pool.submit() call is wrapped in a try/except BrokenProcessPool: on failure the broken pool is replaced with a fresh one (old.shutdown(wait=False)), and the submit is retried once. If the retry also raises, the job is routed through on_job_completed(exc=...)"
"""Run queued jobs in a process pool (a chancy-like worker with a ProcessExecutor)."""
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from r23kit.jobqueue import MemoryQueue, run_job, sample_jobs


class ProcessExecutor:
    def __init__(self, max_workers=2):
        self.max_workers = max_workers
        self.pool = self._create_pool()
        self.in_flight = 0
        self.lock = threading.Lock()
        self.done = {}

    def _create_pool(self):
        return ProcessPoolExecutor(max_workers=self.max_workers)

    def on_job_completed(self, job, future):
        exc = future.exception()
        job.state = "failed" if exc is not None else "succeeded"
        self.done[job.id] = (job.state, None if exc else future.result())
        with self.lock:
            self.in_flight -= 1

    def push(self, job):
        with self.lock:
            self.in_flight += 1
        job.attempts += 1
        try:
            future = self.pool.submit(run_job, job.func, job.kwargs)
        except BrokenProcessPool:
            old, self.pool = self.pool, self._create_pool()
            old.shutdown(wait=False)
            try:
                future = self.pool.submit(run_job, job.func, job.kwargs)
            except BrokenProcessPool as exc:
                future = Future()
                future.set_exception(exc)
        future.add_done_callback(lambda fut, job=job: self.on_job_completed(job, fut))
        return future

    def wait_idle(self):
        while True:
            with self.lock:
                if self.in_flight == 0:
                    return
            time.sleep(0.01)

    def stop(self):
        self.pool.shutdown(wait=True)


class Worker:
    def __init__(self, queue, executor):
        self.queue = queue
        self.executor = executor

    def run(self):
        while True:
            job = self.queue.pull()
            if job is None:
                break
            self.executor.push(job)
            self.executor.wait_idle()   # concurrency 1: one job at a time
        self.executor.stop()
        return self.executor.done


if __name__ == "__main__":
    done = Worker(MemoryQueue(sample_jobs()), ProcessExecutor()).run()
    ok = sorted(k for k, (state, _) in done.items() if state == "succeeded")
    print(f"RESULT={ok}")
    sys.exit(0)
