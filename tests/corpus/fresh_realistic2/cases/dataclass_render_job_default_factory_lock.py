# family: dataclass
# hazard: unpicklable-argument
# line: 42
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/pytroll/donfig/issues/17 ("TypeError: cannot pickle '_thread.lock' object when trying to pass around a donfig object": a config object that quietly owns a lock). A report renderer's RenderJob dataclass gets `field(default_factory=threading.RLock)` for a cache guard; the jobs are mapped over a Pool, which pickles them under every start method.
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
