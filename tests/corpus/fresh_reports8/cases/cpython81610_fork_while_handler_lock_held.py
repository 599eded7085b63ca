# family: fork_only
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/81610 -- the case logging itself covers since 3.7 (bpo-6721): the heartbeat thread is inside a slow emit() holding only the handler's own lock, which logging re-creates in the forked child, so the job's log call goes through
import logging
import multiprocessing as mp
import sys
import threading
import time

log = logging.getLogger("service")


class SlowHandler(logging.Handler):
    def __init__(self, slow_flush=0.0):
        super().__init__()
        self.flushed = []
        self.slow_flush = slow_flush
        self.flushing = threading.Event()

    def emit(self, record):
        self.flushing.set()
        time.sleep(self.slow_flush)
        self.flushed.append(self.format(record))


def heartbeat():
    log.info("heartbeat")


def run_job(name, out):
    log.info("job %s starting", name)
    out.put(name)


if __name__ == "__main__":
    handler = SlowHandler(slow_flush=2.0)
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
