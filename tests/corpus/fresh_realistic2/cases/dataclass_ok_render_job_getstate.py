# family: dataclass
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/pytroll/donfig/issues/17: the same RenderJob keeps its RLock in a default_factory field, but defines __getstate__/__setstate__ that drop the lock and make a fresh one on the other side, so Pool.map pickles the jobs under every start method.
"""Render monthly report pages in a process pool.

Usage: render_reports.py [--months 1 2 3] [--workers N]
"""
import argparse
import multiprocessing
import threading
from dataclasses import dataclass, field


@dataclass
class RenderJob:
    month: int
    template: str = "<h1>{title}</h1><p>{body}</p>"
    title_prefix: str = "Report"
    cache: dict = field(default_factory=dict)
    cache_guard: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def title(self):
        return f"{self.title_prefix} {self.month:02d}/2026"

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["cache_guard"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.cache_guard = threading.RLock()


def render(job):
    with job.cache_guard:
        body = job.cache.setdefault("body", f"{job.month * 17} orders")
    return job.template.format(title=job.title(), body=body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--months", type=int, nargs="*", default=[1, 2, 3])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    jobs = [RenderJob(month=m) for m in args.months]
    with multiprocessing.Pool(args.workers) as pool:
        pages = pool.map(render, jobs)
    for page in pages:
        print(page)


if __name__ == "__main__":
    main()
