# family: conditions
# hazard: none
# line: none
# win32: pickling_error
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss: a CAN_FORK flag computed from hasattr(os, "fork") selects the fork context, and the bound-method target's object holds a threading.Lock that a forked child simply inherits. Modelled on https://github.com/dials/dials/pull/2747 ("Use get_context(method=fork) on all platforms", Windows handled separately).
"""Crawl a few (simulated) pages from a child process with a rate limiter."""
import multiprocessing
import os
import threading

CAN_FORK = hasattr(os, "fork")


def mp_context():
    return multiprocessing.get_context("fork" if CAN_FORK else "spawn")


class Crawler:
    def __init__(self, pages):
        self.pages = pages
        self.rate_lock = threading.Lock()

    def crawl(self, out):
        for page in self.pages:
            with self.rate_lock:
                out.put((page, len(page) * 100))
        out.put(None)


def main():
    ctx = mp_context()
    out = ctx.Queue()
    crawler = Crawler(["/", "/about", "/pricing"])
    proc = ctx.Process(target=crawler.crawl, args=(out,))
    proc.start()
    results = list(iter(lambda: out.get(timeout=10), None))
    proc.join()
    print(results)


if __name__ == "__main__":
    main()
