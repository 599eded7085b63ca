# family: sync
# hazard: lock-released-twice
# line: 43
# expect: fork=error:ValueError spawn=error:ValueError forkserver=error:ValueError
# note: https://github.com/kbaseattic/assembly/issues/264 -- "ValueError: semaphore or lock released too many times" at self.job_list_lock.release() in consume.py's compute(): the consumer releases the multiprocessing lock after registering the job and, when the job then fails, releases it again in its error path
import json
import logging
import multiprocessing
import sys


class ArastConsumer:
    """Takes assembly jobs off a queue; every worker registers its running job in a shared list."""

    def __init__(self, job_list, threads=2):
        self.threads = threads
        self.job_list = job_list
        self.job_list_lock = multiprocessing.Lock()
        self.jobs = multiprocessing.Queue()
        self.done = multiprocessing.Queue()

    def run_pipeline(self, job):
        if not job.get("pipeline"):
            raise ValueError("job %s has no pipeline" % job["job_id"])
        return {"job_id": job["job_id"], "contigs": len(job["pipeline"]) * 10}

    def callback(self, body):
        try:
            self.done.put(("ok", self.compute(body)))
        except Exception as e:
            logging.error("job failed: %s", e)
            self.done.put(("failed", str(e)))
            raise

    def compute(self, body):
        job = json.loads(body)
        self.job_list_lock.acquire()
        try:
            self.job_list.append({"job_id": job["job_id"], "status": "running"})
            self.job_list_lock.release()
            result = self.run_pipeline(job)
        except Exception:
            self.job_list_lock.release()
            raise
        return result

    def worker(self):
        while True:
            body = self.jobs.get()
            if body is None:
                return
            self.callback(body)

    def start(self, bodies):
        workers = [multiprocessing.Process(target=self.worker) for _ in range(self.threads)]
        for w in workers:
            w.start()
        for body in bodies:
            self.jobs.put(body)
        results = [self.done.get(timeout=10) for _ in bodies]
        for _ in workers:
            self.jobs.put(None)
        for w in workers:
            w.join(5)
        return results


if __name__ == "__main__":
    manager = multiprocessing.Manager()
    consumer = ArastConsumer(manager.list(), threads=1)
    bodies = [json.dumps({"job_id": 1, "pipeline": ["velvet"]}), json.dumps({"job_id": 2, "pipeline": []})]
    results = consumer.start(bodies)
    print("RESULT=%s" % sorted(r[0] for r in results))
    manager.shutdown()
