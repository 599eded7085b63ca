# family: pebble
# hazard: unpicklable-argument
# line: 31
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: A crawler class schedules its own bound method on a pebble ProcessPool; the instance keeps a threading.Lock for its statistics. pebble pickles the task's function, so the bound method drags the instance and its lock along: "cannot pickle '_thread.lock' object", under every start method. Shape of https://github.com/noxdafox/pebble/issues/60 (a Tester scheduling `self.run_one`) and https://github.com/noxdafox/pebble/issues/152 ("TypeError: cannot pickle '_thread.lock' object" with a scheduled function).
"""Fake crawler: fetch pages in a pebble pool and count bytes."""
import threading

from pebble import ProcessPool

SITE = {f"/page/{i}": "<p>" + "word " * (i * 20) + "</p>" for i in range(1, 6)}


class Crawler:
    def __init__(self, pages, workers=2):
        self.pages = pages
        self.workers = workers
        self.stats_lock = threading.Lock()
        self.fetched = 0

    def fetch(self, path):
        return path, len(self.pages[path])

    def record(self, size):
        with self.stats_lock:
            self.fetched += size

    def crawl(self):
        with ProcessPool(max_workers=self.workers) as pool:
            futures = [pool.schedule(self.fetch, args=(path,), timeout=10) for path in self.pages]
            for future in futures:
                _, size = future.result()
                self.record(size)
        return self.fetched


if __name__ == "__main__":
    crawler = Crawler(SITE)
    total = crawler.crawl()
    print(f"fetched {len(SITE)} pages, {total} bytes")
    print("RESULT=" + str(total))
