# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: joblib/joblib#718 (the maintainers' answer: the threading backend needs no pickling) as a parallel_config(prefer="threads") block around a method that hands a closure holding a threading.Lock to delayed.
"""Fetch-like I/O work in threads; a lock guards a shared counter."""
import sys
import threading
import time

from joblib import Parallel, delayed, parallel_config


class Crawler:
    def __init__(self, urls):
        self.urls = urls
        self.lock = threading.Lock()
        self.fetched = 0

    def crawl(self):
        def fetch(url):
            time.sleep(0.01)
            with self.lock:
                self.fetched += 1
            return url, len(url)

        return Parallel(n_jobs=4)(delayed(fetch)(u) for u in self.urls)


def main():
    urls = [f"https://example.invalid/page/{i}" for i in range(8)]
    with parallel_config(prefer="threads"):
        crawler = Crawler(urls)
        pages = crawler.crawl()
    print(f"RESULT={crawler.fetched}")
    if crawler.fetched != 8 or len(pages) != 8:
        sys.exit(3)


if __name__ == "__main__":
    main()
