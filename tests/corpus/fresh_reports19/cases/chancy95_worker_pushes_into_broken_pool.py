# family: results
# hazard: broken-process-pool-reused-after-worker-death
# line: 35
# files: r23kit/jobqueue.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: https://github.com/TkTech/chancy/pull/95 -- "fix(process): recover from broken process pool" (fixes #94): "When a subprocess dies abruptly (via os._exit(), a signal, OOM, ...), concurrent.futures marks the pool as broken and raises BrokenProcessPool on every subsequent submit() call. This exception escaped ProcessExecutor.push() into the worker's job-pull loop, killing the entire worker"
"""Run queued jobs in a process pool (a chancy-like worker with a ProcessExecutor)."""
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from r23kit.jobqueue import MemoryQueue, run_job, sample_jobs


class ProcessExecutor:
    def __init__(self, max_workers=2):
        self.max_workers = max_workers
        self.pool = ProcessPoolExecutor(max_workers=max_workers)
        self.in_flight = 0
        self.lock = threading.Lock()
        self.done = {}

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
        future = self.pool.submit(run_job, job.func, job.kwargs)
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
