# family: threads
# hazard: fork-with-held-lock
# line: 44 45
# files: s18kit/stats.py
# timeout: 10
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/86263 -- "Python 3.7.9 logging/threading/fork hang": a background thread is inside a lock-protected write when the main thread forks a multiprocessing child; the child inherits the lock in its held state, with no thread left to release it, and hangs at its first write; closed as not a Python bug (a program that mixes threads with fork)
"""Render report pages in worker processes while the metrics sink uploads in the background."""
import multiprocessing
import sys
from dataclasses import dataclass

from s18kit import stats


@dataclass
class RenderConfig:
    pages: int = 8
    workers: int = 2
    upload_seconds: float = 3.0


def render_pages(worker_id, pages, out_q):
    total = 0
    for page in pages:
        size = 1000 + page * 17
        stats.record("page_bytes", size)
        total += size
    out_q.put((worker_id, total))


class RenderService:
    def __init__(self, config):
        self.config = config
        self.ctx = multiprocessing
        self.procs = []

    def shards(self):
        n = self.config.workers
        return [list(range(self.config.pages))[i::n] for i in range(n)]

    def start_workers(self, out_q):
        for worker_id, pages in enumerate(self.shards()):
            p = self.ctx.Process(target=render_pages, args=(worker_id, pages, out_q))
            p.start()
            self.procs.append(p)

    def run(self):
        stats.record("run_started", 1)
        stats.flush_in_background(self.config.upload_seconds)
        out_q = self.ctx.Queue()
        self.start_workers(out_q)
        totals = dict(out_q.get() for _ in self.procs)
        for p in self.procs:
            p.join()
        return sum(totals.values())


def main():
    total = RenderService(RenderConfig()).run()
    print("RESULT=%d" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
