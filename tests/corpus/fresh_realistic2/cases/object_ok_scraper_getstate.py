# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/kube-HPC/hkube/issues/1410: a page Scraper keeps a threading.Lock in self (set in __init__), but __getstate__ leaves it out and __setstate__ makes a new one per worker, so `pool.map(self.fetch, urls)` pickles the bound method under every start method.
"""Fetch a list of pages with a politeness limit (offline: pages are simulated).

Usage: scrape.py [--workers N] [--delay SECONDS]
"""
import argparse
import hashlib
import multiprocessing
import threading
import time

URLS = [f"https://example.org/catalog?page={n}" for n in range(1, 7)]


class Scraper:
    def __init__(self, delay=0.0, user_agent="catalog-bot/1.0"):
        self.delay = delay
        self.user_agent = user_agent
        self._rate_lock = threading.Lock()
        self.seen = 0

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_rate_lock")
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._rate_lock = threading.Lock()

    def fetch(self, url):
        with self._rate_lock:
            time.sleep(self.delay)
        body = f"<html>{url} for {self.user_agent}</html>".encode()
        return url, hashlib.md5(body).hexdigest()[:8]

    def run(self, urls, workers):
        with multiprocessing.Pool(workers) as pool:
            results = pool.map(self.fetch, urls)
        self.seen += len(results)
        return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()

    scraper = Scraper(delay=args.delay)
    for url, digest in scraper.run(URLS, args.workers):
        print(digest, url)
    print("pages:", scraper.seen)


if __name__ == "__main__":
    main()
