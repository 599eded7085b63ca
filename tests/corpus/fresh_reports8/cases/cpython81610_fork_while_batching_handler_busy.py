# family: fork_only
# hazard: fork-with-held-lock
# line: 54
# expect: fork=deadlock spawn=ok forkserver=ok
# timeout: 8
# note: https://github.com/python/cpython/issues/81610 -- "Python hangs on fork when a logger is in use in a background thread": here the lock is the batching handler's own buffer lock, held by the heartbeat thread inside emit() when the job process forks; logging re-creates only the handler locks it knows about, so the child's first log call waits forever
import logging
import multiprocessing as mp
import sys
import threading
import time

log = logging.getLogger("service")


class BatchingHandler(logging.Handler):
    def __init__(self, flush_at=1, slow_flush=0.0):
        super().__init__()
        self._batch_lock = threading.Lock()
        self._batch = []
        self.flushed = []
        self.flush_at = flush_at
        self.slow_flush = slow_flush
        self.flushing = threading.Event()

    def emit(self, record):
        with self._batch_lock:
            self._batch.append(self.format(record))
            if len(self._batch) >= self.flush_at:
                self.flushing.set()
                time.sleep(self.slow_flush)
                self.flushed.extend(self._batch)
                self._batch.clear()


def heartbeat():
    log.info("heartbeat")


def run_job(name, out):
    log.info("job %s starting", name)
    out.put(name)


if __name__ == "__main__":
    handler = BatchingHandler(slow_flush=2.0)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    beat = threading.Thread(target=heartbeat)
    beat.start()
    handler.flushing.wait()
    out = mp.Queue()
    job = mp.Process(target=run_job, args=("nightly", out))
    job.start()
    name = out.get()
    job.join()
    beat.join()
    print(f"RESULT={name}")
